using QSim.Backends;
using QSim.Passes;

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
    /// <summary>Largest fused block holding a parameterized gate, unless <see cref="Optimizer"/> says otherwise: each of its gate parameters is one derivative term on that block's qubits.</summary>
    public const int DefaultParameterizedBlockQubits = 2;

    /// <summary>Precision of the state vectors (complex64 by default, as in qsim/TFQ; choose Double for gradients to 1e-10).</summary>
    public Precision Precision { get; init; } = Precision.Single;

    /// <summary>Most batch rows evaluated at once, one state (set) per row in flight (default: every core).</summary>
    public int MaxParallelRows { get; init; } = Environment.ProcessorCount;

    /// <summary>The optimizer level the circuit is compiled at (0..3; default 3). Every job and gradient method runs the optimized plan.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The level is outside 0..3.</exception>
    public int OptimizationLevel
    {
        get;
        init => field = PassManager.CheckLevel(value);
    } = PassManager.MaxLevel;

    /// <summary>Optimizer settings; null: the backend's, with parameterized blocks of at most <see cref="DefaultParameterizedBlockQubits"/> qubits.</summary>
    public OptimizerOptions? Optimizer { get; init; }

    /// <summary>
    /// log2 of the amplitudes in one cache block of the adjoint sweep, whose un-applies and reads of derivative terms run block
    /// by block; null: the backend's sweep block (the whole state on a backend without blocked sweeps).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is below 1.</exception>
    public int? SweepBlockQubits
    {
        get;
        init => field = value is null or >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "A sweep block holds at least one qubit.");
    }

    /// <summary>Step of <see cref="GradientMethod.FiniteDifference"/>; by default about the cube root of the precision's epsilon (1e-5 double, 1e-2 single).</summary>
    public double? FiniteDifferenceStep { get; init; }

    /// <summary>
    /// Quantum trajectories averaged per parameter row for a noisy circuit on a state-vector backend (at least 2; default
    /// 1000). Noise-free circuits, and noisy ones on the density-matrix backend, are exact and ignore it.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is below 2.</exception>
    public int Trajectories
    {
        get;
        init => field = value >= 2 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "Average at least 2 trajectories (a standard error needs two).");
    } = Execution.TrajectoryOptions.DefaultTrajectories;

    /// <summary>Seed of the trajectories: trajectory t of row r draws from its own generator, so results do not depend on the thread count.</summary>
    public ulong Seed { get; init; }
}
