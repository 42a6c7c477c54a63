using System.Collections.Immutable;
using System.Numerics;
using QSim.Backends;
using QSim.Circuits;
using QSim.Gates;
using QSim.Numerics;
using QSim.Parameters;

namespace QSim.Execution;

/// <summary>One step of an <see cref="ExecutionPlan"/>: what a backend applies, with no gate names left.</summary>
public abstract record PlanStep;

/// <summary>A step that changes the state by a unitary: one matrix, a blocked run of them, or a relabelling of qubits.</summary>
public abstract record UnitaryStep : PlanStep
{
    /// <summary>True when a matrix depends on a symbol, so <see cref="Bind"/> has work to do.</summary>
    public abstract bool IsParameterized { get; }

    /// <summary>Recomputes the matrices for the given symbol values.</summary>
    public abstract void Bind(ParameterBinding binding);

    /// <summary>Applies the step to a state.</summary>
    public abstract void ApplyTo(IStateVector state);

    /// <summary>A copy with its own matrix buffers (for binding on another thread).</summary>
    public abstract UnitaryStep Copy();
}

/// <summary>
/// A matrix (dense or diagonal) on target qubits, on the subspace where all controls are 1, made from
/// one or more gates of the circuit. Gate names are folded into kernel families: x/cx/ccx/mcx become a
/// controlled 2x2, p/rz/cz/cp (controlled) diagonals, the rest dense k-qubit matrices; a fused block is
/// the product of its gates' matrices on the union of their qubits. The step keeps its gates, so a
/// parameterized step recomputes its matrix in place on every <see cref="Bind"/>.
/// </summary>
public sealed record KernelStep : UnitaryStep
{
    private KernelStep(ImmutableArray<int> targets, ImmutableArray<int> controls, bool isDiagonal, ImmutableArray<GateOperation> gates)
    {
        Targets = targets;
        Controls = controls;
        IsDiagonal = isDiagonal;
        Gates = gates;
        Matrix = new Complex[isDiagonal ? 1 << targets.Length : 1 << (2 * targets.Length)];
        IsParameterized = gates.Any(g => g.IsParameterized);
    }

    /// <summary>Target qubits, in the little-endian order of <see cref="Matrix"/>.</summary>
    public ImmutableArray<int> Targets { get; }

    /// <summary>Control qubits (none for an uncontrolled or fused step).</summary>
    public ImmutableArray<int> Controls { get; }

    /// <summary>True when <see cref="Matrix"/> holds only the 2^k diagonal.</summary>
    public bool IsDiagonal { get; }

    /// <summary>The gates it applies, in circuit order.</summary>
    public ImmutableArray<GateOperation> Gates { get; }

    /// <summary>True when a gate's parameter mentions a symbol.</summary>
    public override bool IsParameterized { get; }

    /// <summary>Row-major 2^k × 2^k matrix (or the diagonal), valid after the last <see cref="Bind"/>.</summary>
    public Complex[] Matrix { get; }

    /// <summary>A step for one gate: controls kept apart, diagonal when the target gate is.</summary>
    public static KernelStep FromGate(GateOperation gate)
    {
        GateDefinition target = gate.Gate.Target ?? gate.Gate;
        int controls = gate.Gate.ControlCount;
        var step = new KernelStep([.. gate.Qubits[controls..]], [.. gate.Qubits[..controls]], target.IsDiagonal, [gate]);
        if (!step.IsParameterized) step.Bind(ParameterBinding.Empty);
        return step;
    }

    /// <summary>One dense step for several gates on the qubits <paramref name="targets"/> (which must cover all of theirs).</summary>
    public static KernelStep Fuse(IReadOnlyList<GateOperation> gates, ImmutableArray<int> targets)
    {
        bool diagonal = gates.All(g => (g.Gate.Target ?? g.Gate).IsDiagonal);
        var step = new KernelStep(targets, [], diagonal, [.. gates]);
        if (!step.IsParameterized) step.Bind(ParameterBinding.Empty);
        return step;
    }

    /// <summary>The same step with qubit q renamed <paramref name="map"/>[q] (the optimizer's qubit relabelling).</summary>
    public KernelStep Relabel(IReadOnlyList<int> map)
    {
        var gates = Gates.Select(g => new GateOperation(g.Gate, [.. g.Qubits.Select(q => map[q])], g.Parameters));
        var step = new KernelStep([.. Targets.Select(q => map[q])], [.. Controls.Select(q => map[q])], IsDiagonal, [.. gates]);
        if (!step.IsParameterized) step.Bind(ParameterBinding.Empty);
        return step;
    }

    /// <summary>Recomputes <see cref="Matrix"/> for the given symbol values.</summary>
    public override void Bind(ParameterBinding binding)
    {
        if (Gates.Length == 1 && Controls.Length == Gates[0].Gate.ControlCount)
        {
            // Written in place (no matrix object per bind): estimators bind every row of every batch.
            var gate = Gates[0];
            var target = gate.Gate.Target ?? gate.Gate;
            Span<double> values = stackalloc double[gate.Parameters.Length];
            for (int j = 0; j < values.Length; j++) values[j] = gate.Parameters[j].Evaluate(binding);
            if (!IsDiagonal)
            {
                target.WriteMatrix(values, Matrix);
                return;
            }
            int dim = target.Dimension, elements = dim * dim;
            Span<Complex> full = elements <= 256 ? stackalloc Complex[elements] : new Complex[elements];
            target.WriteMatrix(values, full);
            for (int i = 0; i < dim; i++) Matrix[i] = full[i * dim + i];
            return;
        }
        ComplexMatrix product = ComplexMatrix.Identity(1 << Targets.Length);
        foreach (var gate in Gates)
        {
            var local = gate.Qubits.Select(q => Targets.IndexOf(q)).ToArray();
            product = GateLibrary.Embed(gate.Matrix(binding), local, Targets.Length) * product;
        }
        (IsDiagonal ? product.GetDiagonal() : product.Elements).CopyTo(Matrix);
    }

