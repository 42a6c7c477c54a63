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

    /// <summary>
    /// One gate as a step: controls kept apart, diagonal when the target gate is. A parameter-free gate's matrix is computed
    /// now and shared by every step of the same gate and parameter values (steps never write a parameter-free matrix), so a
    /// circuit of millions of gates of a few kinds holds a few matrices.
    /// </summary>
    public KernelStep Gate(GateOperation gate)
    {
        GateDefinition target = gate.Gate.Target ?? gate.Gate;
        int controls = gate.Gate.ControlCount;
        var targets = QubitLists.Slice(gate.Qubits, controls, gate.Qubits.Length - controls);
        var controlQubits = controls == 0 ? ImmutableArray<int>.Empty : QubitLists.Slice(gate.Qubits, 0, controls);
        if (!gate.IsParameterized)
            return new KernelStep(targets, controlQubits, MatrixRecipe.Constant(targets.Length, target.IsDiagonal), 1, SharedMatrix(target, gate));
        var factor = new MatrixFactor(gate.Gate, InOrder(targets.Length), AddSlots(gate), Constant: null);
        return new KernelStep(targets, controlQubits, new MatrixRecipe(targets.Length, target.IsDiagonal, [factor], controlsApart: controls > 0), 1);
    }

    /// <summary>
    /// The matrix (or diagonal) of a parameter-free gate's target part, one array per distinct gate and parameter values
    /// among the first <see cref="SharedMatrixLimit"/> distinct ones; a gate seen after the table is full gets its own.
    /// </summary>
    private Complex[] SharedMatrix(GateDefinition target, GateOperation gate)
    {
        var parameters = gate.Parameters;
        if (parameters.Length > 3) return ConstantMatrix(target, gate, target.IsDiagonal);
        Span<double> values = stackalloc double[3];
        for (int j = 0; j < parameters.Length; j++) parameters[j].TryGetConstant(out values[j]);
        var key = (target, values[0], values[1], values[2]);
        if (_matrices.TryGetValue(key, out var matrix)) return matrix;
        matrix = ConstantMatrix(target, gate, target.IsDiagonal);
        if (_matrices.Count < SharedMatrixLimit) _matrices[key] = matrix;
        return matrix;
    }

    /// <summary>
    /// Distinct gates whose matrices are shared. Repeated gates (h, cx, t, rz(π/4)) come early and often; a circuit of
    /// millions of rotations by angles that never repeat would only grow the table past the cache and gain nothing.
    /// </summary>
    private const int SharedMatrixLimit = 4096;

    private readonly Dictionary<(GateDefinition, double, double, double), Complex[]> _matrices = new();

    /// <summary>The positions 0..k−1, shared.</summary>
    private static int[] InOrder(int k) => k < s_inOrder.Length ? s_inOrder[k] : [.. Enumerable.Range(0, k)];

    private static readonly int[][] s_inOrder = [.. Enumerable.Range(0, 9).Select(k => Enumerable.Range(0, k).ToArray())];

    /// <summary>One step for several gates on <paramref name="qubits"/> (which must cover all of theirs), in circuit order.</summary>
    public KernelStep Block(IReadOnlyList<GateOperation> gates, ImmutableArray<int> qubits)
    {
        if (gates.Count == 1 && gates[0].Qubits.Length == qubits.Length) return Gate(gates[0]);
        bool diagonal = true;
        foreach (var gate in gates) diagonal &= gate.Gate.IsDiagonal;
        int k = qubits.Length;
        // Only a parameterized block keeps a list of factors; a parameter-free one is just its constant product.
        List<MatrixFactor>? factors = null;
        Complex[]? constant = null;
        long constantQubits = 0; // bit l: local position l is touched by the current run of parameter-free gates
        Span<Complex> gateDiagonal = stackalloc Complex[1 << SmallMatrices.MaxQubits];
        Span<Complex> gateMatrix = stackalloc Complex[GateMatrixStackElements];
        Span<int> local = k <= 64 ? stackalloc int[k] : new int[k];
        foreach (var gate in gates)
        {
            var gateLocal = local[..gate.Qubits.Length];
            for (int j = 0; j < gateLocal.Length; j++)
                if ((gateLocal[j] = qubits.IndexOf(gate.Qubits[j])) < 0)
                    throw new ArgumentException($"Gate '{gate.Gate.Name}' acts outside the block's qubits.", nameof(qubits));
            if (gate.IsParameterized)
            {
                factors ??= new List<MatrixFactor>();
                if (constant is not null) factors.Add(new MatrixFactor(null, Positions(constantQubits), -1, constant));
                constant = null;
                constantQubits = 0;
                factors.Add(new MatrixFactor(gate.Gate, gateLocal.ToArray(), AddSlots(gate), Constant: null));
                continue;
            }
            constant ??= Identity(k, diagonal);
            foreach (int l in gateLocal) constantQubits |= 1L << l;
            int elements = gate.Gate.Dimension * gate.Gate.Dimension;
            var matrix = elements <= gateMatrix.Length ? gateMatrix[..elements] : new Complex[elements];
            WriteConstantMatrix(gate.Gate, gate, matrix);
            if (diagonal)
            {
                var d = gateDiagonal[..gate.Gate.Dimension];
                SmallMatrices.DiagonalOf(matrix, d);
                SmallMatrices.MultiplyDiagonal(constant, k, gateLocal, d);
            }
            else SmallMatrices.MultiplyLeft(constant, k, gateLocal, matrix);
        }
        // Parameter-free: the product is the one constant factor, which becomes the step's matrix.
        if (factors is null) return new KernelStep(qubits, [], MatrixRecipe.Constant(k, diagonal), gates.Count, constant ?? Identity(k, diagonal));
        if (constant is not null) factors.Add(new MatrixFactor(null, Positions(constantQubits), -1, constant));
        return new KernelStep(qubits, [], new MatrixRecipe(k, diagonal, [.. factors], controlsApart: false), gates.Count);
    }

    /// <summary>Gate matrices up to this many elements (a dense 3-qubit gate) are written on the stack while a block is multiplied.</summary>
    private const int GateMatrixStackElements = 64;

    /// <summary>The set bits of <paramref name="mask"/>, ascending.</summary>
    private static int[] Positions(long mask)
    {
        var positions = new int[BitOperations.PopCount((ulong)mask)];
        for (int i = 0; mask != 0; mask &= mask - 1) positions[i++] = BitOperations.TrailingZeroCount(mask);
        return positions;
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
        var dense = new Complex[definition.Dimension * definition.Dimension];
        WriteConstantMatrix(definition, gate, dense);
        if (!diagonal) return dense;
        var d = new Complex[definition.Dimension];
        SmallMatrices.DiagonalOf(dense, d);
        return d;
    }

    /// <summary>Writes the dense matrix of a parameter-free gate (of <paramref name="definition"/>, its whole gate or its target part).</summary>
    private static void WriteConstantMatrix(GateDefinition definition, GateOperation gate, Span<Complex> dense)
    {
        Span<double> values = stackalloc double[gate.Parameters.Length];
        for (int j = 0; j < values.Length; j++) gate.Parameters[j].TryGetConstant(out values[j]);
        definition.WriteMatrix(values, dense);
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
