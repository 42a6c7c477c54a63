using System.Numerics;
using QSim.Backends;
using QSim.Gates;
using QSim.Numerics;
using QSim.Tests.Oracles;

namespace QSim.Tests.Backends;

/// <summary><see cref="IMatrixElementState.MatrixElement"/> against ⟨bra|(M applied by the dense oracle)⟩, on every backend configuration.</summary>
[TestFixtureSource(typeof(BackendConfigurations), nameof(BackendConfigurations.All))]
public sealed class MatrixElementTests(string configuration) : BackendFixture(configuration)
{
    private const int Qubits = 5;
    /// <summary>Diagonal matrices take the SIMD pass's diagonal terms only; 4 targets and 2 controls are its widest group.</summary>
    [Test]
    public void MatrixElement_EveryPlacementWithAndWithoutControls_MatchesOracle([Values(1, 2, 3, 4)] int targets, [Values] bool diagonal, [Values] Precision precision)
    {
        var rng = new Random(31 * targets + (int)precision + (diagonal ? 1000 : 0));
        var bra = ReferenceSimulator.RandomState(Qubits, rng.Next());
        var ket = ReferenceSimulator.RandomState(Qubits, rng.Next());
        using var braState = Load(bra, precision);
        using var ketState = Load(ket, precision);
        foreach (int[] on in OrderedPlacements(Qubits, targets))
        {
            var free = Enumerable.Range(0, Qubits).Except(on).ToArray();
            foreach (int controlCount in new[] { 0, 1, 2 })
            {
                int[] controls = free.OrderBy(_ => rng.Next()).Take(controlCount).ToArray();
                var matrix = diagonal ? RandomDiagonal(1 << targets, rng) : KernelOracleTests.RandomMatrix(1 << targets, rng);
                Complex expected = Oracle(bra, ket, matrix, on, controls);
                Complex actual = ketState.MatrixElement(braState, on, matrix.Elements, controls);
                AssertClose(actual, expected, precision, $"targets [{string.Join(",", on)}] controls [{string.Join(",", controls)}]");
            }
        }
        KernelOracleTests.AssertClose(ketState, ket, precision, "the ket after every call");
        KernelOracleTests.AssertClose(braState, bra, precision, "the bra after every call");
    }

    [Test]
    public void MatrixElement_WithItselfAsBra_IsTheExpectation([Values] Precision precision)
    {
        var psi = ReferenceSimulator.RandomState(Qubits, seed: 77);
        var matrix = KernelOracleTests.RandomMatrix(4, new Random(78));
        using var state = Load(psi, precision);
        Complex actual = state.MatrixElement(state, [4, 1], matrix.Elements, [2]);
        AssertClose(actual, Oracle(psi, psi, matrix, [4, 1], [2]), precision, "⟨ψ|C(M)|ψ⟩");
    }

    [Test]
    public void MatrixElement_OnTwoLayoutSegments_MatchesOracle([Values] Precision precision) =>
        AssertShapesMatchOracle(21, 210, [([20], []), ([0], [20]), ([3, 20], [1]), ([20, 19, 0], [])], precision);

    /// <summary>Seven extended targets, and a dense 4-qubit block under 2 controls (304 terms), are beyond the SIMD pass: the scalar one answers.</summary>
    [Test]
    public void MatrixElement_ShapesBeyondTheSimdPass_MatchOracle([Values] Precision precision) =>
        AssertShapesMatchOracle(8, 80, [([0, 1, 2, 3, 4], [5, 6]), ([2, 5, 3, 4], [6, 7])], precision);

    /// <summary>Random bra and ket (seeds <paramref name="seed"/>, +1) and a random matrix per shape (seed +2), each element against the oracle.</summary>
    private void AssertShapesMatchOracle(int qubits, int seed, (int[] Targets, int[] Controls)[] shapes, Precision precision)
    {
        var bra = ReferenceSimulator.RandomState(qubits, seed);
        var ket = ReferenceSimulator.RandomState(qubits, seed + 1);
        var rng = new Random(seed + 2);
        using var braState = Load(bra, precision);
        using var ketState = Load(ket, precision);
        foreach (var (on, controls) in shapes)
        {
            var matrix = KernelOracleTests.RandomMatrix(1 << on.Length, rng);
            Complex actual = ketState.MatrixElement(braState, on, matrix.Elements, controls);
            AssertClose(actual, Oracle(bra, ket, matrix, on, controls), precision, $"targets [{string.Join(",", on)}] controls [{string.Join(",", controls)}]");
        }
    }

