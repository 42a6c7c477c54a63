using System.Numerics;
using QSim.Backends;
using QSim.Gates;
using QSim.Numerics;
using QSim.Tests.Oracles;

namespace QSim.Tests.Backends;

/// <summary>Every library gate on every qubit placement, against the dense reference, on every kernel path.</summary>
[TestFixtureSource(typeof(BackendConfigurations), nameof(BackendConfigurations.All))]
public sealed class KernelOracleTests(string configuration) : BackendFixture(configuration)
{
    private static IEnumerable<TestCaseData> Gates() =>
        GateLibrary.All.Values.Distinct().Where(g => g.QubitCount > 0).OrderBy(g => g.Name)
            .Select(g => new TestCaseData(g.Name).SetArgDisplayNames(g.Name));

    [TestCaseSource(nameof(Gates))]
    public void ApplyGate_OnRandomStates_MatchesOracle(string name)
    {
        var gate = GateLibrary.Find(name)!;
        var rng = new Random(name.Length * 7919 + gate.QubitCount);
        foreach (int qubits in new[] { gate.QubitCount, 4, 6 }.Where(n => n >= gate.QubitCount).Distinct())
            foreach (var placement in Placements(qubits, gate.QubitCount, rng))
            {
                var parameters = Enumerable.Range(0, gate.ParameterCount).Select(_ => rng.NextDouble() * 4 - 2).ToArray();
                var initial = ReferenceSimulator.RandomState(qubits, rng.Next());
                var expected = ReferenceSimulator.Apply(initial, gate.Matrix(parameters), placement);
                foreach (var precision in new[] { Precision.Single, Precision.Double })
                {
                    using var state = Backend.CreateState(qubits, precision);
                    state.SetAmplitudes(initial);
                    // One gate lowered as the compiler lowers it: controls apart, diagonals as diagonals.
                    var circuit = new QSim.Circuits.Circuit(qubits).Gate(gate, [.. placement], [.. parameters.Select(p => (QSim.Parameters.ParameterExpression)p)]);
                    var plan = new QSim.Passes.PassManager(0, Backend.Capabilities, precision).Compile(circuit).Plan;
                    plan.Bind(QSim.Parameters.ParameterBinding.Empty);
                    QSim.Execution.PlanExecutor.ApplyUnitary(plan, state);
                    AssertClose(state, expected, precision, $"{name} on [{string.Join(",", placement)}] of {qubits}");
                }
            }
    }

    [Test]
    public void ApplyMatrix_DenseUpToFiveTargetsWithControls_MatchesOracle([Values(1, 2, 3, 4, 5)] int targets)
    {
        var rng = new Random(targets);
        const int qubits = 8;
        for (int trial = 0; trial < 6; trial++)
        {
            var order = Enumerable.Range(0, qubits).OrderBy(_ => rng.Next()).ToArray();
            int[] on = order[..targets];
            int[] controls = order[targets..(targets + trial % 3)];
            AssertMatrixMatchesOracle(qubits, on, controls, rng);
        }
    }

    /// <summary>
    /// The shapes fusion produces, on the SIMD kernel's dense loop: 3-5 targets, of which 0-2 below qubit 2 (inside an
    /// AVX2 complex64 vector), with no control, a control below qubit 2 (folded into the matrix as a lane pattern),
    /// one above, or both.
    /// </summary>
    [Test]
    public void ApplyMatrix_DenseBlocksByLowTargetsAndControls_MatchOracle([Values(3, 4, 5)] int targets, [Values(0, 1, 2)] int lowTargets)
    {
        var rng = new Random(10 * targets + lowTargets);
        const int qubits = 8;
        int[] lowQubits = [0, 1];
        foreach (var (lowControl, highControl) in new[] { (false, false), (true, false), (false, true), (true, true) })
        {
            if (lowControl && lowTargets == lowQubits.Length) continue;
            int[] high = Enumerable.Range(lowQubits.Length, qubits - lowQubits.Length).OrderBy(_ => rng.Next()).ToArray();
            int[] on = [.. lowQubits[..lowTargets], .. high[..(targets - lowTargets)]];
            on = [.. on.OrderBy(_ => rng.Next())];
            int[] controls = [.. lowControl ? lowQubits[lowTargets..(lowTargets + 1)] : [], .. highControl ? high[^1..] : []];
            AssertMatrixMatchesOracle(qubits, on, controls, rng);
        }
    }

    [Test]
    public void ApplyMatrix_DenseOnStatesOfOneGroup_MatchesOracle([Values(3, 4, 5)] int targets)
    {
        // Every qubit a target: one group, so the dense loop's odd last group (paired with itself) is the whole state.
        var rng = new Random(20 + targets);
        AssertMatrixMatchesOracle(targets, [.. Enumerable.Range(0, targets).OrderBy(_ => rng.Next())], [], rng);
    }

    private void AssertMatrixMatchesOracle(int qubits, int[] on, int[] controls, Random rng)
    {
        var matrix = RandomMatrix(1 << on.Length, rng);
        var initial = ReferenceSimulator.RandomState(qubits, rng.Next());
        var full = GateDefinition.ControlledMatrix(controls.Length, matrix);
        var expected = ReferenceSimulator.Apply(initial, full, [.. controls, .. on]);
        foreach (var precision in new[] { Precision.Single, Precision.Double })
        {
            using var state = Backend.CreateState(qubits, precision);
            state.SetAmplitudes(initial);
            state.ApplyMatrix(on, matrix.Elements, controls);
            AssertClose(state, expected, precision, $"targets [{string.Join(",", on)}] controls [{string.Join(",", controls)}] of {qubits}");
        }
    }

