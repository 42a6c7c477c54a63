using System.Diagnostics;
using QSim.Circuits;
using QSim.Execution;

namespace QSim.Passes;

/// <summary>The optimized plan and what each pass did to get there.</summary>
public sealed record OptimizationResult(ExecutionPlan Plan, OptimizationStatistics Statistics);

/// <summary>
/// Runs an optimization level's passes and keeps statistics. Levels:
/// <list type="bullet">
/// <item>0: none; one kernel step per gate.</item>
/// <item>1: remove identities, cancel inverse pairs, merge same-axis rotations, merge 1-qubit runs.</item>
/// <item>2: level 1, absorb diagonals and fuse into blocks of up to k qubits (cost model: each kernel a pass over memory).</item>
/// <item>3: level 2 with the in-cache cost model, then cache-blocked sweeps with qubit relabelling.</item>
/// </list>
/// The plan keeps parameters symbolic: <see cref="ExecutionPlan.Bind"/> recomputes only matrices.
/// </summary>
public sealed class PassManager
{
    /// <summary>Highest level.</summary>
    public const int MaxLevel = 3;

    /// <summary>Creates the manager of one level.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="level"/> is outside 0..3, or an option is out of range.</exception>
    public PassManager(int level, OptimizerOptions? options = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(level);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(level, MaxLevel);
        Level = level;
        Options = options ?? new OptimizerOptions();
        var costs = Options.Costs ?? (level == 3 ? KernelCostModel.InCache : KernelCostModel.Streaming);
        if (level >= 1)
            CircuitPasses = [new RemoveIdentities(), new CancelInversePairs(), new MergeRotations(), new RemoveIdentities(), new MergeSingleQubitRuns()];
        if (level >= 2)
        {
            CircuitPasses = [.. CircuitPasses, new AbsorbDiagonals(costs)];
            Fusion = new GateFusion(Options.MaxFusedQubits, costs);
        }
        if (level == 3) PlanPasses = [new SweepScheduler(Options.BlockQubits)];
    }

    /// <summary>The level.</summary>
    public int Level { get; }

    /// <summary>The settings.</summary>
    public OptimizerOptions Options { get; }

    /// <summary>Gate-level passes, in order.</summary>
    public IReadOnlyList<IPass> CircuitPasses { get; } = [];

    /// <summary>The fusion that lowers the circuit, or null for one step per gate.</summary>
    public GateFusion? Fusion { get; }

    /// <summary>Plan-level passes after lowering, in order.</summary>
    public IReadOnlyList<IPlanPass> PlanPasses { get; } = [];

    /// <summary>Optimizes and lowers <paramref name="circuit"/>; parameters stay symbolic (bind the plan before running it).</summary>
    public OptimizationResult Compile(Circuit circuit)
    {
        var passes = new List<PassStatistics>();
        int gatesIn = OptimizationStatistics.CountGates(circuit);
        var clock = Stopwatch.StartNew();
        foreach (var pass in CircuitPasses)
        {
            long start = clock.ElapsedTicks;
            int before = OptimizationStatistics.CountGates(circuit);
            circuit = pass.Run(circuit);
            passes.Add(new PassStatistics(pass.Name, before, OptimizationStatistics.CountGates(circuit), Since(clock, start)));
        }
        long lowering = clock.ElapsedTicks;
        var plan = Fusion?.Run(circuit) ?? ExecutionPlan.Compile(circuit);
        passes.Add(new PassStatistics(Fusion?.Name ?? "lower", OptimizationStatistics.CountGates(circuit), OptimizationStatistics.CountSweeps(plan), Since(clock, lowering)));
        foreach (var pass in PlanPasses)
        {
            long start = clock.ElapsedTicks;
            int before = OptimizationStatistics.CountSweeps(plan);
            plan = pass.Run(plan);
            passes.Add(new PassStatistics(pass.Name, before, OptimizationStatistics.CountSweeps(plan), Since(clock, start)));
        }
        return new OptimizationResult(plan, OptimizationStatistics.Of(this, gatesIn, plan, passes));
    }

    private static TimeSpan Since(Stopwatch clock, long startTicks) =>
        TimeSpan.FromSeconds((clock.ElapsedTicks - startTicks) / (double)Stopwatch.Frequency);
}
