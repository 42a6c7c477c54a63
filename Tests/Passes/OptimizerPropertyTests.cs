using QSim.Backends;
using QSim.Circuits;
using QSim.Cpu;
using QSim.Execution;
using QSim.Numerics;
using QSim.Passes;

namespace QSim.Tests.Passes;

/// <summary>
/// The optimizer's promise on seeded random circuits of every gate kind: the optimized plan leaves the
/// same state as one kernel per gate, at every level and block size, in both precisions, for several
/// bindings of one compiled plan, and across mid-circuit measurements, resets and conditions.
/// </summary>
public sealed class OptimizerPropertyTests
{
    private CpuBackend _backend = null!;

    [OneTimeSetUp] public void CreateBackend() => _backend = new CpuBackend(new CpuBackendOptions { ParallelThresholdQubits = 4 });
    [OneTimeTearDown] public void DisposeBackend() => _backend.Dispose();

    private static IEnumerable<TestCaseData> LevelsAndBlockSizes() =>
        from level in Enumerable.Range(0, PassManager.MaxLevel + 1)
        from k in level >= 2 ? new[] { 2, 3, 4, 5 } : new[] { 4 }
        select new TestCaseData(level, k).SetArgDisplayNames($"level{level}", $"k{k}");

    [TestCaseSource(nameof(LevelsAndBlockSizes))]
    public void OptimizedPlan_OnRandomUnitaryCircuits_GivesTheUnoptimizedState(int level, int k)
    {
        foreach (var (qubits, seed) in new[] { (2, 1), (3, 2), (5, 3), (7, 4), (9, 5), (12, 6) })
        {
            var circuit = RandomGateCircuits.Unitary(qubits, gates: 10 * qubits, seed: seed + 100 * level + 1000 * k);
            foreach (var costs in new[] { (KernelCostModel?)null, KernelCostModel.PassCount })
            {
                // Block of 6 qubits: at 7+ qubits every run needs relabelling.
                var plan = TestPlans.Plan(circuit, level, new OptimizerOptions { MaxFusedQubits = k, BlockQubits = 6, Costs = costs });
                var reference = TestPlans.Plan(circuit);
                foreach (var (alpha, beta) in new[] { (0.3, -1.1), (2.5, 0.7) })
                {
                    var binding = RandomGateCircuits.Binding(alpha, beta);
                    plan.Bind(binding);
                    reference.Bind(binding);
                    foreach (var precision in new[] { Precision.Single, Precision.Double })
                    {
                        using var expected = Run(reference, qubits, precision);
                        using var actual = Run(plan, qubits, precision);
                        StateComparison.AssertSame(expected, actual, $"{qubits} qubits, seed {seed}, {costs?.Name ?? "default"} costs, binding ({alpha}, {beta}), {precision}");
                    }
                }
            }
        }
    }

    [TestCaseSource(nameof(LevelsAndBlockSizes))]
    public void OptimizedPlan_AcrossMeasurementsResetsAndConditions_GivesTheSameOutcomesAndState(int level, int k)
    {
        foreach (var (qubits, seed) in new[] { (2, 11), (4, 12), (8, 13), (10, 14) })
        {
            var circuit = RandomGateCircuits.WithMeasurements(qubits, gates: 12 * qubits, seed: seed + 100 * level + 1000 * k);
            var plan = TestPlans.Plan(circuit, level, new OptimizerOptions { MaxFusedQubits = k, BlockQubits = 6, Costs = KernelCostModel.PassCount });
            var reference = TestPlans.Plan(circuit);
            var binding = RandomGateCircuits.Binding(0.9, -0.4);
            plan.Bind(binding);
            reference.Bind(binding);
            for (ulong shot = 0; shot < 4; shot++)
            {
                var expectedBits = new bool[qubits];
                var actualBits = new bool[qubits];
                using var expected = _backend.CreateState(qubits, Precision.Double);
                using var actual = _backend.CreateState(qubits, Precision.Double);
                TestPlans.Run(reference, expected, expectedBits, new SeededRandom(shot));
                TestPlans.Run(plan, actual, actualBits, new SeededRandom(shot));
                Assert.That(actualBits, Is.EqualTo(expectedBits), $"{qubits} qubits, seed {seed}, shot {shot}: outcomes");
                StateComparison.AssertSame(expected, actual, $"{qubits} qubits, seed {seed}, shot {shot}");
            }
        }
    }

    [Test]
    public void Simulator_WithOptimizer_CountsLikeWithout()
    {
        var circuit = RandomGateCircuits.WithMeasurements(6, 80, seed: 21);
        var options = new RunOptions { Shots = 200, Seed = 5, Binding = RandomGateCircuits.Binding(0.1, 0.2), Precision = Precision.Double };
        var plain = new Simulator(_backend, optimizationLevel: 0).Counts(circuit, options);
        var optimized = new Simulator(_backend, 3, new OptimizerOptions { BlockQubits = 6 }).Counts(circuit, options);
        Assert.That(optimized, Is.EqualTo(plain));
    }

    private IStateVector Run(ExecutionPlan plan, int qubits, Precision precision)
    {
        var state = _backend.CreateState(qubits, precision);
        TestPlans.Run(plan, state, [], new SeededRandom(0));
        return state;
    }
}
