using System.Diagnostics.CodeAnalysis;
using ILGPU;
using ILGPU.Runtime;
using ILGPU.Runtime.CPU;
using ILGPU.Runtime.Cuda;
using ILGPU.Runtime.OpenCL;
using QSim.Backends;
using QSim.Gpu.Kernels;

namespace QSim.Gpu;

/// <summary>
/// The GPU kernel layer on ILGPU: state vectors in device memory, kernels compiled once per backend
/// (per precision, on first use) and shared by its states. Owns its ILGPU context and accelerator.
/// Its states may be driven from several threads, each state from one thread at a time; their operations
/// queue one at a time (see <see cref="DeviceQueue"/>).
/// </summary>
public sealed class GpuBackend : IBackend, IBatchEvaluator
{
    /// <summary>Share of the device memory states may take; the rest is left to the driver and the kernels' scratch.</summary>
    private const double UsableMemoryShare = 0.9;

    private readonly Context _context;
    private readonly Lazy<GpuKernelSet<float>> _single;
    private readonly Lazy<GpuKernelSet<double>> _double;
    private long _allocatedBytes;
    private int _disposed;

    private GpuBackend(Context context, Accelerator accelerator, int maxThreadsPerLaunch)
    {
        _context = context;
        Accelerator = accelerator;
        Queue = new DeviceQueue(accelerator);
        _single = new Lazy<GpuKernelSet<float>>(() => GpuKernelSet<float>.Load<SingleReal>(accelerator, Queue, maxThreadsPerLaunch));
        _double = new Lazy<GpuKernelSet<double>>(() => GpuKernelSet<double>.Load<DoubleReal>(accelerator, Queue, maxThreadsPerLaunch));
    }

    /// <summary>The compiler settings of every context: a GPU backend's and the device-free PTX compilation's.</summary>
    internal static void ConfigureCompiler(Context.Builder builder) => builder.Optimize(OptimizationLevel.O2);

    /// <summary>
    /// Opens the first usable GPU: CUDA first, then OpenCL (as <paramref name="preference"/> allows).
    /// </summary>
    /// <exception cref="GpuUnavailableException">No such device, or it could not be opened; the message says what was found.</exception>
    public static GpuBackend Create(GpuDevicePreference preference = GpuDevicePreference.Auto) => Create(preference, WorkSplit.MaxThreads);

    /// <summary>
    /// <see cref="Create(GpuDevicePreference)"/> with launches of at most <paramref name="maxThreadsPerLaunch"/> threads: the
    /// device checks run every grid-stride loop past its first pass this way.
    /// </summary>
    /// <exception cref="GpuUnavailableException">As <see cref="Create(GpuDevicePreference)"/>.</exception>
    internal static GpuBackend Create(GpuDevicePreference preference, int maxThreadsPerLaunch)
    {
        Context? context = null;
        try
        {
            context = Context.Create(builder => ConfigureCompiler(builder.Cuda().OpenCL()));
            var device = GpuDeviceSelection.Pick(context, preference, out string found)
                ?? throw new GpuUnavailableException($"No usable GPU ({preference}): {found}.");
            return new GpuBackend(context, device.CreateAccelerator(context), maxThreadsPerLaunch);
        }
        catch (GpuUnavailableException)
        {
            context?.Dispose();
            throw;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            context?.Dispose();
            throw new GpuUnavailableException($"The GPU could not be opened: {e.Message}", e);
        }
    }

    /// <summary>
    /// <see cref="Create(GpuDevicePreference)"/> with <see cref="GpuDevicePreference.Auto"/> that reports failure instead of
    /// throwing, for a caller that falls back to the CPU (<c>--backend auto</c>).
    /// </summary>
    /// <returns>True with a backend; false with <paramref name="reason"/> naming what was found.</returns>
    public static bool TryCreateDefault([NotNullWhen(true)] out GpuBackend? backend, out string reason)
    {
        try
        {
            backend = Create();
            reason = "";
            return true;
        }
        catch (GpuUnavailableException e)
        {
            backend = null;
            reason = e.Message;
            return false;
        }
    }

    /// <summary>
    /// The same kernels on ILGPU's CPU accelerator (slow; for tests and dry runs without a GPU). Its launches start at
    /// most <see cref="CpuAcceleratorThreadsPerLaunch"/> threads, so every grid-stride loop runs past its first pass
    /// even on the small states these runs use.
    /// </summary>
    internal static GpuBackend CreateOnCpuAccelerator()
    {
        var context = Context.Create(builder => builder.CPU());
        return new GpuBackend(context, context.CreateCPUAccelerator(0), CpuAcceleratorThreadsPerLaunch);
    }

