using QSim.Backends;
using QSim.Circuits;
using QSim.Cpu;
using QSim.Estimation;
using QSim.Execution;
using QSim.Observables;
using QSim.Passes;
using QSim.Tests.Estimation;
using QSim.Tests.Oracles;
using QSim.Tests.Passes;

namespace QSim.Tests.Pipeline;

/// <summary>
/// The one pipeline's promise: every job (final state, shots, exact probabilities, expectation values, batches, gradients by
/// every method, the quantum layer) runs the plan the optimizer makes at its level, and gives what level 0 gives, on seeded
/// random circuits of every gate kind, parameterized and not, from 2 to 14 qubits. Sweep blocks of 6 qubits make every
/// circuit of 7 or more qubits use blocked sweeps and relabelling. Double: 1e-10; single: 1e-5.
/// </summary>
public sealed class EveryJobAtEveryLevelTests
{
    private static readonly OptimizerOptions SmallBlocks = new() { BlockQubits = 6 };
    private CpuBackend _backend = null!;

    [OneTimeSetUp] public void CreateBackend() => _backend = new CpuBackend(new CpuBackendOptions { Threads = 2, ParallelThresholdQubits = 4 });
    [OneTimeTearDown] public void DisposeBackend() => _backend.Dispose();

    private static IEnumerable<TestCaseData> Levels() =>
        Enumerable.Range(1, PassManager.MaxLevel).Select(level => new TestCaseData(level).SetArgDisplayNames($"level{level}"));

    private static readonly (int Qubits, int Seed)[] Sizes = [(2, 1), (4, 2), (7, 3), (10, 4), (14, 5)];

    [TestCaseSource(nameof(Levels))]
    public void FinalState_AtEveryLevel_IsLevelZerosState(int level)
    {
        foreach (var (qubits, seed) in Sizes)
        {
            var circuit = RandomGateCircuits.Unitary(qubits, 8 * qubits, seed + 10 * level);
            var binding = RandomGateCircuits.Binding(0.4, -1.3);
            foreach (var precision in new[] { Precision.Single, Precision.Double })
            {
                using var expected = new Simulator(_backend, 0).FinalState(circuit, binding, precision);
                using var actual = new Simulator(_backend, level, SmallBlocks).FinalState(circuit, binding, precision);
                StateComparison.AssertSame(expected, actual, $"{qubits} qubits, {precision}");
            }
        }
    }

    [TestCaseSource(nameof(Levels))]
    public void ExactProbabilitiesAndCounts_AtEveryLevel_AreLevelZeros(int level)
    {
        foreach (var (qubits, seed) in Sizes.Where(s => s.Qubits <= 10))
        {
            var circuit = RandomGateCircuits.WithMeasurements(qubits, 8 * qubits, seed + 10 * level);
            var binding = RandomGateCircuits.Binding(1.1, 0.2);
            var expected = ExactProbabilities.Compute(_backend, circuit, binding, Precision.Double, optimizationLevel: 0);
            var actual = new PassManager(level, _backend.Capabilities, Precision.Double, SmallBlocks).Compile(circuit);
            var exact = ExactProbabilities.Compute(_backend, actual, binding);
            Assert.That(exact.Probabilities, Is.EqualTo(expected.Probabilities).Within(1e-10), $"{qubits} qubits: probabilities");
            Assert.That(exact.ClassicalProbabilities.Keys, Is.EquivalentTo(expected.ClassicalProbabilities.Keys), $"{qubits} qubits: outcomes");
            foreach (var (key, p) in expected.ClassicalProbabilities)
                Assert.That(exact.ClassicalProbabilities[key], Is.EqualTo(p).Within(1e-10), $"{qubits} qubits: P({key})");

            if (!circuit.Operations.Any(op => op is MeasureOperation or ConditionalOperation { Body: MeasureOperation })) continue;
            var options = new RunOptions { Shots = 64, Seed = (ulong)seed, Binding = binding, Precision = Precision.Double };
            Assert.That(new Simulator(_backend, level, SmallBlocks).Counts(circuit, options),
                Is.EqualTo(new Simulator(_backend, 0).Counts(circuit, options)), $"{qubits} qubits: counts");
        }
    }

