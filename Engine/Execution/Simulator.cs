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
}

/// <summary>
/// Runs circuits on a backend: each circuit is compiled for the backend at the simulator's optimization level
/// (<see cref="PassManager"/>) and run by the <see cref="PlanExecutor"/>. Circuits whose measurements are all terminal run
/// once and their shots are sampled from the final state; circuits with mid-circuit measurement, reset or classical
/// conditions run shot by shot with collapse.
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
    /// ignored: the state is the one just before them.
    /// </summary>
    /// <exception cref="InvalidOperationException">The circuit measures mid-circuit, resets or has conditions.</exception>
    /// <exception cref="ParameterBindingException">A symbol is missing, unknown, or not finite.</exception>
    /// <exception cref="OperationCanceledException">The run was cancelled.</exception>
    public IStateVector FinalState(Circuit circuit, ParameterBinding? binding = null, Precision precision = Precision.Single, RunControl control = default) =>
        FinalState(Compile(circuit, precision), binding ?? ParameterBinding.Empty, control);

    /// <summary>The final state of a compiled circuit (see <see cref="FinalState(Circuit, ParameterBinding?, Precision, RunControl)"/>).</summary>
    /// <exception cref="InvalidOperationException">The circuit measures mid-circuit, resets or has conditions.</exception>
    public IStateVector FinalState(CompiledCircuit compiled, ParameterBinding binding, RunControl control = default)
    {
        var plan = compiled.Plan;
        if (!plan.HasOnlyTerminalMeasurements)
            throw new InvalidOperationException("The circuit has mid-circuit measurement, reset or classical conditions, so it has no single final state.");
        plan.Bind(binding);
        var state = Backend.CreateState(plan.QubitCount, compiled.Precision);
        try
        {
            PlanExecutor.ApplyUnitary(plan, state, control);
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

    /// <summary>Counts of a compiled circuit (see <see cref="Counts(Circuit, RunOptions, RunControl)"/>); its precision is the compiled one.</summary>
    /// <exception cref="InvalidOperationException">The circuit has no measurement.</exception>
    public IReadOnlyDictionary<string, int> Counts(CompiledCircuit compiled, RunOptions options, RunControl control = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(options.Shots);
        var circuit = compiled.Source;
        var plan = compiled.Plan;
        if (!circuit.Operations.Any(op => op is MeasureOperation or ConditionalOperation { Body: MeasureOperation }))
            throw new InvalidOperationException("Counts needs measurements, and the circuit has none: add Measure or MeasureAll, or compute exact probabilities (ExactProbabilities.Compute) or the final state (FinalState).");
        plan.Bind(options.Binding);
        var rng = new SeededRandom(options.Seed);
        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        using var state = Backend.CreateState(plan.QubitCount, compiled.Precision);
        var clbits = new bool[plan.ClbitCount];
        if (plan.HasOnlyTerminalMeasurements)
        {
            PlanExecutor.ApplyUnitary(plan, state, control);
            var measures = plan.Steps.OfType<MeasureStep>().ToArray();
            foreach (long index in SampleIndices(state, options.Shots, rng))
            {
                Array.Clear(clbits);
                foreach (var m in measures) clbits[m.Clbit] = ((index >> m.Qubit) & 1) != 0;
                Increment(counts, FormatClbits(circuit, clbits));
            }
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
