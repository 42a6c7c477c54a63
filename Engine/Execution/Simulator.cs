using QSim.Backends;
using QSim.Circuits;
using QSim.Numerics;
using QSim.Parameters;
using QSim.Passes;

namespace QSim.Execution;

/// <summary>Options of one simulation run.</summary>
public sealed record RunOptions
{
    /// <summary>Shots to sample when the circuit measures; 0 for none.</summary>
    public int Shots { get; init; }

    /// <summary>Seed of every random choice (measurement outcomes, samples).</summary>
    public ulong Seed { get; init; }

    /// <summary>Precision of the state vector.</summary>
    public Precision Precision { get; init; } = Precision.Single;

    /// <summary>Values of the circuit's symbols.</summary>
    public ParameterBinding Binding { get; init; } = ParameterBinding.Empty;

    /// <summary>
    /// Quantum trajectories a noisy circuit's shots are drawn from on a state-vector backend when every measurement is at
    /// the end, each giving an equal share of the shots; null: one trajectory per shot (independent shots).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is below 1.</exception>
    public int? Trajectories
    {
        get;
        init => field = value is null or >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "At least one trajectory.");
    }
}

/// <summary>
/// Runs circuits on a backend: each circuit is compiled for the backend at the simulator's optimization level
/// (<see cref="PassManager"/>) and run by the <see cref="PlanExecutor"/>. Circuits whose measurements are all terminal run
/// once and their shots are sampled from the final state; circuits with mid-circuit measurement, reset or classical
/// conditions run shot by shot with collapse. Noisy circuits (noise channels, readout errors) run exactly on a backend of
/// mixed states (<see cref="DensityMatrix.DensityMatrixBackend"/>) and as quantum trajectories on a state-vector backend.
/// </summary>
/// <param name="backend">The backend states are created on.</param>
/// <param name="optimizationLevel">The optimizer level, 0 (one kernel per gate) to <see cref="PassManager.MaxLevel"/> (the default).</param>
/// <param name="options">Optimizer settings; null for the backend's own.</param>
public sealed class Simulator(IBackend backend, int optimizationLevel = PassManager.MaxLevel, OptimizerOptions? options = null)
{
    /// <summary>The backend states are created on.</summary>
    public IBackend Backend { get; } = backend;

    /// <summary>The optimizer level circuits are compiled at.</summary>
    public int OptimizationLevel { get; } = PassManager.CheckLevel(optimizationLevel);

    /// <summary>The optimizer settings (null: the backend's own).</summary>
    public OptimizerOptions? Options { get; } = options;

    /// <summary>Compiles <paramref name="circuit"/> for this simulator's backend and level (parameters stay symbolic).</summary>
    public CompiledCircuit Compile(Circuit circuit, Precision precision = Precision.Single) =>
        new PassManager(OptimizationLevel, Backend.Capabilities, precision, Options).Compile(circuit);

    /// <summary>
    /// Applies a unitary circuit to |0…0⟩ and returns the final state (the caller disposes it). Terminal measurements are
    /// ignored: the state is the one just before them. On a backend of mixed states a noisy circuit is allowed too: its
    /// final density matrix.
    /// </summary>
    /// <exception cref="InvalidOperationException">The circuit measures mid-circuit, resets or has conditions, or is noisy on a state-vector backend.</exception>
    /// <exception cref="ParameterBindingException">A symbol is missing, unknown, or not finite.</exception>
    /// <exception cref="OperationCanceledException">The run was cancelled.</exception>
    public IStateVector FinalState(Circuit circuit, ParameterBinding? binding = null, Precision precision = Precision.Single, RunControl control = default) =>
        FinalState(Compile(circuit, precision), binding ?? ParameterBinding.Empty, control);

