using QSim.Backends;

namespace QSim.DensityMatrix;

/// <summary>
/// The exact noise backend: a density matrix ρ of n qubits held as a vector of 2n qubits on another backend's state-vector
/// kernels (CPU or GPU), index row + 2^n·column, so its memory is 4^n elements. A gate U on qubits Q applies U on Q and
/// conj(U) on Q + n (ρ → U·ρ·U†); a noise channel applies its superoperator, a dense gate on (Q, Q + n); a measurement
/// projects both sides. Its states (<see cref="DensityMatrixState"/>) implement the core contract as a mixed state
/// (<see cref="IMixedState"/>), so every job (counts, exact probabilities, expectation values and their gradients) runs on
/// it through the one compiler and executor, with the channels applied exactly instead of sampled.
/// </summary>
public sealed class DensityMatrixBackend : IBackend
{
    private readonly bool _ownsInner;
    private volatile bool _disposed;

    /// <summary>A density-matrix backend on the kernels of <paramref name="inner"/>.</summary>
    /// <param name="inner">The state-vector backend whose kernels apply the superoperators.</param>
    /// <param name="ownsInner">True to dispose <paramref name="inner"/> with this backend.</param>
    /// <exception cref="ArgumentException"><paramref name="inner"/> holds mixed states already.</exception>
    public DensityMatrixBackend(IBackend inner, bool ownsInner = true)
    {
        if (inner.Capabilities.MixedStates)
            throw new ArgumentException("A density-matrix backend runs on a state-vector backend, not on another density-matrix backend.", nameof(inner));
        Inner = inner;
        _ownsInner = ownsInner;
        var of = inner.Capabilities;
        Capabilities = new BackendCapabilities
        {
            Backend = Name,
            CostSource = $"{of.Backend} ({of.CostSource}), two kernels per gate",
            // The bra half of every kernel sits n qubits up: no blocked sweep or relabelling of the inner state fits both.
            Native = NativeOperations.None,
            Single = of.Single with { SweepBlockQubits = null },
            Double = of.Double with { SweepBlockQubits = null },
            MaxDenseTargets = of.MaxDenseTargets,
            // A density matrix of n qubits is an inner state of 2n: its passes split across threads from half the inner threshold.
            ParallelStateQubits = of.ParallelStateQubits == int.MaxValue ? int.MaxValue : (of.ParallelStateQubits + 1) / 2,
            MixedStates = true,
        };
    }

    /// <summary>The state-vector backend whose kernels run the density matrices.</summary>
    public IBackend Inner { get; }

    /// <inheritdoc/>
    public string Name => "density-matrix";

    /// <inheritdoc/>
    public string Description => $"density matrices on {Inner.Name} ({Inner.Description})";

    /// <inheritdoc/>
    public long AvailableBytes => Inner.AvailableBytes;

    /// <inheritdoc/>
    public BackendCapabilities Capabilities { get; }

    /// <summary>Bytes of a density matrix of <paramref name="qubits"/> qubits: 4^n elements.</summary>
    public static double StateBytes(int qubits, Precision precision) => MemoryGuard.StateBytes(2 * qubits, precision);

    /// <summary>The most qubits a density matrix may have in <paramref name="availableBytes"/> at a precision.</summary>
    public static int MaxQubits(long availableBytes, Precision precision)
    {
        int qubits = 0;
        while (StateBytes(qubits + 1, precision) <= availableBytes) qubits++;
        return qubits;
    }

    /// <summary>Allocates ρ = |0…0⟩⟨0…0| of <paramref name="qubits"/> qubits after checking that its 4^n elements fit.</summary>
    /// <exception cref="StateTooLargeException">4^n elements do not fit in the inner backend's memory.</exception>
    /// <exception cref="ObjectDisposedException">The backend was disposed.</exception>
    public IStateVector CreateState(int qubits, Precision precision)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentOutOfRangeException.ThrowIfNegative(qubits);
        string what = $"A density matrix of {qubits} qubits in {(precision == Precision.Single ? "complex64" : "complex128")} (4^{qubits} elements)";
        double needed = StateBytes(qubits, precision);
        if (qubits > 24) throw new StateTooLargeException($"{what} needs {MemoryGuard.FormatBytes(needed)}, beyond any machine's memory.");
        MemoryGuard.EnsureFits(needed, AvailableBytes, what, $"on {Inner.Name}");
        return new DensityMatrixState(qubits, Inner.CreateState(2 * qubits, precision));
    }

    /// <summary>Disposes the inner backend when this backend owns it; later <see cref="CreateState"/> calls throw.</summary>
    public void Dispose()
    {
        _disposed = true;
        if (_ownsInner) Inner.Dispose();
    }
}
