using System.Collections.Immutable;
using System.Numerics;
using System.Runtime.InteropServices;
using QSim.Backends;
using QSim.Circuits;

namespace QSim.Execution;

/// <summary>One step of an <see cref="ExecutionPlan"/>: what a backend applies, with no gate names left.</summary>
public abstract record PlanStep;

/// <summary>A step that changes the state by a unitary: one matrix, a blocked run of them, or a relabelling of qubits.</summary>
public abstract record UnitaryStep : PlanStep
{
    /// <summary>Applies the step to a state.</summary>
    public abstract void ApplyTo(IStateVector state);
}

/// <summary>
/// A matrix (dense or diagonal) on target qubits, on the subspace where all controls are 1, made from one or more gates of
/// the circuit. Gate names are folded into kernel families: x/cx/ccx/mcx become a controlled 2x2, p/rz/cz/cp (controlled)
/// diagonals, the rest dense k-qubit matrices; a fused block is the product of its gates on the union of their qubits.
/// <see cref="Matrix"/> is the one form the kernels take, written by the plan's binding (a parameter-free step is written
/// once, when it is compiled).
/// </summary>
public sealed record KernelStep : UnitaryStep
{
    /// <summary>A step whose matrix <paramref name="recipe"/> writes on each bind (a parameter-free recipe needs <paramref name="matrix"/>).</summary>
    internal KernelStep(ImmutableArray<int> targets, ImmutableArray<int> controls, MatrixRecipe recipe, int gateCount, Complex[]? matrix = null)
    {
        Targets = targets;
        Controls = controls;
        Recipe = recipe;
        GateCount = gateCount;
        Matrix = matrix ?? new Complex[recipe.Diagonal ? 1 << targets.Length : 1 << (2 * targets.Length)];
    }

    /// <summary>Target qubits, in the little-endian order of <see cref="Matrix"/>.</summary>
    public ImmutableArray<int> Targets { get; }

    /// <summary>Control qubits (none for a fused step).</summary>
    public ImmutableArray<int> Controls { get; }

    /// <summary>True when <see cref="Matrix"/> holds only the 2^k diagonal.</summary>
    public bool IsDiagonal => Recipe.Diagonal;

    /// <summary>Gates of the circuit this step applies (a fused block has several).</summary>
    public int GateCount { get; }

    /// <summary>True when the matrix depends on a parameter slot (binding rewrites it).</summary>
    public bool IsParameterized => Recipe.IsParameterized;

    /// <summary>
    /// Row-major 2^k × 2^k matrix (or the diagonal), valid after the plan's last bind. A parameter-free step's matrix is
    /// written once, when the plan is compiled, and may be shared with other steps: read it, never write it.
    /// </summary>
    public Complex[] Matrix { get; }

    /// <summary>How <see cref="Matrix"/> is made from the slot values.</summary>
    internal MatrixRecipe Recipe { get; }

    /// <summary>
    /// The qubits a derivative term of this step acts on (<see cref="MatrixRecipe.WriteDerivativeTerm"/>): controls then
    /// targets for a step whose controls are apart, else the targets.
    /// </summary>
    internal ImmutableArray<int> TermQubits => Recipe.ControlsApart ? Controls.AddRange(Targets) : Targets;

    /// <summary>Rewrites <see cref="Matrix"/> from the slot values.</summary>
    internal void Bind(ReadOnlySpan<double> slots) => Recipe.Write(slots, Matrix);

    /// <inheritdoc/>
    public override void ApplyTo(IStateVector state) => AsApplication().ApplyTo(state);

    /// <summary>The matrix and qubits as the backend contract takes them (sharing <see cref="Matrix"/>).</summary>
    public MatrixApplication AsApplication() => new(Targets, Controls, Matrix, IsDiagonal);

    /// <summary>The same step with qubit q renamed <paramref name="map"/>[q] (the optimizer's qubit relabelling).</summary>
    internal KernelStep Relabel(IReadOnlyList<int> map)
    {
        ImmutableArray<int> targets = Renamed(Targets, map), controls = Renamed(Controls, map);
        // A parameter-free step has nothing to bind, so a step that keeps its qubits is itself.
        bool same = targets == Targets && controls == Controls;
        return same && !IsParameterized ? this : WithQubits(targets, controls);
    }

