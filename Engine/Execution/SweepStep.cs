using System.Collections.Immutable;
using QSim.Backends;
using QSim.Parameters;

namespace QSim.Execution;

/// <summary>
/// A run of kernel steps that touch only qubits below <see cref="BlockQubits"/>, applied in one
/// sweep over the state: the backend may apply the whole run to each cache-sized block of
/// 2^BlockQubits amplitudes before moving on (<see cref="IStateVector.ApplySweep"/>).
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
        IsParameterized = Steps.Any(s => s.IsParameterized);
    }

    /// <summary>The kernel steps, in order.</summary>
    public ImmutableArray<KernelStep> Steps { get; }

    /// <summary>log2 of the block size in amplitudes.</summary>
    public int BlockQubits { get; }

    /// <inheritdoc/>
    public override bool IsParameterized { get; }

    /// <inheritdoc/>
    public override void Bind(ParameterBinding binding)
    {
        foreach (var step in Steps)
            if (step.IsParameterized) step.Bind(binding);
    }

    /// <inheritdoc/>
    public override void ApplyTo(IStateVector state) => state.ApplySweep(_run, BlockQubits);

    /// <inheritdoc/>
    public override SweepStep Copy() => new(Steps.Select(s => s.IsParameterized ? s.Copy() : s).ToArray(), BlockQubits);
}

/// <summary>
/// Exchanges qubit <see cref="First"/>[i] with <see cref="Second"/>[i] for every i, in one pass: the
/// optimizer's relabelling that brings high qubits into the cache-sized low block (and back).
/// </summary>
public sealed record QubitSwapStep(ImmutableArray<int> First, ImmutableArray<int> Second) : UnitaryStep
{
    /// <inheritdoc/>
    public override bool IsParameterized => false;

    /// <inheritdoc/>
    public override void Bind(ParameterBinding binding) { }

    /// <inheritdoc/>
    public override void ApplyTo(IStateVector state) => state.SwapQubits(First.AsSpan(), Second.AsSpan());

    /// <inheritdoc/>
    public override QubitSwapStep Copy() => this;

    /// <inheritdoc/>
    public bool Equals(QubitSwapStep? other) => other is not null && First.SequenceEqual(other.First) && Second.SequenceEqual(other.Second);

    /// <inheritdoc/>
    public override int GetHashCode() => First.Length;
}
