using System.Numerics;
using QSim.Backends;
using QSim.Cpu.Simd;
using QSim.Observables;
using QSim.Tests.Backends;
using QSim.Tests.Oracles;

namespace QSim.Tests.Observables;

/// <summary>
/// One Pauli-group pass at a time against the dense reference, on every CPU kernel path: flip masks inside the
/// SIMD lanes, above them and both, Y terms (imaginary factors), many terms per group, and a state of two layout
/// segments against the scalar pass.
/// </summary>
[TestFixtureSource(typeof(BackendConfigurations), nameof(BackendConfigurations.CpuNames))]
public sealed class PauliGroupPassTests(string configuration) : BackendFixture(configuration)
{
    private const int Qubits = 8;

    // No flip, lane bits only (for every vector width), vector bits only, and both.
    private static readonly ulong[] FlipMasks = [0, 0b1, 0b110, 0b1000_0000, 0b1010_0000, 0b1000_0101, 0b1111_1111];

    [Test]
    public void ExpectationPauliGroup_ManyTermsOnRandomState_MatchesDenseReference([Values] Precision precision)
    {
        var rng = new Random(300);
        var amplitudes = ReferenceSimulator.RandomState(Qubits, rng.Next());
        using var state = Backend.CreateState(Qubits, precision);
        state.SetAmplitudes(amplitudes);
        foreach (ulong x in FlipMasks)
        {
            var (z, c) = RandomGroup(rng, terms: 12, Qubits);
            double expected = DensePauliSum.Expectation(Sum(x, z, c, Qubits), amplitudes, Qubits);
            Assert.That(state.ExpectationPauliGroup(x, z, c), Is.EqualTo(expected).Within(Tolerance(precision)), $"x = {x:b}");
        }
    }

    [Test]
    public void AddPauliGroup_ManyTermsOnRandomState_AddsDenseReference([Values] Precision precision)
    {
        var rng = new Random(301);
        var source = ReferenceSimulator.RandomState(Qubits, rng.Next());
        var initial = ReferenceSimulator.RandomState(Qubits, rng.Next());
        using var from = Backend.CreateState(Qubits, precision);
        using var to = Backend.CreateState(Qubits, precision);
        from.SetAmplitudes(source);
        var actual = new Complex[1 << Qubits];
        foreach (ulong x in FlipMasks)
        {
            var (z, c) = RandomGroup(rng, terms: 12, Qubits);
            var added = DensePauliSum.Apply(Sum(x, z, c, Qubits), source, Qubits);
            to.SetAmplitudes(initial);
            to.AddPauliGroup(from, x, z, c);
            to.GetAmplitudes(actual);
            for (int i = 0; i < actual.Length; i++)
                Assert.That(Complex.Abs(actual[i] - (initial[i] + added[i])), Is.LessThan(Tolerance(precision)), $"x = {x:b}, amplitude {i}");
        }
    }

    [Test]
    public void PauliGroup_OnTwoLayoutSegments_MatchesScalarPass([Values] Precision precision)
    {
        const int qubits = 21;
        var rng = new Random(302);
        var source = ReferenceSimulator.RandomState(qubits, rng.Next());
        using var scalar = BackendConfigurations.Create($"{SimdLevel.Scalar}/1");
        using var state = Backend.CreateState(qubits, precision);
        using var reference = scalar.CreateState(qubits, precision);
        using var to = Backend.CreateState(qubits, precision);
        using var referenceTo = scalar.CreateState(qubits, precision);
        state.SetAmplitudes(source);
        reference.SetAmplitudes(source);
        var actual = new Complex[1 << qubits];
        var expected = new Complex[1 << qubits];
        // The top qubit pairs amplitudes across the segment boundary; z on it signs whole segments.
        foreach (ulong x in new ulong[] { 0, 1UL << 20, (1UL << 20) | 0b101 })
        {
            ulong[] z = [(1UL << 20) | 0b11, 0b110, 1UL << 19 | 1UL << 20, 0b1];
            double[] c = [0.5, -1.25, 0.75, 2];
            Assert.That(state.ExpectationPauliGroup(x, z, c), Is.EqualTo(reference.ExpectationPauliGroup(x, z, c)).Within(Tolerance(precision)), $"x = {x:b}");
            to.SetBasisState(0);
            referenceTo.SetBasisState(0);
            to.AddPauliGroup(state, x, z, c);
            referenceTo.AddPauliGroup(reference, x, z, c);
            to.GetAmplitudes(actual);
            referenceTo.GetAmplitudes(expected);
            for (int i = 0; i < actual.Length; i++)
                if (Complex.Abs(actual[i] - expected[i]) > Tolerance(precision))
                    Assert.Fail($"x = {x:b}, amplitude {i}: {actual[i]} against the scalar pass's {expected[i]}");
        }
    }

    private static double Tolerance(Precision precision) => precision == Precision.Double ? 1e-12 : 1e-5;

    /// <summary>Random z masks (a Y where they meet x) and coefficients for one group.</summary>
    private static (ulong[] Z, double[] Coefficients) RandomGroup(Random rng, int terms, int qubits)
    {
        var z = new ulong[terms];
        var c = new double[terms];
        for (int t = 0; t < terms; t++)
        {
            z[t] = (ulong)rng.NextInt64(1L << qubits);
            c[t] = rng.NextDouble() * 2 - 1;
        }
        return (z, c);
    }

    /// <summary>The group as a Pauli sum: X where only x has the qubit, Z where only z, Y where both.</summary>
    private static PauliSum Sum(ulong x, ulong[] z, double[] c, int qubits)
    {
        var terms = new List<PauliTerm>();
        for (int t = 0; t < z.Length; t++)
        {
            var p = PauliString.Identity;
            for (int q = 0; q < qubits; q++)
            {
                bool flips = (x >> q & 1) != 0, signs = (z[t] >> q & 1) != 0;
                if (flips || signs) p = p.With(flips && signs ? 'Y' : flips ? 'X' : 'Z', q);
            }
            terms.Add(new PauliTerm(c[t], p));
        }
        return new PauliSum(terms);
    }
}
