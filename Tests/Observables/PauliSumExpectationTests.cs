using System.Numerics;
using QSim.Backends;
using QSim.Numerics;
using QSim.Observables;
using QSim.Tests.Backends;
using QSim.Tests.Oracles;

namespace QSim.Tests.Observables;

/// <summary>Grouped Pauli-sum passes against the dense reference, on every CPU kernel path.</summary>
[TestFixtureSource(typeof(BackendConfigurations), nameof(BackendConfigurations.CpuNames))]
public sealed class PauliSumExpectationTests(string configuration) : BackendFixture(configuration)
{
    [Test]
    public void Expectation_RandomSumOnRandomState_MatchesDenseReference([Values(1, 3, 6)] int qubits)
    {
        var rng = new Random(100 + qubits);
        var sum = DensePauliSum.Random(qubits, 12, rng) + PauliSum.Parse("0.75");
        var amplitudes = ReferenceSimulator.RandomState(qubits, rng.Next());
        double expected = DensePauliSum.Expectation(sum, amplitudes, qubits);
        foreach (var precision in new[] { Precision.Single, Precision.Double })
        {
            using var state = Backend.CreateState(qubits, precision);
            state.SetAmplitudes(amplitudes);
            Assert.That(sum.Expectation(state), Is.EqualTo(expected).Within(precision == Precision.Double ? 1e-12 : 1e-5), $"{precision}");
        }
    }

    [Test]
    public void Apply_RandomSumOnRandomState_MatchesDenseReference([Values(2, 5)] int qubits)
    {
        var rng = new Random(200 + qubits);
        var sum = DensePauliSum.Random(qubits, 9, rng);
        var amplitudes = ReferenceSimulator.RandomState(qubits, rng.Next());
        var expected = DensePauliSum.Apply(sum, amplitudes, qubits);
        using var source = Backend.CreateState(qubits, Precision.Double);
        using var destination = Backend.CreateState(qubits, Precision.Double);
        source.SetAmplitudes(amplitudes);
        destination.SetAmplitudes(ReferenceSimulator.RandomState(qubits, 7)); // overwritten, not added to
        sum.Apply(source, destination);
        var actual = new Complex[1 << qubits];
        destination.GetAmplitudes(actual);
        for (int i = 0; i < actual.Length; i++)
            Assert.That(Complex.Abs(actual[i] - expected[i]), Is.LessThan(1e-12), $"amplitude {i}");
    }

    [Test]
    public void ExpectationPauliGroup_DefaultAndCpuPass_Agree()
    {
        using var state = Backend.CreateState(5, Precision.Double);
        state.SetAmplitudes(ReferenceSimulator.RandomState(5, 11));
        ulong[] z = [0b00011, 0b10100, 0b01111];
        double[] c = [0.5, -1.25, 2];
        foreach (ulong x in new ulong[] { 0, 0b00101, 0b11010 })
        {
            double byTerm = 0;
            for (int t = 0; t < z.Length; t++) byTerm += c[t] * state.ExpectationPauli(x, z[t]);
            Assert.That(state.ExpectationPauliGroup(x, z, c), Is.EqualTo(byTerm).Within(1e-12), $"x = {x}");
        }
    }

    [Test]
    public void SampledExpectation_ManyShots_ConvergesToExact()
    {
        const int qubits = 4;
        var sum = PauliSum.Parse("0.5*Z0*Z1 - 1.2*X3 + Y0*Y1 + 0.3*X0*X2 + 0.7*Z2 + 0.1");
        using var state = Backend.CreateState(qubits, Precision.Double);
        using var scratch = Backend.CreateState(qubits, Precision.Double);
        state.SetAmplitudes(ReferenceSimulator.RandomState(qubits, 3));
        double exact = sum.Expectation(state);
        const int shots = 40_000;
        double estimate = SampledExpectation.Estimate(state, sum, shots, new SeededRandom(17), scratch);
        // Each term's mean has standard deviation at most |c|/sqrt(shots); allow five of their sum.
        double tolerance = 5 * sum.Terms.Sum(t => Math.Abs(t.Coefficient)) / Math.Sqrt(shots);
        Assert.That(estimate, Is.EqualTo(exact).Within(tolerance));
        Assert.That(SampledExpectation.Estimate(state, sum, shots, new SeededRandom(17), scratch), Is.EqualTo(estimate), "same seed, same estimate");
    }
}
