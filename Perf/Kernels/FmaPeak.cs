using System.Runtime.CompilerServices;
using QSim.Backends;
using QSim.Cpu.Simd;

namespace QSim.Perf.Kernels;

/// <summary>Sizes of the FMA peak loop that do not depend on the vector type.</summary>
internal static class FmaPeak
{
    /// <summary>Independent accumulator chains (they and the two constants fit in the 16 registers of AVX2).</summary>
    public const int Chains = 12;

    /// <summary>Real multiply-adds one vector FMA performs on a path and precision.</summary>
    public static int LanesPerVector(SimdLevel level, Precision precision) =>
        (level == SimdLevel.Vector512 ? 64 : 32) / (precision == Precision.Single ? 4 : 8);
}

/// <summary>
/// The machine's fused multiply-add peak on one core, for one vector width and precision: <see cref="FmaPeak.Chains"/>
/// independent chains c = c·a + b, more than the FMA latency times the FMA ports of any x86 core (4-5 cycles × 2),
/// so the loop is bound by FMA throughput alone. It uses the kernels' own FMA (<see cref="IComplexVectorOps{TVec}.MultiplyAdd"/>),
/// and a, b keep every chain at its fixed point b / (1 - a), far from overflow and denormals.
/// </summary>
internal static class FmaPeak<TVec, TOps> where TVec : unmanaged where TOps : IComplexVectorOps<TVec>
{
    /// <summary>Real multiply-adds one vector FMA performs.</summary>
    public static int LanesPerVector => 2 * TOps.ComplexCount;

    /// <summary>Runs <paramref name="rounds"/> × <see cref="FmaPeak.Chains"/> vector FMAs; returns a value that depends on all of them.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static unsafe double Run(long rounds)
    {
        TVec a = Broadcast(0.999), b = Broadcast(0.001);
        TVec c0 = a, c1 = b, c2 = a, c3 = b, c4 = a, c5 = b, c6 = a, c7 = b, c8 = a, c9 = b, c10 = a, c11 = b;
        for (long r = 0; r < rounds; r++)
        {
            c0 = TOps.MultiplyAdd(c0, a, b);
            c1 = TOps.MultiplyAdd(c1, a, b);
            c2 = TOps.MultiplyAdd(c2, a, b);
            c3 = TOps.MultiplyAdd(c3, a, b);
            c4 = TOps.MultiplyAdd(c4, a, b);
            c5 = TOps.MultiplyAdd(c5, a, b);
            c6 = TOps.MultiplyAdd(c6, a, b);
            c7 = TOps.MultiplyAdd(c7, a, b);
            c8 = TOps.MultiplyAdd(c8, a, b);
            c9 = TOps.MultiplyAdd(c9, a, b);
            c10 = TOps.MultiplyAdd(c10, a, b);
            c11 = TOps.MultiplyAdd(c11, a, b);
        }
        TVec sum = TOps.Add(TOps.Add(TOps.Add(c0, c1), TOps.Add(c2, c3)), TOps.Add(TOps.Add(c4, c5), TOps.Add(c6, c7)));
        sum = TOps.Add(sum, TOps.Add(TOps.Add(c8, c9), TOps.Add(c10, c11)));
        return TOps.ReadScalar(&sum, 0);
    }

    private static unsafe TVec Broadcast(double value)
    {
        TVec v = default;
        for (int lane = 0; lane < LanesPerVector; lane++) TOps.WriteScalar(&v, lane, value);
        return v;
    }
}
