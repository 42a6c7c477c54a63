using System.Numerics;
using QSim.Backends;
using QSim.Gates;
using QSim.Tests.Oracles;

namespace QSim.Tests.Backends;

/// <summary>
/// States larger than one layout segment (2^20 amplitudes) are stored with gaps between segments:
/// gates whose pairs cross segments, and every reduction, must see the same amplitudes as the oracle.
/// </summary>
[TestFixtureSource(typeof(BackendConfigurations), nameof(BackendConfigurations.CpuNames))]
public sealed class SegmentedLayoutTests(string configuration) : BackendFixture(configuration)
{
    private const int Qubits = 21;
    private readonly Complex[] _initial = ReferenceSimulator.RandomState(Qubits, seed: 21);

    [Test]
    public void GatesAcrossSegments_MatchOracle([Values] Precision precision)
    {
        var u = GateLibrary.U3.Matrix([0.3, 1.2, -0.7]);
        var cz = GateLibrary.ISwap.Matrix([]);
        var expected = ReferenceSimulator.Apply(_initial, u, [20]);
        expected = ReferenceSimulator.Apply(expected, cz, [1, 20]);
        expected = ReferenceSimulator.Apply(expected, GateLibrary.CX.Matrix([]), [20, 3]);
        using var state = Backend.CreateState(Qubits, precision);
        state.SetAmplitudes(_initial);
        state.ApplyMatrix([20], u.Elements, []);
        state.ApplyMatrix([1, 20], cz.Elements, []);
        state.ApplyMatrix([3], GateLibrary.X.Matrix([]).Elements, [20]);
        KernelOracleTests.AssertClose(state, expected, precision, "gates across segments");
    }

    [Test]
    public void DenseBlocksAcrossSegments_MatchOracle([Values] Precision precision, [Values(3, 4, 5)] int targets)
    {
        // The top qubit picks the segment; low qubits 0-1 and a high control put every kind of target in one block.
        int[] on = new[] { 20, 0, 13, 1, 7 }[..targets];
        int[] controls = [15];
        var matrix = KernelOracleTests.RandomMatrix(1 << targets, new Random(targets));
        var expected = ReferenceSimulator.Apply(_initial, GateDefinition.ControlledMatrix(1, matrix), [.. controls, .. on]);
        using var state = Backend.CreateState(Qubits, precision);
        state.SetAmplitudes(_initial);
        state.ApplyMatrix(on, matrix.Elements, controls);
        KernelOracleTests.AssertClose(state, expected, precision, $"{targets} targets across segments");
    }

    [Test]
    public void Reductions_AcrossSegments_MatchDirectSums()
    {
        using var state = Backend.CreateState(Qubits, Precision.Double);
        state.SetAmplitudes(_initial);
        double p1 = _initial.Where((_, i) => (i >> 20 & 1) != 0).Sum(a => a.Magnitude * a.Magnitude);
        // ⟨X20 Z0⟩ = Σ_i conj(ψ[i ⊕ 2^20])·(−1)^{i_0}·ψ[i].
        double xz = Enumerable.Range(0, _initial.Length)
            .Sum(i => (Complex.Conjugate(_initial[i ^ (1 << 20)]) * _initial[i] * ((i & 1) == 0 ? 1 : -1)).Real);
        var probabilities = new double[_initial.Length];
        state.GetProbabilities(probabilities);
        using var copy = Backend.CreateState(Qubits, Precision.Double);
        copy.CopyFrom(state);
        Assert.Multiple(() =>
        {
            Assert.That(state.ProbabilityOfOne(20), Is.EqualTo(p1).Within(1e-12));
            Assert.That(state.ExpectationPauli(1UL << 20, 1), Is.EqualTo(xz).Within(1e-12));
            Assert.That(probabilities[^1], Is.EqualTo(_initial[^1].Magnitude * _initial[^1].Magnitude).Within(1e-15));
            Assert.That(copy.InnerProduct(state).Real, Is.EqualTo(1).Within(1e-12));
            Assert.That(SampleNearOne(state), Is.EqualTo(_initial.Length - 1));
        });
    }

    /// <summary>
    /// Above 2^22 amplitudes the every-qubit overlaps fold blocks into rows (and cross segments): a one-qubit diagonal
    /// term on every qubit matches the direct sum Σ_i conj(bra_i)·d_{bit q of i}·ket_i.
    /// </summary>
    [Test]
    public void MatrixElements_OneQubitDiagonalsOnEveryQubitOfALargeState_MatchDirectSums([Values] Precision precision)
    {
        const int qubits = 23;
        var bra = ReferenceSimulator.RandomState(qubits, seed: 230);
        var ket = ReferenceSimulator.RandomState(qubits, seed: 231);
        using var braState = Backend.CreateState(qubits, precision);
        using var ketState = Backend.CreateState(qubits, precision);
        braState.SetAmplitudes(bra);
        ketState.SetAmplitudes(ket);
        var products = bra.Zip(ket, (b, k) => Complex.Conjugate(b) * k).ToArray();
        var terms = Enumerable.Range(0, qubits)
            .Select(q => new MatrixApplication([q], [], [new Complex(0.5, -0.1 * q), 0, 0, new Complex(-0.3, 0.2)], false))
            .ToArray();
        var results = new Complex[qubits];

        ketState.MatrixElements(braState, terms, 17, results);

        Assert.Multiple(() =>
        {
            for (int q = 0; q < qubits; q++)
            {
                Complex expected = Complex.Zero;
                for (int i = 0; i < products.Length; i++) expected += products[i] * terms[q].Matrix[(i >> q & 1) * 3];
                Assert.That((results[q] - expected).Magnitude, Is.LessThan(precision == Precision.Single ? 1e-5 : 1e-11), $"qubit {q}: {results[q]} vs {expected}");
            }
        });
    }

    private static long SampleNearOne(IStateVector state)
    {
        var indices = new long[1];
        state.Sample([0.999999999999], indices);
        return indices[0];
    }
}
