using QSim.Backends;
using QSim.Cpu.Parallel;
using QSim.Cpu.Simd;

namespace QSim.Cpu;

/// <summary>Settings of the CPU backend.</summary>
public sealed record CpuBackendOptions
{
    /// <summary>Threads that share one gate pass (default: every core).</summary>
    public int Threads { get; init; } = Environment.ProcessorCount;

    /// <summary>Kernel path (default: the widest this CPU accelerates).</summary>
    public SimdLevel Simd { get; init; } = SimdLevel.Auto;

    /// <summary>
    /// States of at least this many qubits split each pass across threads; smaller ones run on the
    /// calling thread, where waking workers would cost more than the pass (2^14 amplitudes ≈ 10 µs).
    /// </summary>
    public int ParallelThresholdQubits { get; init; } = 14;

    /// <summary>Bytes a state may use; by default the memory this process can still get.</summary>
    public long? MemoryLimitBytes { get; init; }
}

/// <summary>The SIMD CPU kernel layer: state vectors in host memory.</summary>
public sealed class CpuBackend : IBackend
{
    private readonly WorkerPool _pool;
    private volatile bool _disposed;

    /// <summary>Creates the backend and its worker threads.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Threads is less than 1.</exception>
    /// <exception cref="PlatformNotSupportedException">The requested SIMD path is not supported here.</exception>
    public CpuBackend(CpuBackendOptions? options = null)
    {
        Options = options ?? new CpuBackendOptions();
        if (Options.Threads < 1)
            throw new ArgumentOutOfRangeException(nameof(options), $"Threads must be at least 1; got {Options.Threads}.");
        SimdLevel = SimdSupport.Resolve(Options.Simd);
        _pool = new WorkerPool(Options.Threads);
        var (single, @double, source) = CpuKernelCosts.For(SimdLevel);
        Capabilities = new BackendCapabilities
        {
            Backend = Name,
            CostSource = source,
            Native = NativeOperations.BlockedSweeps | NativeOperations.QubitSwaps | NativeOperations.PauliGroups
                | NativeOperations.MatrixElements | NativeOperations.BlockedMatrixElements,
            Single = single,
            Double = @double,
            MaxDenseTargets = StateVectorLimits.MaxTargets,
            ParallelStateQubits = Options.Threads > 1 ? Options.ParallelThresholdQubits : int.MaxValue,
        };
    }

    /// <inheritdoc/>
    public BackendCapabilities Capabilities { get; }

    /// <summary>The settings in force.</summary>
    public CpuBackendOptions Options { get; }

    /// <summary>The kernel path states use.</summary>
    public SimdLevel SimdLevel { get; }

    /// <inheritdoc/>
    public string Name => "cpu";

    /// <inheritdoc/>
    public string Description => $"{Options.Threads} thread(s), {SimdLevel}";

    /// <inheritdoc/>
    public long AvailableBytes => Options.MemoryLimitBytes ?? MemoryGuard.AvailableHostBytes();

    /// <inheritdoc/>
    public IStateVector CreateState(int qubits, Precision precision)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentOutOfRangeException.ThrowIfNegative(qubits);
        MemoryGuard.EnsureFits(qubits, precision, AvailableBytes, "in host memory");
        return precision == Precision.Single
            ? new CpuStateVector<float>(qubits, SimdLevel, _pool, Options.ParallelThresholdQubits)
            : new CpuStateVector<double>(qubits, SimdLevel, _pool, Options.ParallelThresholdQubits);
    }

    /// <summary>Stops the worker threads (after a pass in flight); states of this backend then throw <see cref="ObjectDisposedException"/>.</summary>
    public void Dispose()
    {
        _disposed = true;
        _pool.Dispose();
    }
}
