using System.Numerics;
using QSim.Backends;
using QSim.Gates;
using QSim.Numerics;
using QSim.Tests.Oracles;

namespace QSim.Tests.Backends;

/// <summary>
/// Matrices with structure the CPU kernels use (real entries, real diagonal with imaginary off-diagonal as in RX,
/// no diagonal as in X and Y, real diagonals), on every qubit placement with and without controls, on every kernel
/// path, alone and inside a blocked sweep, against the dense reference.
/// </summary>
[TestFixtureSource(typeof(BackendConfigurations), nameof(BackendConfigurations.All))]
public sealed class StructuredKernelTests(string configuration) : BackendFixture(configuration)
{
    private const int Qubits = 7;

    /// <summary>Real orthogonal matrices of 1-5 targets, 0-2 controls, targets and controls inside and above the SIMD vector.</summary>
    [Test]
    public void ApplyMatrix_RealMatricesUpToFiveTargets_MatchOracle([Values(1, 2, 3, 4, 5)] int targets)
    {
        var rng = new Random(300 + targets);
        for (int trial = 0; trial < 8; trial++)
        {
            var (on, controls) = Placement(targets, trial % 3, rng);
            AssertMatchesOracle(RealMatrix(1 << targets, rng), on, controls, rng, $"real {targets}-target");
        }
    }

    private static IEnumerable<TestCaseData> OneTargetForms()
    {
        yield return new TestCaseData("rx", GateLibrary.RX.Matrix([0.9])).SetArgDisplayNames("rx");
        yield return new TestCaseData("ry", GateLibrary.RY.Matrix([-1.3])).SetArgDisplayNames("ry");
        yield return new TestCaseData("h", GateLibrary.H.Matrix([])).SetArgDisplayNames("h");
        yield return new TestCaseData("x", GateLibrary.X.Matrix([])).SetArgDisplayNames("x");
        yield return new TestCaseData("y", GateLibrary.Y.Matrix([])).SetArgDisplayNames("y");
        yield return new TestCaseData("z", GateLibrary.Z.Matrix([])).SetArgDisplayNames("z as dense");
        var phasedSwap = new ComplexMatrix([0, Complex.FromPolarCoordinates(1, 0.4), Complex.FromPolarCoordinates(1, -2.1), 0]);
        yield return new TestCaseData("phase permutation", phasedSwap).SetArgDisplayNames("phase permutation");
        var imaginaryDiagonal = new ComplexMatrix([new Complex(0, 0.6), 0.8, 0.8, new Complex(0, 0.6)]);
        yield return new TestCaseData("imaginary diagonal", imaginaryDiagonal).SetArgDisplayNames("imaginary diagonal");
    }

    /// <summary>1-qubit matrices whose diagonal and off-diagonal entries are each real, imaginary or zero, on every target, under 0-2 controls.</summary>
    [TestCaseSource(nameof(OneTargetForms))]
    public void ApplyMatrix_OneTargetWithStructure_MatchesOracle(string name, ComplexMatrix matrix)
    {
        var rng = new Random(name.Length * 31);
        for (int target = 0; target < Qubits; target++)
            foreach (int controlCount in new[] { 0, 1, 2 })
            {
                int[] controls = [.. Enumerable.Range(0, Qubits).Where(q => q != target).OrderBy(_ => rng.Next()).Take(controlCount)];
                AssertMatchesOracle(matrix, [target], controls, rng, name);
            }
    }

