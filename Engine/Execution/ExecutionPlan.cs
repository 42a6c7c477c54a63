using System.Collections.Immutable;
using System.Numerics;
using QSim.Backends;
using QSim.Circuits;
using QSim.Gates;
using QSim.Parameters;

namespace QSim.Execution;

/// <summary>One step of an <see cref="ExecutionPlan"/>: what a backend applies, with no gate names left.</summary>
public abstract record PlanStep;

/// <summary>
/// A matrix (dense or diagonal) on target qubits, on the subspace where all controls are 1.
/// Gate names are folded into these kernel families: x/cx/ccx/mcx become a controlled 2x2,
/// p/rz/cz/cp become (controlled) diagonals, the rest dense k-qubit matrices.
/// </summary>
/// <param name="Targets">Target qubits, little-endian order of the matrix.</param>
/// <param name="Controls">Control qubits (none for an uncontrolled gate).</param>
/// <param name="Matrix">Row-major 2^k × 2^k matrix, or the 2^k diagonal when <paramref name="IsDiagonal"/>.</param>
/// <param name="IsDiagonal">True when <paramref name="Matrix"/> holds a diagonal.</param>
public sealed record KernelStep(ImmutableArray<int> Targets, ImmutableArray<int> Controls, Complex[] Matrix, bool IsDiagonal) : PlanStep
{
    /// <summary>Applies this step to a state.</summary>
    public void ApplyTo(IStateVector state)
    {
        if (IsDiagonal) state.ApplyDiagonal(Targets.AsSpan(), Matrix, Controls.AsSpan());
        else state.ApplyMatrix(Targets.AsSpan(), Matrix, Controls.AsSpan());
    }

    /// <summary>Lowers a gate with bound parameter values to its kernel family.</summary>
    public static KernelStep FromGate(GateDefinition gate, ReadOnlySpan<int> qubits, ReadOnlySpan<double> parameters)
    {
        GateDefinition target = gate.Target ?? gate;
        int controls = gate.ControlCount;
        var matrix = target.Matrix(parameters);
        bool diagonal = target.IsDiagonal || matrix.IsDiagonal;
        return new KernelStep([.. qubits[controls..]], [.. qubits[..controls]],
            diagonal ? matrix.GetDiagonal() : matrix.Elements.ToArray(), diagonal);
    }
}

/// <summary>Measures a qubit into a classical bit.</summary>
public sealed record MeasureStep(int Qubit, int Clbit) : PlanStep;

/// <summary>Resets a qubit to |0⟩.</summary>
public sealed record ResetStep(int Qubit) : PlanStep;

/// <summary>Runs <paramref name="Body"/> only when the condition holds.</summary>
public sealed record ConditionalStep(ClassicalCondition Condition, PlanStep Body) : PlanStep;

/// <summary>
/// A circuit lowered for a backend under one parameter binding: a list of kernel calls and the
/// non-unitary steps between them. Barriers are dropped (they only constrain optimizers).
/// </summary>
public sealed class ExecutionPlan
{
    private ExecutionPlan(int qubits, int clbits, IReadOnlyList<PlanStep> steps)
    {
        QubitCount = qubits;
        ClbitCount = clbits;
        Steps = steps;
    }

    /// <summary>Qubits of the state it runs on.</summary>
    public int QubitCount { get; }

    /// <summary>Classical bits it writes.</summary>
    public int ClbitCount { get; }

    /// <summary>The steps in order.</summary>
    public IReadOnlyList<PlanStep> Steps { get; }

    /// <summary>True when every step is a kernel call.</summary>
    public bool IsUnitary => Steps.All(s => s is KernelStep);

    /// <summary>Lowers <paramref name="circuit"/> under <paramref name="binding"/>.</summary>
    /// <exception cref="ParameterBindingException">A symbol of the circuit has no finite value.</exception>
    public static ExecutionPlan Compile(Circuit circuit, ParameterBinding binding)
    {
        var steps = new List<PlanStep>(circuit.Operations.Count);
        foreach (var op in circuit.Operations)
            if (Lower(op, binding) is { } step) steps.Add(step);
        return new ExecutionPlan(circuit.QubitCount, circuit.ClbitCount, steps);
    }

    private static PlanStep? Lower(Operation op, ParameterBinding binding) => op switch
    {
        GateOperation g => KernelStep.FromGate(g.Gate, g.Qubits.AsSpan(), g.ParameterValues(binding)),
        MeasureOperation m => new MeasureStep(m.Qubit, m.Clbit),
        ResetOperation r => new ResetStep(r.Qubit),
        BarrierOperation => null,
        ConditionalOperation c => Lower(c.Body, binding) is { } body ? new ConditionalStep(c.Condition, body) : null,
        _ => throw new NotSupportedException($"Operation '{op.GetType().Name}' cannot be executed."),
    };
}