    /// <summary>The final state of a compiled circuit (see <see cref="FinalState(Circuit, ParameterBinding?, Precision, RunControl)"/>).</summary>
    /// <exception cref="InvalidOperationException">The circuit measures mid-circuit, resets or has conditions.</exception>
    public IStateVector FinalState(CompiledCircuit compiled, ParameterBinding binding, RunControl control = default)
    {
        var plan = compiled.Plan;
        bool noisy = plan.IsNoisy;
        if (noisy && !Backend.Capabilities.MixedStates)
            throw new InvalidOperationException(
                "A noisy circuit has no single final state vector: run it on the density-matrix backend, or average quantum trajectories.");
        if (noisy ? !plan.MeasuresOnlyAtEnd : !plan.HasOnlyTerminalMeasurements)
            throw new InvalidOperationException("The circuit has mid-circuit measurement, reset or classical conditions, so it has no single final state.");
        plan.Bind(binding);
        var state = Backend.CreateState(plan.QubitCount, compiled.Precision);
        try
        {
            if (noisy) PlanExecutor.Evolve(plan, state, channels: null, control);
            else PlanExecutor.ApplyUnitary(plan, state, control);
            return state;
        }
        catch
        {
            state.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Runs the circuit for <see cref="RunOptions.Shots"/> shots and counts the classical outcomes. Keys are Qiskit-style:
    /// classical registers separated by a space, the last declared first, each with its bit 0 rightmost.
    /// </summary>
    /// <exception cref="InvalidOperationException">The circuit has no measurement.</exception>
    /// <exception cref="ParameterBindingException">A symbol is missing, unknown, or not finite.</exception>
    /// <exception cref="OperationCanceledException">The run was cancelled.</exception>
    public IReadOnlyDictionary<string, int> Counts(Circuit circuit, RunOptions options, RunControl control = default) =>
        Counts(Compile(circuit, options.Precision), options, control);

    /// <summary>
    /// Counts of a compiled circuit (see <see cref="Counts(Circuit, RunOptions, RunControl)"/>); its precision is the compiled
    /// one. A noisy circuit on a state-vector backend samples its shots from quantum trajectories
    /// (<see cref="RunOptions.Trajectories"/>); every measured bit goes through the plan's readout errors.
    /// </summary>
    /// <exception cref="InvalidOperationException">The circuit has no measurement.</exception>
    public IReadOnlyDictionary<string, int> Counts(CompiledCircuit compiled, RunOptions options, RunControl control = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(options.Shots);
        var circuit = compiled.Source;
        var plan = compiled.Plan;
        if (!circuit.Operations.Any(op => op is MeasureOperation or ConditionalOperation { Body: MeasureOperation }))
            throw new InvalidOperationException("Counts needs measurements, and the circuit has none: add Measure or MeasureAll, or compute exact probabilities (ExactProbabilities.Compute) or the final state (FinalState).");
        plan.Bind(options.Binding);
        bool noisy = plan.IsNoisy;
        if (noisy && !Backend.Capabilities.MixedStates)
            return TrajectoryJobs.Counts(Backend, compiled, options.Shots, options.Trajectories, options.Seed, control);
        var rng = new SeededRandom(options.Seed);
        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        using var state = Backend.CreateState(plan.QubitCount, compiled.Precision);
        var clbits = new bool[plan.ClbitCount];
        if (noisy ? plan.MeasuresOnlyAtEnd : plan.HasOnlyTerminalMeasurements)
        {
            if (noisy) PlanExecutor.Evolve(plan, state, channels: null, control);
            else PlanExecutor.ApplyUnitary(plan, state, control);
            var measures = plan.Steps.OfType<MeasureStep>().ToArray();
            foreach (long index in SampleIndices(state, options.Shots, rng))
                Increment(counts, FormatClbits(circuit, ReadMeasures(plan, measures, index, rng, clbits)));
            return counts;
        }
        var policy = new SampledMeasurements(rng);
        long total = (long)options.Shots * plan.Steps.Count;
        for (int shot = 0; shot < options.Shots; shot++)
        {
            state.SetBasisState(0);
            Array.Clear(clbits);
            PlanExecutor.Run(plan, state, clbits, policy, 0, control, (long)shot * plan.Steps.Count, total);
            Increment(counts, FormatClbits(circuit, clbits));
        }
        return counts;
    }

    /// <summary>
    /// The probabilities of the basis states when every qubit is measured at the end (through the plan's readout errors):
    /// exact (<see cref="ExactProbabilities"/>) for a noise-free circuit or on a backend of mixed states, else averaged over
    /// quantum trajectories with their standard errors.
    /// </summary>
    /// <exception cref="BranchLimitExceededException">Exact enumeration would need more branches or work than the limits allow.</exception>
    /// <exception cref="StateTooLargeException">The state or the probability tables do not fit in memory.</exception>
    /// <exception cref="OperationCanceledException">The run was cancelled.</exception>
    public ProbabilityResult Probabilities(CompiledCircuit compiled, ParameterBinding binding, TrajectoryOptions? trajectories = null, RunControl control = default)
    {
        if (compiled.Plan.IsNoisy && !Backend.Capabilities.MixedStates)
        {
            compiled.Plan.Bind(binding);
            return TrajectoryJobs.Probabilities(Backend, compiled, trajectories ?? new TrajectoryOptions(), control);
        }
        return new ProbabilityResult(ExactProbabilities.Compute(Backend, compiled, binding, control: control).Probabilities, null, 0);
    }

    /// <summary>
    /// The classical bits of one shot drawn as basis <paramref name="index"/> of the final state: each terminal measurement's
    /// bit, through its qubit's readout error (a draw from <paramref name="random"/> for each qubit that has one).
    /// </summary>
    internal static bool[] ReadMeasures(ExecutionPlan plan, MeasureStep[] measures, long index, SeededRandom random, bool[] clbits)
    {
        Array.Clear(clbits);
        foreach (var m in measures)
        {
            bool bit = ((index >> m.Qubit) & 1) != 0;
            clbits[m.Clbit] = plan.Readout.For(m.Qubit) is { } error ? error.Read(bit, random.NextDouble()) : bit;
        }
        return clbits;
    }

    /// <summary>Draws <paramref name="shots"/> basis indices from the state's distribution.</summary>
    public static long[] SampleIndices(IStateVector state, int shots, SeededRandom rng)
    {
        var uniforms = new double[shots];
        rng.Fill(uniforms);
        Array.Sort(uniforms);
        var indices = new long[shots];
        state.Sample(uniforms, indices);
        return indices;
    }

    /// <summary>Qiskit's count key: classical registers separated by spaces, last declared first, bit 0 rightmost.</summary>
    public static string FormatClbits(Circuit circuit, ReadOnlySpan<bool> clbits)
    {
        if (circuit.ClassicalRegisters.Count == 0) return "";
        var parts = new string[circuit.ClassicalRegisters.Count];
        for (int r = 0; r < parts.Length; r++)
        {
            var reg = circuit.ClassicalRegisters[parts.Length - 1 - r];
            var chars = new char[reg.Size];
            for (int i = 0; i < reg.Size; i++) chars[reg.Size - 1 - i] = clbits[reg.Offset + i] ? '1' : '0';
            parts[r] = new string(chars);
        }
        return string.Join(' ', parts);
    }

    /// <summary>A basis index as a bitstring of <paramref name="qubits"/> characters, qubit 0 rightmost.</summary>
    public static string FormatBasisIndex(long index, int qubits)
    {
        var chars = new char[qubits];
        for (int q = 0; q < qubits; q++) chars[qubits - 1 - q] = ((index >> q) & 1) != 0 ? '1' : '0';
        return new string(chars);
    }

    private static void Increment(SortedDictionary<string, int> counts, string key) => counts[key] = counts.GetValueOrDefault(key) + 1;
}