    private static ImmutableArray<int> Renamed(ImmutableArray<int> qubits, IReadOnlyList<int> map)
    {
        int unchanged = 0;
        while (unchanged < qubits.Length && map[qubits[unchanged]] == qubits[unchanged]) unchanged++;
        if (unchanged == qubits.Length) return qubits;
        if (qubits.Length == 1) return QubitLists.Single(map[qubits[0]]);
        var renamed = new int[qubits.Length];
        for (int i = 0; i < renamed.Length; i++) renamed[i] = map[qubits[i]];
        return ImmutableCollectionsMarshal.AsImmutableArray(renamed);
    }

    /// <summary>A copy with its own matrix buffer (for binding on another thread).</summary>
    internal KernelStep Copy() => WithQubits(Targets, Controls);

    private KernelStep WithQubits(ImmutableArray<int> targets, ImmutableArray<int> controls)
    {
        if (!IsParameterized) return new KernelStep(targets, controls, Recipe, GateCount, Matrix);
        var step = new KernelStep(targets, controls, Recipe, GateCount);
        Matrix.CopyTo(step.Matrix);
        return step;
    }

    /// <inheritdoc/>
    public bool Equals(KernelStep? other) => ReferenceEquals(this, other);

    /// <inheritdoc/>
    public override int GetHashCode() => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(this);
}

/// <summary>
/// A run of kernel steps that touch only qubits below <see cref="BlockQubits"/>, applied in one sweep over the state: the
/// backend may apply the whole run to each cache-sized block of 2^BlockQubits amplitudes before moving on
/// (<see cref="IBlockedSweepState.ApplySweep"/>).
/// </summary>
public sealed record SweepStep : UnitaryStep
{
    private readonly MatrixApplication[] _run;

    /// <summary>Creates the sweep; every step must lie below <paramref name="blockQubits"/>.</summary>
    /// <exception cref="ArgumentException">A step touches a qubit at or above <paramref name="blockQubits"/>.</exception>
    public SweepStep(IReadOnlyList<KernelStep> steps, int blockQubits)
    {
        Steps = [.. steps];
        BlockQubits = blockQubits;
        _run = Steps.Select(s => s.AsApplication()).ToArray();
        foreach (var application in _run)
            if (application.HighestQubit >= blockQubits)
                throw new ArgumentException($"A step touches qubit {application.HighestQubit}, outside the block of {blockQubits} qubit(s).", nameof(steps));
    }

    /// <summary>The kernel steps, in order.</summary>
    public ImmutableArray<KernelStep> Steps { get; }

    /// <summary>log2 of the block size in amplitudes.</summary>
    public int BlockQubits { get; }

    /// <inheritdoc/>
    public override void ApplyTo(IStateVector state) => state.ApplySweep(_run, BlockQubits);

    /// <inheritdoc/>
    public bool Equals(SweepStep? other) => ReferenceEquals(this, other);

    /// <inheritdoc/>
    public override int GetHashCode() => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(this);
}

/// <summary>
/// Exchanges qubit <see cref="First"/>[i] with <see cref="Second"/>[i] for every i, in one pass: the optimizer's
/// relabelling that brings high qubits into the cache-sized low block (and back). It is its own inverse.
/// </summary>
public sealed record QubitSwapStep(ImmutableArray<int> First, ImmutableArray<int> Second) : UnitaryStep
{
    /// <inheritdoc/>
    public override void ApplyTo(IStateVector state) => state.SwapQubits(First.AsSpan(), Second.AsSpan());

    /// <inheritdoc/>
    public bool Equals(QubitSwapStep? other) => other is not null && First.SequenceEqual(other.First) && Second.SequenceEqual(other.Second);

    /// <inheritdoc/>
    public override int GetHashCode() => First.Length;
}

/// <summary>Measures a qubit into a classical bit.</summary>
public sealed record MeasureStep(int Qubit, int Clbit) : PlanStep;

/// <summary>Resets a qubit to |0⟩.</summary>
public sealed record ResetStep(int Qubit) : PlanStep;

/// <summary>Runs <paramref name="Body"/> only when the condition holds.</summary>
public sealed record ConditionalStep(ClassicalCondition Condition, PlanStep Body) : PlanStep;
