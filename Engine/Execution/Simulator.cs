using System.Numerics;
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
/// Runs circuits on a backend through the backend contract. Circuits whose measurements are all
/// terminal run once and their shots are sampled from the final state; circuits with mid-circuit
/// measurement, reset or classical conditions run shot by shot with collapse.
/// </summary>
public sealed class Simulator(IBackend backend, PassManager? optimizer = null)
{
    /// <summary>The backend states are created on.</summary>
    public IBackend Backend { get; } = backend;

    /// <summary>The optimizer circuits go through before they run; null: one kernel per gate.</summary>
    public PassManager? Optimizer { get; } = optimizer;

    private ExecutionPlan Compile(Circuit circuit, ParameterBinding binding)
    {
        var plan = Optimizer is null ? ExecutionPlan.Compile(circuit) : Optimizer.Compile(circuit).Plan;
        plan.Bind(binding);
        return plan;
    }

    /// <summary>
    /// Applies a unitary circuit to |0…0⟩ and returns the final state (the caller disposes it).
    /// </summary>
    /// <exception cref="InvalidOperationException">The circuit measures, resets or has conditions.</exception>
    public IStateVector FinalState(Circuit circuit, ParameterBinding? binding = null, Precision precision = Precision.Single)
    {
        var plan = Compile(circuit, binding ?? ParameterBinding.Empty);
        if (!plan.IsUnitary)
            throw new InvalidOperationException("The circuit measures, resets or has classical conditions, so it has no single final state.");
        var state = Backend.CreateState(circuit.QubitCount, precision);
        try
        {
            foreach (var step in plan.Steps) ((UnitaryStep)step).ApplyTo(state);
            return state;
        }
        catch
        {
            state.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Runs the circuit for <see cref="RunOptions.Shots"/> shots and counts the classical outcomes.
    /// Keys are Qiskit-style: classical registers separated by a space, the last declared first,
    /// each with its bit 0 rightmost.
    /// </summary>
    public IReadOnlyDictionary<string, int> Counts(Circuit circuit, RunOptions options)
    {
        if (!circuit.Operations.Any(op => op is MeasureOperation or ConditionalOperation { Body: MeasureOperation })) throw new InvalidOperationException("Counts needs measurements, and the circuit has none: add Measure or MeasureAll, or compute exact probabilities (ExactProbabilities.Compute) or the final state (FinalState).");
        ArgumentOutOfRangeException.ThrowIfNegative(options.Shots);
        var plan = Compile(circuit, options.Binding);
        var rng = new SeededRandom(options.Seed);
        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        using var state = Backend.CreateState(circuit.QubitCount, options.Precision);
        var clbits = new bool[circuit.ClbitCount];
        if (circuit.HasOnlyTerminalMeasurements)
        {
            foreach (var step in plan.Steps)
                if (step is UnitaryStep u) u.ApplyTo(state);
            var measures = plan.Steps.OfType<MeasureStep>().ToArray();
            foreach (long index in SampleIndices(state, options.Shots, rng))
            {
                Array.Clear(clbits);
                foreach (var m in measures) clbits[m.Clbit] = ((index >> m.Qubit) & 1) != 0;
                Increment(counts, FormatClbits(circuit, clbits));
            }
        }
        else
        {
            for (int shot = 0; shot < options.Shots; shot++)
            {
                state.SetBasisState(0);
                Array.Clear(clbits);
                Execute(plan, state, clbits, rng);
                Increment(counts, FormatClbits(circuit, clbits));
            }
        }
        return counts;
    }

    /// <summary>Runs every step of <paramref name="plan"/> on <paramref name="state"/>, drawing measurement outcomes from <paramref name="rng"/>.</summary>
    public static void Execute(ExecutionPlan plan, IStateVector state, Span<bool> clbits, SeededRandom rng)
    {
        foreach (var step in plan.Steps) ExecuteStep(step, state, clbits, rng);
    }

    private static void ExecuteStep(PlanStep step, IStateVector state, Span<bool> clbits, SeededRandom rng)
    {
        switch (step)
        {
            case UnitaryStep u:
                u.ApplyTo(state);
                break;
            case MeasureStep m:
                clbits[m.Clbit] = MeasureQubit(state, m.Qubit, rng) == 1;
                break;
            case ResetStep r:
                if (MeasureQubit(state, r.Qubit, rng) == 1) state.ApplyMatrix([r.Qubit], PauliX, []);
                break;
            case ConditionalStep c:
                if (c.Condition.IsSatisfiedBy(clbits)) ExecuteStep(c.Body, state, clbits, rng);
                break;
            default:
                throw new NotSupportedException($"Plan step '{step.GetType().Name}' is not supported.");
        }
    }

    private static readonly Complex[] PauliX = [0, 1, 1, 0];

    /// <summary>Measures one qubit with collapse and returns the outcome.</summary>
    public static int MeasureQubit(IStateVector state, int qubit, SeededRandom rng)
    {
        double p1 = state.ProbabilityOfOne(qubit);
        int outcome = rng.NextDouble() < p1 ? 1 : 0;
        state.Collapse(qubit, outcome);
        return outcome;
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
