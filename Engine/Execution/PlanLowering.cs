using System.Collections.Immutable;
using System.Numerics;
using QSim.Circuits;
using QSim.Gates;
using QSim.Numerics;
using QSim.Parameters;

namespace QSim.Execution;

/// <summary>
/// Turns a circuit's operations into plan steps, and collects the parameter slots of the gates whose matrices depend on
/// symbols: the one place where gates become kernel matrices. A gate of its own becomes a step with its controls apart
/// (the kernel applies them); several gates fused on a set of qubits become one step whose recipe multiplies them, with
/// each run of parameter-free gates multiplied once, here.
/// </summary>
internal sealed class PlanLowering
{
    private readonly List<ParameterSlot> _slots = new();

    public PlanLowering(Circuit circuit)
    {
        QubitCount = circuit.QubitCount;
        ClbitCount = circuit.ClbitCount;
        Symbols = circuit.Symbols;
    }

    public int QubitCount { get; }

    public int ClbitCount { get; }

    public IReadOnlyList<Symbol> Symbols { get; }

    /// <summary>The plan of <paramref name="steps"/> with the slots collected so far.</summary>
    public ExecutionPlan Build(IReadOnlyList<PlanStep> steps)
    {
        var plan = new ExecutionPlan(QubitCount, ClbitCount, Symbols, [.. _slots], steps);
        return plan;
    }

    /// <summary>The step of a non-gate operation (a noise channel included), or of a gate on its own; null for a barrier.</summary>
    /// <exception cref="NotSupportedException">The operation cannot be executed.</exception>
    public PlanStep? Lower(Operation op) => op switch
    {
        GateOperation g => Gate(g),
        MeasureOperation m => new MeasureStep(m.Qubit, m.Clbit),
        ResetOperation r => new ResetStep(r.Qubit),
        BarrierOperation => null,
        ConditionalOperation c => Lower(c.Body) is { } body ? new ConditionalStep(c.Condition, body) : null,
        ChannelOperation ch => new ChannelStep(ch.Channel, ch.Qubits),
        _ => throw new NotSupportedException($"Operation '{op.GetType().Name}' cannot be executed."),
    };

    /// <summary>One gate as a step: controls kept apart, diagonal when the target gate is.</summary>
    public KernelStep Gate(GateOperation gate)
    {
        GateDefinition target = gate.Gate.Target ?? gate.Gate;
        int controls = gate.Gate.ControlCount;
        var targets = gate.Qubits[controls..];
        int[] local = [.. Enumerable.Range(0, targets.Length)];
        MatrixFactor factor = gate.IsParameterized
            ? new MatrixFactor(gate.Gate, local, AddSlots(gate), Constant: null)
            : new MatrixFactor(null, local, -1, ConstantMatrix(target, gate, target.IsDiagonal));
        return Finish(new KernelStep(targets, gate.Qubits[..controls], new MatrixRecipe(targets.Length, target.IsDiagonal, [factor], controlsApart: controls > 0), 1));
    }

    /// <summary>One step for several gates on <paramref name="qubits"/> (which must cover all of theirs), in circuit order.</summary>
    public KernelStep Block(IReadOnlyList<GateOperation> gates, ImmutableArray<int> qubits)
    {
        if (gates.Count == 1 && gates[0].Qubits.Length == qubits.Length) return Gate(gates[0]);
        bool diagonal = gates.All(g => g.Gate.IsDiagonal);
        int k = qubits.Length;
        var factors = new List<MatrixFactor>();
        Complex[]? constant = null;
        Span<Complex> gateDiagonal = stackalloc Complex[1 << SmallMatrices.MaxQubits];
        foreach (var gate in gates)
        {
            int[] local = [.. gate.Qubits.Select(q => qubits.IndexOf(q))];
            if (local.Any(l => l < 0)) throw new ArgumentException($"Gate '{gate.Gate.Name}' acts outside the block's qubits.", nameof(qubits));
            if (gate.IsParameterized)
            {
                if (constant is not null) factors.Add(new MatrixFactor(null, [], -1, constant));
                constant = null;
                factors.Add(new MatrixFactor(gate.Gate, local, AddSlots(gate), Constant: null));
                continue;
            }
            constant ??= Identity(k, diagonal);
            var matrix = ConstantMatrix(gate.Gate, gate, diagonal: false);
            if (diagonal)
            {
                var d = gateDiagonal[..gate.Gate.Dimension];
                SmallMatrices.DiagonalOf(matrix, d);
                SmallMatrices.MultiplyDiagonal(constant, k, local, d);
            }
            else SmallMatrices.MultiplyLeft(constant, k, local, matrix);
        }
        if (constant is not null) factors.Add(new MatrixFactor(null, [], -1, constant));
        return Finish(new KernelStep(qubits, [], new MatrixRecipe(k, diagonal, [.. factors], controlsApart: false), gates.Count));
    }

    /// <summary>A parameter-free step gets its matrix now; a parameterized one at every bind.</summary>
    private static KernelStep Finish(KernelStep step)
    {
        if (!step.IsParameterized) step.Bind([]);
        return step;
    }

    /// <summary>Adds one slot per parameter of <paramref name="gate"/> and returns the first.</summary>
    private int AddSlots(GateOperation gate)
    {
        int first = _slots.Count;
        foreach (var expression in gate.Parameters)
        {
            var derivatives = expression.Symbols
                .Select(s => (Symbol: IndexOf(s), Derivative: expression.Derivative(s)))
                .Where(d => d.Derivative is not Constant { Value: 0 })
                .ToImmutableArray();
            _slots.Add(new ParameterSlot(expression, derivatives));
        }
        return first;
    }

    private int IndexOf(Symbol symbol)
    {
        for (int i = 0; i < Symbols.Count; i++)
            if (Symbols[i].Equals(symbol)) return i;
        throw new InvalidOperationException($"Symbol '{symbol.Name}' is not among the circuit's symbols.");
    }

    /// <summary>The matrix of a parameter-free gate (of <paramref name="definition"/>, its whole gate or its target part), dense or its diagonal.</summary>
    private static Complex[] ConstantMatrix(GateDefinition definition, GateOperation gate, bool diagonal)
    {
        Span<double> values = stackalloc double[gate.Parameters.Length];
        for (int j = 0; j < values.Length; j++) gate.Parameters[j].TryGetConstant(out values[j]);
        var dense = new Complex[definition.Dimension * definition.Dimension];
        definition.WriteMatrix(values, dense);
        if (!diagonal) return dense;
        var d = new Complex[definition.Dimension];
        SmallMatrices.DiagonalOf(dense, d);
        return d;
    }

    private static Complex[] Identity(int qubits, bool diagonal)
    {
        int dim = 1 << qubits;
        var m = new Complex[diagonal ? dim : dim * dim];
        if (diagonal) m.AsSpan().Fill(Complex.One);
        else SmallMatrices.SetIdentity(m, qubits);
        return m;
    }
}
