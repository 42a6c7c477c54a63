using QSim.Backends;
using QSim.Cpu;
using QSim.Cpu.Simd;
using QSim.Perf.Infrastructure;

namespace QSim.Perf.Kernels;

/// <summary>
/// Times <see cref="KernelCase"/>s of one SIMD width and precision on the calling thread's CPU clock (<see cref="CpuClock"/>):
/// in cache (the kernel's own loop over a block of 2^<see cref="BlockQubits"/> amplitudes, as a blocked sweep runs it),
/// streaming (one pass of a one-thread backend over 2^<see cref="StreamingQubits"/> amplitudes), and the FMA peak of the
/// same width beside them. Shared by <c>kernel-peak</c> and <c>calibrate</c>, so both measure the same thing.
/// </summary>
internal sealed class KernelTimer : IDisposable
{
    /// <summary>Qubits of the streaming state (128 MiB in complex64).</summary>
    public const int StreamingQubits = 24;

    /// <summary>Rounds of the peak loop (12 vector FMAs each) per measurement: about 10 ms.</summary>
    private const long PeakRounds = 1L << 21;

    private readonly InCacheKernel _inCache;
    private readonly CpuBackend _backend;
    private readonly IStateVector? _state;
    private readonly double _peakFmas;

    /// <summary>Prepares the block, and with <paramref name="streaming"/> the large state (every amplitude non-zero).</summary>
    public KernelTimer(SimdLevel width, Precision precision, int blockQubits, bool streaming)
    {
        _inCache = InCacheKernel.Create(width, precision, blockQubits);
        _backend = new CpuBackend(new CpuBackendOptions { Threads = 1, Simd = width });
        if (streaming)
        {
            _state = _backend.CreateState(StreamingQubits, precision);
            for (int q = 0; q < StreamingQubits; q++) _state.ApplyMatrix([q], KernelMatrices.Dense(1, seed: q), []);
        }
        _peakFmas = (double)PeakRounds * FmaPeak.Chains * FmaPeak.LanesPerVector(width, precision);
    }

    /// <summary>Qubits of the in-cache block.</summary>
    public int BlockQubits => _inCache.Qubits;

    /// <summary>True when streaming figures are measured.</summary>
    public bool Streams => _state is not null;

    /// <summary>Prepares <paramref name="kernel"/> and runs it until the runtime has compiled its final code.</summary>
    public void Prepare(KernelCase kernel)
    {
        _inCache.Prepare(kernel);
        WarmUp.UntilTiered(() => _inCache.Run(1), () => _inCache.RunPeak(1000));
    }

    /// <summary>Vector FMAs per second of the peak loop, now.</summary>
    public double PeakFmasPerSecond() => _peakFmas / CpuClock.MeasureThread(() => _inCache.RunPeak(PeakRounds));

    /// <summary>Nanoseconds per amplitude of the prepared kernel in cache (2^28 amplitudes over 2^k passes: tens of milliseconds).</summary>
    public double InCacheNanoseconds(KernelCase kernel)
    {
        int passes = Math.Max(1, (1 << 28) >> (kernel.Targets.Length + _inCache.Qubits));
        return CpuClock.MeasureThread(() => _inCache.Run(passes)) * 1e9 / (_inCache.Amplitudes * passes);
    }

    /// <summary>Nanoseconds per amplitude of one streaming pass of <paramref name="kernel"/>.</summary>
    /// <exception cref="InvalidOperationException">The timer was made without streaming.</exception>
    public double StreamingNanoseconds(KernelCase kernel)
    {
        var state = _state ?? throw new InvalidOperationException("This timer measures in cache only.");
        int[] targets = kernel.TargetsOn(state.QubitCount), controls = kernel.ControlsOn(state.QubitCount);
        return CpuClock.MeasureThread(() =>
        {
            if (kernel.Diagonal) state.ApplyDiagonal(targets, kernel.Matrix, controls);
            else state.ApplyMatrix(targets, kernel.Matrix, controls);
        }) * 1e9 / state.Length;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _state?.Dispose();
        _backend.Dispose();
        _inCache.Dispose();
    }
}
