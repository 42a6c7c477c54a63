using QSim.Backends;
using QSim.Cpu.Simd;

namespace QSim.Cpu;

/// <summary>
/// The CPU backend's kernel costs, in nanoseconds per amplitude on one thread, by shape (dense, real, diagonal) and targets,
/// per kernel path and precision: what the optimizer prices its plans with (<see cref="BackendCapabilities"/>). Streaming:
/// each kernel a pass of its own over 2^24 amplitudes. In cache: each kernel over a block of 2^14 amplitudes, as inside a
/// blocked sweep, where memory is paid once per sweep. Each figure is the mean over target placements inside and above the
/// SIMD vector. Measured with <c>dotnet run --project Perf -c Release -- calibrate</c> (docs/backends.md) on an AMD EPYC
/// (Zen 1) with AVX2. The AVX-512 and scalar paths price with the AVX2 tables until they are measured on such hosts: the
/// optimizer uses only the costs' ratios, which the same kernels keep across widths more than their absolute figures.
/// </summary>
internal static class CpuKernelCosts
{
    /// <summary>log2 of the amplitudes of a sweep block: 2^17 is 1 MiB of complex64 (2 MiB of complex128), about one core's L2.</summary>
    public const int SweepBlockQubits = 17;

    /// <summary>The tables of one kernel path.</summary>
    public static (PrecisionProfile Single, PrecisionProfile Double, string Source) For(SimdLevel level) => level switch
    {
        SimdLevel.Vector512 => (Avx2Single, Avx2Double, "AVX2 tables on the AVX-512 path"),
        SimdLevel.Vector256 => (Avx2Single, Avx2Double, "AVX2"),
        _ => (Avx2Single, Avx2Double, "AVX2 tables on the scalar path"),
    };

    private static readonly PrecisionProfile Avx2Single = new(
        new KernelCostModel("streaming AVX2 complex64",
            dense: [1.028, 1.415, 3.030, 5.447, 9.153], real: [0.827, 0.934, 1.894, 3.009, 5.141], diagonal: [0.859, 0.928, 0.927, 1.222, 1.172]),
        new KernelCostModel("in-cache AVX2 complex64",
            dense: [0.621, 1.247, 2.899, 5.248, 8.802], real: [0.345, 0.632, 1.744, 2.840, 4.777], diagonal: [0.319, 0.352, 0.357, 0.360, 0.364]),
        SweepBlockQubits);

    private static readonly PrecisionProfile Avx2Double = new(
        new KernelCostModel("streaming AVX2 complex128",
            dense: [2.015, 2.640, 5.952, 9.104, 16.910], real: [1.626, 1.769, 3.567, 5.383, 8.944], diagonal: [1.643, 1.802, 1.781, 2.209, 2.346]),
        new KernelCostModel("in-cache AVX2 complex128",
            dense: [1.328, 2.435, 5.502, 8.729, 16.251], real: [0.642, 1.232, 3.266, 4.955, 8.391], diagonal: [0.611, 0.680, 0.684, 0.692, 0.692]),
        SweepBlockQubits);
}