    /// <summary>States of 1 and 2 qubits are smaller than one vector on some paths: the scalar pass answers.</summary>
    [Test]
    public void MatrixElement_OnStatesSmallerThanAVector_MatchesOracle([Values(1, 2)] int qubits, [Values] Precision precision)
    {
        var bra = ReferenceSimulator.RandomState(qubits, seed: 90 + qubits);
        var ket = ReferenceSimulator.RandomState(qubits, seed: 95 + qubits);
        var rng = new Random(99);
        using var braState = Load(bra, precision);
        using var ketState = Load(ket, precision);
        for (int target = 0; target < qubits; target++)
        {
            int[] controls = qubits == 2 ? [1 - target] : [];
            var matrix = KernelOracleTests.RandomMatrix(2, rng);
            foreach (int[] on in new[] { controls, [] })
                AssertClose(ketState.MatrixElement(braState, [target], matrix.Elements, on), Oracle(bra, ket, matrix, [target], on), precision,
                    $"target {target} controls [{string.Join(",", on)}]");
        }
    }

    /// <summary>Terms below the block (read block by block), above it, under controls and on 2-3 qubits, with dense, diagonal and anti-diagonal matrices.</summary>
    [Test]
    public void MatrixElements_ManyTerms_MatchOracleEach([Values] Precision precision, [Values(4, 5)] int blockQubits)
    {
        var rng = new Random(70 + blockQubits);
        var bra = ReferenceSimulator.RandomState(Qubits, rng.Next());
        var ket = ReferenceSimulator.RandomState(Qubits, rng.Next());
        using var braState = Load(bra, precision);
        using var ketState = Load(ket, precision);
        var antiDiagonal = ComplexMatrix.FromRows([0, new(0.3, -0.2)], [new(0.5, 0.1), 0]);
        var terms = new List<(int[] Targets, int[] Controls, ComplexMatrix Matrix)>();
        for (int q = 0; q < Qubits; q++)
        {
            terms.Add(([q], [], KernelOracleTests.RandomMatrix(2, rng)));
            terms.Add(([q], [], q % 2 == 0 ? antiDiagonal : RandomDiagonal(2, rng)));
        }
        terms.Add(([3, 1], [], KernelOracleTests.RandomMatrix(4, rng)));
        terms.Add(([0], [2], KernelOracleTests.RandomMatrix(2, rng)));
        terms.Add(([2, 0, 1], [], KernelOracleTests.RandomMatrix(8, rng)));
        terms.Add(([Qubits - 1, 0], [], KernelOracleTests.RandomMatrix(4, rng)));
        var applications = terms.Select(t => new MatrixApplication([.. t.Targets], [.. t.Controls], t.Matrix.Elements.ToArray(), false)).ToArray();
        var results = new Complex[terms.Count];

        ketState.MatrixElements(braState, applications, blockQubits, results);

        for (int t = 0; t < terms.Count; t++)
            AssertClose(results[t], Oracle(bra, ket, terms[t].Matrix, terms[t].Targets, terms[t].Controls), precision,
                $"term {t}: targets [{string.Join(",", terms[t].Targets)}] controls [{string.Join(",", terms[t].Controls)}]");
        KernelOracleTests.AssertClose(ketState, ket, precision, "the ket after the read");
    }

    [Test]
    public void MatrixElements_OnTwoLayoutSegments_MatchOracleEach([Values] Precision precision)
    {
        const int qubits = 21;
        var rng = new Random(216);
        var bra = ReferenceSimulator.RandomState(qubits, seed: 217);
        var ket = ReferenceSimulator.RandomState(qubits, seed: 218);
        using var braState = Load(bra, precision);
        using var ketState = Load(ket, precision);
        var terms = new[] { 0, 1, 16, 20 }.Select(q => (Targets: new[] { q }, Matrix: KernelOracleTests.RandomMatrix(2, rng))).ToArray();
        var applications = terms.Select(t => new MatrixApplication([.. t.Targets], [], t.Matrix.Elements.ToArray(), false)).ToArray();
        var results = new Complex[terms.Length];

        ketState.MatrixElements(braState, applications, 17, results);

        for (int t = 0; t < terms.Length; t++)
            AssertClose(results[t], Oracle(bra, ket, terms[t].Matrix, terms[t].Targets, []), precision, $"target {terms[t].Targets[0]}");
    }