    [TestCaseSource(nameof(Levels))]
    public void ExpectationValuesAndBatches_AtEveryLevel_AreLevelZeros(int level)
    {
        foreach (var (qubits, seed) in Sizes)
        {
            var circuit = RandomVariationalCircuits.Create(qubits, 6 * qubits, seed + 20 * level, out _);
            var rng = new Random(seed);
            PauliSum[] observables = [DensePauliSum.Random(qubits, 4, rng), Hamiltonians.TransverseFieldIsing(qubits)];
            var rows = RandomRows(circuit, 3, rng);
            foreach (var precision in new[] { Precision.Single, Precision.Double })
            {
                var expected = Estimate(0, precision).Evaluate(circuit, observables, rows);
                var actual = Estimate(level, precision).Evaluate(circuit, observables, rows);
                Assert.That(actual, Is.EqualTo(expected).Within(precision == Precision.Double ? 1e-10 : 1e-5), $"{qubits} qubits, {precision}");
            }
        }
    }

    [TestCaseSource(nameof(Levels))]
    public void Gradients_ByEveryMethodAtEveryLevel_AgreeWithFiniteDifferencesAtLevelZero(int level)
    {
        foreach (var (qubits, seed) in Sizes.Where(s => s.Qubits <= 10))
        {
            var circuit = RandomVariationalCircuits.Create(qubits, 5 * qubits, seed + 30 * level, out _);
            var rng = new Random(seed + 7);
            PauliSum[] observables = [DensePauliSum.Random(qubits, 4, rng), Hamiltonians.TransverseFieldIsing(qubits)];
            var rows = RandomRows(circuit, 2, rng);
            var finite = Estimate(0, Precision.Double).EvaluateWithGradient(circuit, observables, rows, GradientMethod.FiniteDifference);
            foreach (var method in Enum.GetValues<GradientMethod>())
            {
                var result = Estimate(level, Precision.Double).EvaluateWithGradient(circuit, observables, rows, method);
                Assert.That(result.Values, Is.EqualTo(finite.Values).Within(1e-10), $"{qubits} qubits, {method}: values");
                Assert.That(result.Gradients, Is.EqualTo(finite.Gradients).Within(1e-6), $"{qubits} qubits, {method}: gradient");
            }
        }
    }

    [TestCaseSource(nameof(Levels))]
    public void QuantumLayer_AtEveryLevel_IsLevelZeros(int level)
    {
        var inputs = new double[,] { { 0.3, -0.7, 1.1 }, { 2.0, 0.1, -0.4 } };
        double[] weights = [.. Enumerable.Range(0, 4 * 2 * 4).Select(i => 0.1 * i - 1)];
        var upstream = new double[,] { { 1, -0.5, 0.25, 2 }, { 0.5, 1, -1, 0 } };
        using var expected = QuantumLayer.AngleEncoded(4, 3, 4, Estimate(0, Precision.Double));
        using var actual = QuantumLayer.AngleEncoded(4, 3, 4, Estimate(level, Precision.Double));
        Assert.That(actual.Forward(inputs, weights), Is.EqualTo(expected.Forward(inputs, weights)).Within(1e-10));
        var a = actual.Backward(inputs, weights, upstream);
        var e = expected.Backward(inputs, weights, upstream);
        Assert.That(a.Inputs, Is.EqualTo(e.Inputs).Within(1e-10));
        Assert.That(a.Weights, Is.EqualTo(e.Weights).Within(1e-10));
    }

    private Estimator Estimate(int level, Precision precision) => new(_backend, new EstimatorOptions
    {
        Precision = precision,
        OptimizationLevel = level,
        Optimizer = new OptimizerOptions { BlockQubits = 6, MaxParameterizedQubits = EstimatorOptions.DefaultParameterizedBlockQubits },
        SweepBlockQubits = 6,
    });

    private static double[,] RandomRows(Circuit circuit, int count, Random rng)
    {
        var rows = new double[count, circuit.Symbols.Count];
        for (int r = 0; r < count; r++)
            for (int p = 0; p < rows.GetLength(1); p++) rows[r, p] = rng.NextDouble() * 4 - 2;
        return rows;
    }
}
