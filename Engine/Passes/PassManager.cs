using System.Diagnostics;
using QSim.Backends;
using QSim.Circuits;
using QSim.Execution;

namespace QSim.Passes;

/// <summary>
/// The compiler: every job's circuit goes through <see cref="Compile(Circuit)"/>, which runs a level's passes for one backend and
/// precision and keeps statistics. The backend shapes the plan through its <see cref="BackendCapabilities"/>: its kernels'
/// measured costs pick the fused blocks, and sweeps and relabelling are planned only where it has them natively. Levels:
/// <list type="bullet">
/// <item>0: none; one kernel step per gate.</item>
/// <item>1: remove identities, cancel inverse pairs, merge same-axis rotations (and, for a backend of mixed states, let noise
/// channels absorb the gate before them); fuse runs of 1-qubit gates.</item>
/// <item>2: level 1, then fuse into blocks of up to k qubits (the backend's streaming costs: each kernel a pass over memory).</item>
/// <item>3: level 2 with the backend's in-cache costs, then cache-blocked sweeps with qubit relabelling (where the backend has them).</item>
/// </list>
/// The plan keeps parameters symbolic: <see cref="ExecutionPlan.Bind"/> recomputes only the matrices that depend on them.
/// </summary>
public sealed class PassManager
{
    /// <summary>Highest level.</summary>
    public const int MaxLevel = 3;

    /// <summary>Creates the compiler of one level for a backend and precision.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="level"/> is outside 0..3, or an option is out of range.</exception>
    public PassManager(int level, BackendCapabilities backend, Precision precision = Precision.Single, OptimizerOptions? options = null)
    {
        Level = CheckLevel(level);
        Backend = backend;
        Precision = precision;
        Options = options ?? new OptimizerOptions();
        var profile = backend.For(precision);
        var costs = Options.Costs ?? (level == 3 ? profile.InCache : profile.Streaming);
        if (level >= 1)
        {
            CircuitPasses = [new RemoveIdentities(), new CancelInversePairs(), new MergeRotations(), new RemoveIdentities()];
            if (backend.MixedStates) CircuitPasses = [.. CircuitPasses, new AbsorbIntoChannels()];
            int blockSize = level == 1 ? 1 : Math.Min(Options.MaxFusedQubits, backend.MaxDenseTargets);
            Fusion = new GateFusion(blockSize, costs, Options.MaxParameterizedQubits);
        }
        int? blockQubits = Options.BlockQubits ?? profile.SweepBlockQubits;
        if (level == 3 && blockQubits is { } block && backend.Has(NativeOperations.BlockedSweeps))
            PlanPasses = [new SweepScheduler(block, relabel: backend.Has(NativeOperations.QubitSwaps))];
    }

    /// <summary>The level.</summary>
    public int Level { get; }

    /// <summary>The backend the plans are for.</summary>
    public BackendCapabilities Backend { get; }

    /// <summary>The precision the plans are for.</summary>
    public Precision Precision { get; }

    /// <summary>The settings.</summary>
    public OptimizerOptions Options { get; }

    /// <summary>Gate-level passes, in order.</summary>
    public IReadOnlyList<IPass> CircuitPasses { get; } = [];

    /// <summary>The fusion that lowers the circuit, or null for one step per gate.</summary>
    public GateFusion? Fusion { get; }

    /// <summary>Plan-level passes after lowering, in order.</summary>
    public IReadOnlyList<IPlanPass> PlanPasses { get; } = [];

    /// <summary>Throws unless <paramref name="level"/> is 0..<see cref="MaxLevel"/>; returns it.</summary>
    /// <exception cref="ArgumentOutOfRangeException">It is not.</exception>
    public static int CheckLevel(int level)
    {
        if (level is < 0 or > MaxLevel)
            throw new ArgumentOutOfRangeException(nameof(level), level, $"The optimization level is 0 to {MaxLevel}.");
        return level;
    }

    /// <summary>Optimizes and lowers <paramref name="circuit"/>; parameters stay symbolic (the job binds the plan before running it).</summary>
    /// <exception cref="NotSupportedException">The circuit holds an operation no backend can execute.</exception>
    public CompiledCircuit Compile(Circuit circuit)
    {
        var source = circuit;
        var passes = new List<PassStatistics>();
        int gatesIn = OptimizationStatistics.CountGates(circuit);
        var clock = Stopwatch.StartNew();
        int gates = gatesIn;
        foreach (var pass in CircuitPasses)
        {
            long start = clock.ElapsedTicks;
            circuit = pass.Run(circuit);
            int before = gates;
            gates = OptimizationStatistics.CountGates(circuit);
            passes.Add(new PassStatistics(pass.Name, before, gates, Since(clock, start)));
        }
        long lowering = clock.ElapsedTicks;
        var plan = Fusion?.Run(circuit) ?? LowerEachGate(circuit);
        passes.Add(new PassStatistics(Fusion?.Name ?? "lower", gates, OptimizationStatistics.CountSweeps(plan), Since(clock, lowering)));
        foreach (var pass in PlanPasses)
        {
            long start = clock.ElapsedTicks;
            int before = OptimizationStatistics.CountSweeps(plan);
            plan = pass.Run(plan);
            passes.Add(new PassStatistics(pass.Name, before, OptimizationStatistics.CountSweeps(plan), Since(clock, start)));
        }
        return new CompiledCircuit(source, plan, Precision, OptimizationStatistics.Of(this, gatesIn, plan, passes));
    }

    /// <summary>
    /// Compiles a circuit with a noise model's channels in it (<see cref="Noise.NoiseModel.Apply"/>): its measurements record
    /// bits through the model's readout errors.
    /// </summary>
    /// <exception cref="NotSupportedException">The circuit holds an operation no backend can execute.</exception>
    public CompiledCircuit Compile(Noise.NoisyCircuit noisy)
    {
        var compiled = Compile(noisy.Circuit);
        return noisy.Readout.IsEmpty ? compiled : compiled with { Plan = compiled.Plan.WithReadout(noisy.Readout) };
    }

    /// <summary>Level 0: one step per operation.</summary>
    private static ExecutionPlan LowerEachGate(Circuit circuit)
    {
        var lowering = new PlanLowering(circuit);
        var steps = new List<PlanStep>(circuit.Operations.Count);
        foreach (var op in circuit.Operations)
            if (lowering.Lower(op) is { } step) steps.Add(step);
        return lowering.Build(steps);
    }

    private static TimeSpan Since(Stopwatch clock, long startTicks) =>
        TimeSpan.FromSeconds((clock.ElapsedTicks - startTicks) / (double)Stopwatch.Frequency);
}