    /// <summary>A one-qubit diagonal term on every qubit (read together from every qubit's projector overlap), between dense and controlled ones.</summary>
    [Test]
    public void MatrixElements_OneQubitDiagonalsOnEveryQubit_MatchOracleEach([Values] Precision precision, [Values(3, 4, 5, 7, 13)] int qubits)
    {
        var rng = new Random(90 + qubits);
        var bra = ReferenceSimulator.RandomState(qubits, rng.Next());
        var ket = ReferenceSimulator.RandomState(qubits, rng.Next());
        using var braState = Load(bra, precision);
        using var ketState = Load(ket, precision);
        var terms = new List<(int[] Targets, int[] Controls, ComplexMatrix Matrix)> { ([0], [], KernelOracleTests.RandomMatrix(2, rng)) };
        for (int q = qubits - 1; q >= 0; q--) terms.Add(([q], [], RandomDiagonal(2, rng)));
        terms.Add(([qubits - 1], [0], RandomDiagonal(2, rng)));
        var applications = terms.Select(t => new MatrixApplication([.. t.Targets], [.. t.Controls], t.Matrix.Elements.ToArray(), false)).ToArray();
        var results = new Complex[terms.Count];

        ketState.MatrixElements(braState, applications, qubits - 1, results);

        for (int t = 0; t < terms.Count; t++)
            AssertClose(results[t], Oracle(bra, ket, terms[t].Matrix, terms[t].Targets, terms[t].Controls), precision,
                $"term {t}: targets [{string.Join(",", terms[t].Targets)}] controls [{string.Join(",", terms[t].Controls)}]");
    }

    /// <summary>
    /// The adjoint sweep's flush: a run of dense, diagonal and controlled matrices below the block un-applied from the ket
    /// and two bras (block by block on the CPU), then low, high, diagonal and controlled terms read for each bra.
    /// </summary>
    [Test]
    public void ApplySweepThenMatrixElements_MatchesOracleRunThenEachTerm([Values] Precision precision, [Values(7, 13)] int qubits)
    {
        int block = qubits - 2;
        var rng = new Random(110 + qubits);
        var ket = ReferenceSimulator.RandomState(qubits, rng.Next());
        var bras = new[] { ReferenceSimulator.RandomState(qubits, rng.Next()), ReferenceSimulator.RandomState(qubits, rng.Next()) };
        var run = new List<(int[] Targets, int[] Controls, ComplexMatrix Matrix, bool Diagonal)>
        {
            ([0], [], KernelOracleTests.RandomMatrix(2, rng), false),
            ([block - 1, 1], [], KernelOracleTests.RandomMatrix(4, rng), false),
            ([2, 3], [], RandomDiagonal(4, rng), true),
            ([4], [0], KernelOracleTests.RandomMatrix(2, rng), false),
        };
        var terms = new List<(int[] Targets, int[] Controls, ComplexMatrix Matrix)>
        {
            ([1], [], KernelOracleTests.RandomMatrix(2, rng)),
            ([0], [], RandomDiagonal(2, rng)),
            ([qubits - 1], [], RandomDiagonal(2, rng)),
            ([qubits - 1], [], KernelOracleTests.RandomMatrix(2, rng)),
            ([2, 0], [3], KernelOracleTests.RandomMatrix(4, rng)),
        };
        using var ketState = Load(ket, precision);
        using var bra0 = Load(bras[0], precision);
        using var bra1 = Load(bras[1], precision);
        var applications = run.Select(m => new MatrixApplication([.. m.Targets], [.. m.Controls], m.Diagonal ? m.Matrix.GetDiagonal() : m.Matrix.Elements.ToArray(), m.Diagonal)).ToArray();
        var termApplications = terms.Select(t => new MatrixApplication([.. t.Targets], [.. t.Controls], t.Matrix.Elements.ToArray(), false)).ToArray();
        var results = new Complex[2 * terms.Count];

        ketState.ApplySweepThenMatrixElements([bra0, bra1], applications, termApplications, block, results);

        Complex[] Swept(Complex[] state) => run.Aggregate(state, (s, m) => ReferenceSimulator.Apply(s, GateDefinition.ControlledMatrix(m.Controls.Length, m.Matrix), [.. m.Controls, .. m.Targets]));
        var sweptKet = Swept(ket);
        var sweptBras = bras.Select(Swept).ToArray();
        for (int b = 0; b < 2; b++)
            for (int t = 0; t < terms.Count; t++)
                AssertClose(results[b * terms.Count + t], Oracle(sweptBras[b], sweptKet, terms[t].Matrix, terms[t].Targets, terms[t].Controls), precision,
                    $"bra {b}, term {t}: targets [{string.Join(",", terms[t].Targets)}]");
        KernelOracleTests.AssertClose(ketState, sweptKet, precision, "the ket after the sweep");
        KernelOracleTests.AssertClose(bra0, sweptBras[0], precision, "the first bra after the sweep");
        KernelOracleTests.AssertClose(bra1, sweptBras[1], precision, "the second bra after the sweep");
    }

