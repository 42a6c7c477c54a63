using QSim.Backends;

namespace QSim.Estimation;

/// <summary>How the derivative of an expectation value with respect to the circuit's parameters is computed.</summary>
public enum GradientMethod
{
    /// <summary>Adjoint differentiation: one forward pass and one backward sweep, exact; cost independent of the parameter count up to a constant.</summary>
    Adjoint,
    /// <summary>Parameter-shift rule from each gate parameter's generator spectrum: exact, two or more evaluations per gate parameter (as on hardware).</summary>
    ParameterShift,
    /// <summary>Central finite differences per symbol: approximate, two evaluations per symbol.</summary>
    FiniteDifference,
}

/// <summary>Settings of an <see cref="Estimator"/>.</summary>
public sealed record EstimatorOptions
{
    /// <summary>Precision of the state vectors (complex64 by default, as in qsim/TFQ; choose Double for gradients to 1e-10).</summary>
    public Precision Precision { get; init; } = Precision.Single;

    /// <summary>Most batch rows evaluated at once, one state (set) per row in flight (default: every core).</summary>
    public int MaxParallelRows { get; init; } = Environment.ProcessorCount;

    /// <summary>
    /// Circuits on fewer qubits run the batch rows in parallel, each on one thread; from this size on, rows run one
    /// after another and the backend splits each gate across its threads (a state that no longer fits in cache gains
    /// more from shared bandwidth than from independent rows). Matches the CPU backend's own threshold.
    /// </summary>
    public int BatchParallelBelowQubits { get; init; } = 14;

    /// <summary>
    /// log2 of the amplitudes in one cache block of the adjoint sweep: its un-applies of gates below the block, and its
    /// reads of their derivative terms, run block by block; gates above it take a pass each, ahead of the blocked run when
    /// they commute with it. Default: the optimizer's block (<see cref="Passes.OptimizerOptions.BlockQubits"/>).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is below 1.</exception>
    public int SweepBlockQubits
    {
        get;
        init => field = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "A sweep block holds at least one qubit.");
    } = new Passes.OptimizerOptions().BlockQubits;

    /// <summary>Step of <see cref="GradientMethod.FiniteDifference"/>; by default about the cube root of the precision's epsilon (1e-5 double, 1e-2 single).</summary>
    public double? FiniteDifferenceStep { get; init; }
}
