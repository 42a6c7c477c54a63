using System.Runtime.Intrinsics.X86;

namespace QSim.Cpu.Simd;

/// <summary>Which instruction-set path the CPU kernels use.</summary>
public enum SimdLevel
{
    /// <summary>The widest path this CPU accelerates (the default).</summary>
    Auto,
    /// <summary>Plain scalar loops: the reference every fast path is tested against.</summary>
    Scalar,
    /// <summary>256-bit vectors (AVX2 + FMA).</summary>
    Vector256,
    /// <summary>512-bit vectors (AVX-512F).</summary>
    Vector512,
}

/// <summary>What this CPU supports.</summary>
public static class SimdSupport
{
    /// <summary>True when the 256-bit path can run here.</summary>
    public static bool Vector256 => Avx2.IsSupported && Fma.IsSupported;

    /// <summary>True when the 512-bit path can run here.</summary>
    public static bool Vector512 => Avx512F.IsSupported && System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated;

    /// <summary>The paths this CPU can run, scalar first.</summary>
    public static IReadOnlyList<SimdLevel> Available =>
        new[] { SimdLevel.Scalar, SimdLevel.Vector256, SimdLevel.Vector512 }.Where(IsAvailable).ToArray();

    /// <summary>True when <paramref name="level"/> can run on this CPU.</summary>
    public static bool IsAvailable(SimdLevel level) => level switch
    {
        SimdLevel.Auto or SimdLevel.Scalar => true,
        SimdLevel.Vector256 => Vector256,
        SimdLevel.Vector512 => Vector512,
        _ => false,
    };

    /// <summary>Resolves <see cref="SimdLevel.Auto"/> to the widest available path.</summary>
    /// <exception cref="PlatformNotSupportedException">The requested path is not supported by this CPU.</exception>
    public static SimdLevel Resolve(SimdLevel requested)
    {
        if (requested == SimdLevel.Auto)
            return Vector512 ? SimdLevel.Vector512 : Vector256 ? SimdLevel.Vector256 : SimdLevel.Scalar;
        return IsAvailable(requested)
            ? requested
            : throw new PlatformNotSupportedException($"This CPU does not support the {requested} kernel path.");
    }
}