    /// <summary>Applies this step to a state.</summary>
    public override void ApplyTo(IStateVector state) => AsApplication().ApplyTo(state);

    /// <summary>The matrix and qubits as the backend contract takes them (sharing <see cref="Matrix"/>).</summary>
    public MatrixApplication AsApplication() => new(Targets, Controls, Matrix, IsDiagonal);

    /// <summary>A copy with its own matrix buffer (for binding on another thread).</summary>
    public override KernelStep Copy()
    {
        var copy = new KernelStep(Targets, Controls, IsDiagonal, Gates);
        Matrix.CopyTo(copy.Matrix);
        return copy;
    }
}

/// <summary>Measures a qubit into a classical bit.</summary>
public sealed record MeasureStep(int Qubit, int Clbit) : PlanStep;

/// <summary>Resets a qubit to |0⟩.</summary>
public sealed record ResetStep(int Qubit) : PlanStep;

/// <summary>Runs <paramref name="Body"/> only when the condition holds.</summary>
public sealed record ConditionalStep(ClassicalCondition Condition, PlanStep Body) : PlanStep;

/// <summary>
/// A circuit lowered for a backend: kernel steps and the non-unitary steps between them (barriers
/// are dropped; they only constrain optimizers). Compiled once; <see cref="Bind"/> then recomputes
/// only the matrices of parameterized steps, so one plan serves a whole batch of parameter sets.
/// A plan is not thread-safe: give each thread its own <see cref="Clone"/>.
/// </summary>
public sealed class ExecutionPlan
{
    /// <summary>Creates a plan from steps (the optimizer's output).</summary>
    public ExecutionPlan(int qubits, int clbits, IReadOnlyList<Symbol> symbols, IReadOnlyList<PlanStep> steps)
    {
        QubitCount = qubits;
        ClbitCount = clbits;
        Symbols = symbols;
        Steps = steps;
    }

    /// <summary>Qubits of the state it runs on.</summary>
    public int QubitCount { get; }

    /// <summary>Classical bits it writes.</summary>
    public int ClbitCount { get; }

    /// <summary>The circuit's symbols, which <see cref="Bind"/> needs values for.</summary>
    public IReadOnlyList<Symbol> Symbols { get; }

    /// <summary>The steps in order.</summary>
    public IReadOnlyList<PlanStep> Steps { get; }

    /// <summary>True when every step is unitary (no measurement, reset or condition).</summary>
    public bool IsUnitary => Steps.All(s => s is UnitaryStep);

    /// <summary>Lowers <paramref name="circuit"/> one gate per step, parameters still symbolic.</summary>
    public static ExecutionPlan Compile(Circuit circuit)
    {
        var steps = new List<PlanStep>(circuit.Operations.Count);
        foreach (var op in circuit.Operations)
            if (Lower(op) is { } step) steps.Add(step);
        return new ExecutionPlan(circuit.QubitCount, circuit.ClbitCount, circuit.Symbols, steps);
    }

    /// <summary>Lowers and binds in one call.</summary>
    /// <exception cref="ParameterBindingException">A symbol is missing, unknown, or not finite.</exception>
    public static ExecutionPlan Compile(Circuit circuit, ParameterBinding binding)
    {
        var plan = Compile(circuit);
        plan.Bind(binding);
        return plan;
    }

    /// <summary>Recomputes the matrices of parameterized steps.</summary>
    /// <exception cref="ParameterBindingException">A symbol is missing, unknown, or not finite.</exception>
    public void Bind(ParameterBinding binding)
    {
        binding.RequireExactly(Symbols);
        foreach (var step in Steps)
            if (Unwrap(step) is { IsParameterized: true } unitary) unitary.Bind(binding);
    }

    /// <summary>A copy whose parameterized steps have their own matrix buffers.</summary>
    public ExecutionPlan Clone() => new(QubitCount, ClbitCount, Symbols, Steps.Select(CloneStep).ToArray());

    private static PlanStep CloneStep(PlanStep step) => step switch
    {
        UnitaryStep { IsParameterized: true } u => u.Copy(),
        ConditionalStep c => c with { Body = CloneStep(c.Body) },
        _ => step,
    };

    private static UnitaryStep? Unwrap(PlanStep step) => step switch
    {
        UnitaryStep u => u,
        ConditionalStep c => Unwrap(c.Body),
        _ => null,
    };

    internal static PlanStep? Lower(Operation op) => op switch
    {
        GateOperation g => KernelStep.FromGate(g),
        MeasureOperation m => new MeasureStep(m.Qubit, m.Clbit),
        ResetOperation r => new ResetStep(r.Qubit),
        BarrierOperation => null,
        ConditionalOperation c => Lower(c.Body) is { } body ? new ConditionalStep(c.Condition, body) : null,
        ChannelOperation ch => throw new NotSupportedException(
            $"Channel '{ch.Channel}' cannot run here: noise needs quantum trajectories or a density matrix, which this executor does not run yet."),
        _ => throw new NotSupportedException($"Operation '{op.GetType().Name}' cannot be executed."),
    };
}
