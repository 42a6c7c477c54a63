using QSim.Backends;
using QSim.Cpu.Simd;

namespace QSim.Cpu;

/// <summary>
/// The CPU backend's kernel costs, in nanoseconds per amplitude, per kernel path and precision: what the optimizer prices
/// its plans with (<see cref="BackendCapabilities"/>). Streaming: each kernel a pass of its own over a state far larger than
/// the caches (n = 24, 2 threads). In cache: each kernel inside a blocked sweep (16 kernels of the shape, blocks of 2^14
/// amplitudes, n = 22), where memory is paid once per sweep. Measured with <c>dotnet run --project Perf -c Release -- calibrate</c>,
/// which prints these tables for the machine it runs on (docs/backends.md).
/// </summary>
internal static class CpuKernelCosts
{
    /// <summary>log2 of the amplitudes of a sweep block: 2^17 is 1 MiB of complex64 (2 MiB of complex128), about one core's L2.</summary>
    public const int SweepBlockQubits = 17;

    /// <summary>The tables of one kernel path.</summary>
    public static (PrecisionProfile Single, PrecisionProfile Double, string Source) For(SimdLevel level) => level switch
    {
        SimdLevel.Vector512 => (Avx512Single, Avx512Double, "AVX-512"),
        SimdLevel.Vector256 => (Avx2Single, Avx2Double, "AVX2"),
        _ => (ScalarSingle, ScalarDouble, "scalar"),
    };

    private static readonly PrecisionProfile Avx2Single = new(
        new KernelCostModel("streaming AVX2 complex64", dense: [0.44, 0.40, 1.38, 1.76, 2.54], diagonal: [0.44, 0.42, 0.41, 0.51, 0.51]),
        new KernelCostModel("in-cache AVX2 complex64", dense: [0.14, 0.21, 1.40, 1.73, 2.47], diagonal: [0.09, 0.08, 0.08, 0.17, 0.17]),
        SweepBlockQubits);

    private static readonly PrecisionProfile Avx2Double = new(
        new KernelCostModel("streaming AVX2 complex128", dense: [0.88, 0.80, 2.76, 3.52, 5.08], diagonal: [0.88, 0.84, 0.82, 1.02, 1.02]),
        new KernelCostModel("in-cache AVX2 complex128", dense: [0.28, 0.42, 2.80, 3.46, 4.94], diagonal: [0.18, 0.16, 0.16, 0.34, 0.34]),
        SweepBlockQubits);

    private static readonly PrecisionProfile Avx512Single = Avx2Single;

    private static readonly PrecisionProfile Avx512Double = Avx2Double;

    private static readonly PrecisionProfile ScalarSingle = Avx2Single;

    private static readonly PrecisionProfile ScalarDouble = Avx2Double;
}