    /// <summary>Threads per implicitly grouped launch on the CPU accelerator.</summary>
    internal const int CpuAcceleratorThreadsPerLaunch = 64;

    /// <inheritdoc/>
    public string Name => "gpu";

    /// <inheritdoc/>
    public BackendCapabilities Capabilities => GpuCapabilities.Of(Name);

    /// <inheritdoc/>
    public string Description => DeviceDescription;

    /// <summary>The device, e.g. "NVIDIA H200 (Cuda, 140 GiB)".</summary>
    public string DeviceDescription => $"{Accelerator.Name} ({Accelerator.AcceleratorType}, {MemoryGuard.FormatBytes(Accelerator.MemorySize)})";

    internal Accelerator Accelerator { get; }

    /// <summary>Where every host wait of this backend goes (and is counted).</summary>
    internal DeviceQueue Queue { get; }

    /// <summary>Times the host has waited for the device so far (reads of results do; gates do not).</summary>
    internal long HostWaits => Queue.HostWaits;

    /// <summary>Device bytes states may still take.</summary>
    public long AvailableBytes
    {
        get
        {
            long device = (long)(Accelerator.MemorySize * UsableMemoryShare) - Interlocked.Read(ref _allocatedBytes);
            // The CPU accelerator's "device" memory is the host's.
            return Accelerator.AcceleratorType == AcceleratorType.CPU ? Math.Min(device, MemoryGuard.AvailableHostBytes()) : Math.Max(0, device);
        }
    }

    /// <inheritdoc/>
    public IStateVector CreateState(int qubits, Precision precision)
    {
        ObjectDisposedException.ThrowIf(_disposed == 1, this);
        ArgumentOutOfRangeException.ThrowIfNegative(qubits);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(qubits, GpuLimits.MaxQubits);
        MemoryGuard.EnsureFits(qubits, precision, AvailableBytes, $"on {DeviceDescription}");
        long bytes = (long)MemoryGuard.StateBytes(qubits, precision);
        Interlocked.Add(ref _allocatedBytes, bytes);
        try
        {
            return precision == Precision.Single
                ? new GpuStateVector<float>(qubits, _single.Value, bytes, Release)
                : new GpuStateVector<double>(qubits, _double.Value, bytes, Release);
        }
        catch
        {
            Release(bytes);
            throw;
        }
    }

    /// <summary>The loaded kernels of one precision (compiled on first use).</summary>
    internal GpuKernelSet<T> Kernels<T>() where T : unmanaged, System.Numerics.INumber<T> =>
        typeof(T) == typeof(float) ? (GpuKernelSet<T>)(object)_single.Value : (GpuKernelSet<T>)(object)_double.Value;

    /// <inheritdoc/>
    public int MaxBatchQubits => Batch.GpuBatchRunner.MaxQubits;

    /// <inheritdoc/>
    /// <remarks>One launch of the batch kernel: thread group r simulates row r (<see cref="Batch.GpuBatchRunner"/>).</remarks>
    public void EvaluatePauliStrings(Execution.ExecutionPlan plan, double[,] rows, IReadOnlyList<Observables.PauliString> strings, Precision precision, double[,] results)
    {
        var bindings = new Parameters.ParameterBinding[rows.GetLength(0)];
        var row = new double[rows.GetLength(1)];
        for (int r = 0; r < bindings.Length; r++)
        {
            for (int c = 0; c < row.Length; c++) row[c] = rows[r, c];
            bindings[r] = Parameters.ParameterBinding.From(plan.Symbols, row);
        }
        var masks = strings.Select(p => new Batch.PauliMasks(p.XMask, p.ZMask)).ToArray();
        var values = new Batch.GpuBatchRunner(this).Evaluate(plan, bindings, masks, precision);
        Array.Copy(values, results, values.Length);
    }

    /// <summary>Waits until every queued kernel and copy has finished (for timing).</summary>
    public void Synchronize() => Queue.Synchronize();

    private void Release(long bytes) => Interlocked.Add(ref _allocatedBytes, -bytes);

    /// <summary>
    /// Frees the device, after an operation running on another thread has finished; states of this backend then throw
    /// <see cref="ObjectDisposedException"/>.
    /// </summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        Queue.Close();
        if (_single.IsValueCreated) _single.Value.Dispose();
        if (_double.IsValueCreated) _double.Value.Dispose();
        Accelerator.Dispose();
        _context.Dispose();
    }
}