    /// <summary>Real diagonals (CZ-like signs and arbitrary reals) on 1-3 targets under 0-2 controls.</summary>
    [Test]
    public void ApplyDiagonal_RealEntries_MatchesOracle([Values(1, 2, 3)] int targets)
    {
        var rng = new Random(400 + targets);
        for (int trial = 0; trial < 6; trial++)
        {
            var (on, controls) = Placement(targets, trial % 3, rng);
            Complex[] diagonal = trial % 2 == 0
                ? [.. Enumerable.Range(0, 1 << targets).Select(_ => (Complex)(rng.Next(2) == 0 ? 1.0 : -1.0))]
                : [.. Enumerable.Range(0, 1 << targets).Select(_ => (Complex)(rng.NextDouble() * 2 - 1))];
            var initial = ReferenceSimulator.RandomState(Qubits, rng.Next());
            var expected = ReferenceSimulator.Apply(initial, GateDefinition.ControlledMatrix(controls.Length, ComplexMatrix.Diagonal(diagonal)), [.. controls, .. on]);
            foreach (var precision in new[] { Precision.Single, Precision.Double })
            {
                using var state = Backend.CreateState(Qubits, precision);
                state.SetAmplitudes(initial);
                state.ApplyDiagonal(on, diagonal, controls);
                KernelOracleTests.AssertClose(state, expected, precision, $"real diagonal on [{string.Join(",", on)}] controls [{string.Join(",", controls)}]");
            }
        }
    }

    /// <summary>A sweep mixing every form (real, RX-like, permutation, complex, real diagonal) applies them in order as separate calls do.</summary>
    [Test]
    public void ApplySweep_MixedForms_MatchesOracle()
    {
        var rng = new Random(500);
        MatrixApplication[] run =
        [
            new([0], [], GateLibrary.RY.Matrix([0.3]).Elements.ToArray(), false),
            new([3], [], GateLibrary.RX.Matrix([1.1]).Elements.ToArray(), false),
            new([1], [4], GateLibrary.X.Matrix([]).Elements.ToArray(), false),
            new([2, 5], [], RealMatrix(4, rng).Elements.ToArray(), false),
            new([0, 4, 1], [], RealMatrix(8, rng).Elements.ToArray(), false),
            new([1, 2], [], [1, 1, 1, -1], true),
            new([5], [0], KernelOracleTests.RandomMatrix(2, rng).Elements.ToArray(), false),
        ];
        var initial = ReferenceSimulator.RandomState(Qubits, rng.Next());
        var expected = initial;
        foreach (var a in run)
        {
            var target = a.IsDiagonal ? ComplexMatrix.Diagonal(a.Matrix) : new ComplexMatrix(a.Matrix);
            expected = ReferenceSimulator.Apply(expected, GateDefinition.ControlledMatrix(a.Controls.Length, target), [.. a.Controls, .. a.Targets]);
        }
        foreach (var precision in new[] { Precision.Single, Precision.Double })
        {
            using var state = Backend.CreateState(Qubits, precision);
            state.SetAmplitudes(initial);
            state.ApplySweep(run, blockQubits: Qubits - 1);
            KernelOracleTests.AssertClose(state, expected, precision, "mixed forms in a sweep");
        }
    }

    private void AssertMatchesOracle(ComplexMatrix matrix, int[] on, int[] controls, Random rng, string what)
    {
        var initial = ReferenceSimulator.RandomState(Qubits, rng.Next());
        var expected = ReferenceSimulator.Apply(initial, GateDefinition.ControlledMatrix(controls.Length, matrix), [.. controls, .. on]);
        foreach (var precision in new[] { Precision.Single, Precision.Double })
        {
            using var state = Backend.CreateState(Qubits, precision);
            state.SetAmplitudes(initial);
            state.ApplyMatrix(on, matrix.Elements, controls);
            KernelOracleTests.AssertClose(state, expected, precision, $"{what} on [{string.Join(",", on)}] controls [{string.Join(",", controls)}]");
        }
    }

    /// <summary>Targets and controls in random order, drawn so that low qubits (inside a SIMD vector) are often among them.</summary>
    private static (int[] Targets, int[] Controls) Placement(int targets, int controls, Random rng)
    {
        var order = Enumerable.Range(0, Qubits).OrderBy(q => rng.Next(Qubits) - (q < 2 ? 3 : 0)).ToArray();
        int[] chosen = [.. order[..(targets + controls)].OrderBy(_ => rng.Next())];
        return (chosen[..targets], chosen[targets..]);
    }

    /// <summary>A random real matrix (not unitary: the kernels do not care, and the oracle applies any matrix).</summary>
    internal static ComplexMatrix RealMatrix(int dimension, Random rng) =>
        new([.. Enumerable.Range(0, dimension * dimension).Select(_ => new Complex(rng.NextDouble() - 0.5, 0))]);
}