    [Test]
    public void ApplyMatrix_OneQubitOnTinyStates_MatchesOracle([Values(1, 2, 3)] int qubits)
    {
        // States of one or two SIMD vectors: odd group counts and runs of a single group.
        var rng = new Random(qubits);
        for (int target = 0; target < qubits; target++)
        {
            var matrix = RandomMatrix(2, rng);
            var initial = ReferenceSimulator.RandomState(qubits, rng.Next());
            var expected = ReferenceSimulator.Apply(initial, matrix, [target]);
            foreach (var precision in new[] { Precision.Single, Precision.Double })
            {
                using var state = Backend.CreateState(qubits, precision);
                state.SetAmplitudes(initial);
                state.ApplyMatrix([target], matrix.Elements, []);
                AssertClose(state, expected, precision, $"target {target} of {qubits}");
            }
        }
    }

    [Test]
    public void ApplyDiagonal_WithControls_MatchesOracle([Values(0, 1, 2, 3)] int targets)
    {
        var rng = new Random(100 + targets);
        const int qubits = 7;
        for (int trial = 0; trial < 6; trial++)
        {
            var order = Enumerable.Range(0, qubits).OrderBy(_ => rng.Next()).ToArray();
            int[] on = order[..targets];
            int[] controls = order[targets..(targets + trial % 3)];
            var diagonal = Enumerable.Range(0, 1 << targets).Select(_ => Complex.FromPolarCoordinates(1, rng.NextDouble() * 6)).ToArray();
            var initial = ReferenceSimulator.RandomState(qubits, rng.Next());
            var full = GateDefinition.ControlledMatrix(controls.Length, ComplexMatrix.Diagonal(diagonal));
            var expected = ReferenceSimulator.Apply(initial, full, [.. controls, .. on]);
            foreach (var precision in new[] { Precision.Single, Precision.Double })
            {
                using var state = Backend.CreateState(qubits, precision);
                state.SetAmplitudes(initial);
                state.ApplyDiagonal(on, diagonal, controls);
                AssertClose(state, expected, precision, $"diagonal on [{string.Join(",", on)}] controls [{string.Join(",", controls)}]");
            }
        }
    }

    /// <summary>
    /// Diagonals that are exactly 1 wherever some targets are 0 (CZ, CP, CRZ-like shapes; all ones; a phase on one
    /// corner): the CPU turns those targets into controls, so this checks that rewrite on its own and inside a sweep.
    /// </summary>
    [Test]
    public void ApplyDiagonal_WithIdentityWhereTargetsAreZero_MatchesOracle([Values(1, 2, 3)] int targets)
    {
        var rng = new Random(200 + targets);
        const int qubits = 7;
        for (int trial = 0; trial < 8; trial++)
        {
            // The top qubit stays free, so a sweep with blocks of 2^(n-1) amplitudes takes the gate.
            var order = Enumerable.Range(0, qubits - 1).OrderBy(_ => rng.Next()).ToArray();
            int[] on = order[..targets];
            int[] controls = order[targets..(targets + trial % 2)];
            int identityWhereZero = rng.Next(1 << targets); // targets whose 0 half is the identity
            var diagonal = Enumerable.Range(0, 1 << targets)
                .Select(i => (i & identityWhereZero) == identityWhereZero ? Complex.FromPolarCoordinates(1, rng.NextDouble() * 6) : Complex.One)
                .ToArray();
            var initial = ReferenceSimulator.RandomState(qubits, rng.Next());
            var full = GateDefinition.ControlledMatrix(controls.Length, ComplexMatrix.Diagonal(diagonal));
            var expected = ReferenceSimulator.Apply(initial, full, [.. controls, .. on]);
            string label = $"diagonal [{string.Join(",", diagonal.Select(d => d == Complex.One ? "1" : "z"))}] on [{string.Join(",", on)}] controls [{string.Join(",", controls)}]";
            foreach (var precision in new[] { Precision.Single, Precision.Double })
            {
                using var state = Backend.CreateState(qubits, precision);
                state.SetAmplitudes(initial);
                state.ApplyDiagonal(on, diagonal, controls);
                AssertClose(state, expected, precision, label);

                using var swept = Backend.CreateState(qubits, precision);
                swept.SetAmplitudes(initial);
                swept.ApplySweep([new MatrixApplication([.. on], [.. controls], diagonal, IsDiagonal: true)], blockQubits: qubits - 1);
                AssertClose(swept, expected, precision, label + " in a sweep");
            }
        }
    }

    internal static ComplexMatrix RandomMatrix(int dimension, Random rng) =>
        new(Enumerable.Range(0, dimension * dimension).Select(_ => new Complex(rng.NextDouble() - 0.5, rng.NextDouble() - 0.5)).ToArray());

    /// <summary>Every ordered placement for 1-2 qubit gates; a seeded sample of orderings for larger ones.</summary>
    private static IEnumerable<int[]> Placements(int qubits, int arity, Random rng)
    {
        if (arity <= 2)
        {
            foreach (int a in Enumerable.Range(0, qubits))
                if (arity == 1) yield return [a];
                else
                    foreach (int b in Enumerable.Range(0, qubits).Where(b => b != a)) yield return [a, b];
            yield break;
        }
        for (int i = 0; i < 12; i++) yield return Enumerable.Range(0, qubits).OrderBy(_ => rng.Next()).Take(arity).ToArray();
    }

    internal static void AssertClose(IStateVector state, Complex[] expected, Precision precision, string what)
    {
        var actual = new Complex[expected.Length];
        state.GetAmplitudes(actual);
        double tolerance = precision == Precision.Single ? 1e-5 : 1e-12;
        double worst = expected.Zip(actual, (e, a) => (e - a).Magnitude).Max();
        Assert.That(worst, Is.LessThanOrEqualTo(tolerance), $"{what} ({precision}): largest amplitude error {worst:G3}");
    }
}
