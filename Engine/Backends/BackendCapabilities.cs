namespace QSim.Backends;

/// <summary>Optional operations a backend implements natively (the engine has a fallback for each).</summary>
[Flags]
public enum NativeOperations
{
    /// <summary>None: every optional operation goes through the engine's fallback.</summary>
    None = 0,
    /// <summary>Runs of matrices applied block by block (<see cref="IBlockedSweepState"/>); the optimizer then plans cache-blocked sweeps.</summary>
    BlockedSweeps = 1,
    /// <summary>Qubit relabelling in one pass (<see cref="IQubitSwapState"/>); without it the optimizer plans no relabelling.</summary>
    QubitSwaps = 2,
    /// <summary>Groups of Pauli strings evaluated and applied in one pass (<see cref="IPauliSumState"/>).</summary>
    PauliGroups = 4,
    /// <summary>Matrix elements read in a pass over both states (<see cref="IMatrixElementState"/>).</summary>
    MatrixElements = 8,
    /// <summary>Many matrix elements, and a sweep before them, read block by block while each block is in cache.</summary>
    BlockedMatrixElements = 16,
    /// <summary>Many parameter sets of one small circuit evaluated in one call (<see cref="IBatchEvaluator"/>).</summary>
    BatchedEvaluation = 32,
}

/// <summary>
/// What the optimizer needs to know of a backend for one precision: its kernels' costs and the block size of its sweeps.
/// </summary>
/// <param name="Streaming">Each kernel a pass of its own over a state far larger than the caches.</param>
/// <param name="InCache">Each kernel inside a blocked sweep, where memory traffic is paid once per sweep.</param>
/// <param name="SweepBlockQubits">log2 of the amplitudes of one sweep block; null when the backend has no blocked sweeps.</param>
public sealed record PrecisionProfile(KernelCostModel Streaming, KernelCostModel InCache, int? SweepBlockQubits);

/// <summary>
/// A backend's description of itself, which the optimizer and the algorithms read to shape their plans: the kernels'
/// measured costs and sweep block per precision, the optional operations it implements natively, and its limits. No
/// backend's numbers live in the engine; each backend publishes its own (docs/backends.md).
/// </summary>
public sealed record BackendCapabilities
{
    /// <summary>The backend's short name (as <see cref="IBackend.Name"/>).</summary>
    public required string Backend { get; init; }

    /// <summary>Where the costs come from, shown in optimizer statistics (e.g. "AVX2, measured").</summary>
    public required string CostSource { get; init; }

    /// <summary>The optional operations implemented natively.</summary>
    public required NativeOperations Native { get; init; }

    /// <summary>Costs and sweep block for complex64 states.</summary>
    public required PrecisionProfile Single { get; init; }

    /// <summary>Costs and sweep block for complex128 states.</summary>
    public required PrecisionProfile Double { get; init; }

    /// <summary>Most targets of one dense kernel call.</summary>
    public required int MaxDenseTargets { get; init; }

    /// <summary>
    /// States smaller than this run each operation on one thread; from this size on, the backend splits every pass across
    /// its threads. The estimator evaluates the rows of a batch in parallel, one thread each, below it.
    /// </summary>
    public required int ParallelStateQubits { get; init; }

    /// <summary>
    /// True when the backend's states hold mixed states (<see cref="IMixedState"/>: the density-matrix backend), which apply
    /// noise channels exactly; false for state vectors, which run noise as quantum trajectories.
    /// </summary>
    public bool MixedStates { get; init; }

    /// <summary>The profile of <paramref name="precision"/>.</summary>
    public PrecisionProfile For(Precision precision) => precision == Precision.Single ? Single : Double;

    /// <summary>True when every operation of <paramref name="operations"/> is native.</summary>
    public bool Has(NativeOperations operations) => (Native & operations) == operations;

    /// <summary>
    /// A backend that implements only the core contract, whose kernels are each a pass over memory: what a new
    /// backend starts from before it measures its own costs.
    /// </summary>
    public static BackendCapabilities CoreOnly(string backend) => new()
    {
        Backend = backend,
        CostSource = "pass count",
        Native = NativeOperations.None,
        Single = new PrecisionProfile(KernelCostModel.PassCount, KernelCostModel.PassCount, SweepBlockQubits: null),
        Double = new PrecisionProfile(KernelCostModel.PassCount, KernelCostModel.PassCount, SweepBlockQubits: null),
        MaxDenseTargets = 5,
        ParallelStateQubits = int.MaxValue,
    };
}