    [Test]
    public void ApplySweepThenMatrixElements_StateGivenTwice_Throws()
    {
        using var ket = Backend.CreateState(3, Precision.Double);
        using var bra = Backend.CreateState(3, Precision.Double);
        var term = new MatrixApplication([0], [], [1, 0, 0, 1], false);
        Assert.Multiple(() =>
        {
            Assert.Throws<ArgumentException>(() => ket.ApplySweepThenMatrixElements([ket], [], [term], 2, new Complex[1]));
            Assert.Throws<ArgumentException>(() => ket.ApplySweepThenMatrixElements([bra, bra], [], [term], 2, new Complex[2]));
        });
    }

    /// <summary>A wrong result count, a bra of another size or a term on a missing qubit throws before any state changes.</summary>
    [Test]
    public void ApplySweepThenMatrixElements_BadArguments_ThrowAndLeaveTheStates()
    {
        var ketAmplitudes = ReferenceSimulator.RandomState(3, seed: 31);
        var braAmplitudes = ReferenceSimulator.RandomState(3, seed: 32);
        using var ket = Load(ketAmplitudes, Precision.Double);
        using var bra = Load(braAmplitudes, Precision.Double);
        using var small = Backend.CreateState(2, Precision.Double);
        MatrixApplication[] run = [new([0], [], [0, 1, 1, 0], false)];
        var term = new MatrixApplication([0], [], [1, 0, 0, 1], false);
        var missing = new MatrixApplication([3], [], [1, 0, 0, 1], false);
        Assert.Multiple(() =>
        {
            Assert.Throws<ArgumentException>(() => ket.ApplySweepThenMatrixElements([bra], run, [term], 2, new Complex[2]));
            Assert.Throws<ArgumentException>(() => ket.ApplySweepThenMatrixElements([small], run, [term], 2, new Complex[1]));
            Assert.Catch<ArgumentException>(() => ket.ApplySweepThenMatrixElements([bra], run, [missing], 2, new Complex[1]));
        });
        KernelOracleTests.AssertClose(ket, ketAmplitudes, Precision.Double, "the ket");
        KernelOracleTests.AssertClose(bra, braAmplitudes, Precision.Double, "the bra");
    }

    [Test]
    public void MatrixElements_WrongResultCount_Throws()
    {
        using var state = Backend.CreateState(3, Precision.Double);
        var term = new MatrixApplication([0], [], [1, 0, 0, 1], false);
        Assert.Throws<ArgumentException>(() => state.MatrixElements(state, [term, term], 2, new Complex[1]));
    }

    [Test]
    public void MatrixElement_WithWrongMatrixSize_Throws()
    {
        using var state = Backend.CreateState(3, Precision.Double);
        Assert.Throws<ArgumentException>(() => state.MatrixElement(state, [0, 1], new Complex[4], []));
    }

    private IStateVector Load(Complex[] amplitudes, Precision precision)
    {
        var state = Backend.CreateState(BitOperations.Log2((uint)amplitudes.Length), precision);
        state.SetAmplitudes(amplitudes);
        return state;
    }

    private static ComplexMatrix RandomDiagonal(int dimension, Random rng) =>
        ComplexMatrix.Diagonal(Enumerable.Range(0, dimension).Select(_ => new Complex(rng.NextDouble() - 0.5, rng.NextDouble() - 0.5)).ToArray());

    /// <summary>Σ_i conj(bra[i])·(C(M)·ket)[i], with C(M) the full controlled matrix applied by the reference loop.</summary>
    private static Complex Oracle(Complex[] bra, Complex[] ket, ComplexMatrix matrix, int[] targets, int[] controls)
    {
        var applied = ReferenceSimulator.Apply(ket, GateDefinition.ControlledMatrix(controls.Length, matrix), [.. controls, .. targets]);
        Complex sum = Complex.Zero;
        for (int i = 0; i < bra.Length; i++) sum += Complex.Conjugate(bra[i]) * applied[i];
        return sum;
    }

    private static void AssertClose(Complex actual, Complex expected, Precision precision, string what)
    {
        double tolerance = precision == Precision.Single ? 1e-5 : 1e-12;
        Assert.That((actual - expected).Magnitude, Is.LessThanOrEqualTo(tolerance), $"{what} ({precision}): {actual} vs {expected}");
    }

    /// <summary>Every ordered choice of <paramref name="count"/> distinct qubits.</summary>
    private static IEnumerable<int[]> OrderedPlacements(int qubits, int count) =>
        count == 0
            ? [[]]
            : from rest in OrderedPlacements(qubits, count - 1)
              from q in Enumerable.Range(0, qubits).Except(rest)
              select (int[])[.. rest, q];
}
