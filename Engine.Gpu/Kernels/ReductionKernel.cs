using System.Numerics;
using ILGPU;

namespace QSim.Gpu.Kernels;

/// <summary>
/// The one sum every reduction is: Σ_i over i with (i ∧ SelectMask) = SelectValue of
/// (−1)^{|i ∧ ZMask|}·conj(bra[i ⊕ XMask])·ket[i]. The norm, the probability of a qubit, the inner
/// product and a Pauli expectation (up to its phase i^{#Y}) are choices of masks.
/// </summary>
public readonly struct ReductionTerm
{
    /// <summary>
    /// The sum's masks: bra is read at i ⊕ XMask; ZMask gives the sign (−1)^{|i ∧ ZMask|}; only indices i with
    /// (i ∧ SelectMask) = SelectValue contribute.
    /// </summary>
    public readonly long XMask, ZMask, SelectMask, SelectValue;

    /// <summary>log2 of the amplitudes each thread group sums (one partial per chunk).</summary>
    public readonly int ChunkBits;

    /// <summary>A term of the given masks, summed in chunks of 2^<paramref name="chunkBits"/> amplitudes per thread group.</summary>
    public ReductionTerm(ulong xMask, ulong zMask, long selectMask, long selectValue, int chunkBits)
    {
        XMask = (long)xMask;
        ZMask = (long)zMask;
        SelectMask = selectMask;
        SelectValue = selectValue;
        ChunkBits = chunkBits;
    }
}

/// <summary>
/// Block reduction: thread group g sums chunk g in double, each thread a fixed stride, then a fixed
/// tree in shared memory; the host adds the partials in chunk order. Nothing depends on timing, so
/// results are bit-for-bit repeatable on a device (ILGPU.Algorithms' Reduce is not: it combines
/// the groups' sums with atomics, in whatever order the groups finish).
/// </summary>
public static class ReductionKernel
{
    /// <summary>Most threads per group the shared scratch is sized for.</summary>
    public const int MaxGroupSize = 256;

    /// <summary>
    /// The kernel: thread group g writes its chunk's partial sum of <paramref name="term"/> as (re, im) into
    /// <paramref name="partials"/>[2g] and [2g + 1]; the host adds the partials in order.
    /// </summary>
    /// <typeparam name="T">The amplitude precision, float or double.</typeparam>
    /// <typeparam name="TReal">Widens <typeparamref name="T"/> to double inside the kernel.</typeparam>
    public static void Reduce<T, TReal>(ArrayView<DeviceComplex<T>> bra, ArrayView<DeviceComplex<T>> ket, ArrayView<double> partials, ReductionTerm term)
        where T : unmanaged, INumber<T> where TReal : struct, IDeviceReal<T>
    {
        long begin = (long)Grid.IdxX << term.ChunkBits;
        long end = begin + (1L << term.ChunkBits);
        double re = 0, im = 0;
        for (long i = begin + Group.IdxX; i < end; i += Group.DimX) AddTerm<T, TReal>(bra, ket, term, i, ref re, ref im);
        GroupSum(re, im, AllocateScratch(), partials, 2 * Grid.IdxX);
    }

    /// <summary>
    /// The shared scratch of <see cref="GroupSum"/>: allocated once at the top of a kernel and passed down, so a kernel
    /// that sums in several places still holds one copy, and the view is known to be shared memory.
    /// </summary>
    internal static ArrayView<double> AllocateScratch() => SharedMemory.Allocate<double>(2 * MaxGroupSize);

    /// <summary>Adds amplitude <paramref name="i"/>'s term of the sum to (re, im).</summary>
    internal static void AddTerm<T, TReal>(ArrayView<DeviceComplex<T>> bra, ArrayView<DeviceComplex<T>> ket, ReductionTerm term, long i, ref double re, ref double im)
        where T : unmanaged, INumber<T> where TReal : struct, IDeviceReal<T>
    {
        if ((i & term.SelectMask) != term.SelectValue) return;
        var a = bra[i ^ term.XMask];
        var b = ket[i];
        double ar = TReal.Widen(a.Re), ai = TReal.Widen(a.Im), br = TReal.Widen(b.Re), bi = TReal.Widen(b.Im);
        double sign = Parity(i & term.ZMask) == 0 ? 1 : -1;
        re += sign * (ar * br + ai * bi);
        im += sign * (ar * bi - ai * br);
    }

    /// <summary>
    /// Sums every thread's (re, im) by a fixed tree in <paramref name="scratch"/> (from <see cref="AllocateScratch"/>);
    /// the group's first thread writes it at output[at], output[at + 1].
    /// </summary>
    internal static void GroupSum(double re, double im, ArrayView<double> scratch, ArrayView<double> output, long at)
    {
        scratch[Group.IdxX] = re;
        scratch[MaxGroupSize + Group.IdxX] = im;
        Group.Barrier();
        for (int half = Group.DimX / 2; half > 0; half /= 2)
        {
            if (Group.IdxX < half)
            {
                scratch[Group.IdxX] += scratch[Group.IdxX + half];
                scratch[MaxGroupSize + Group.IdxX] += scratch[MaxGroupSize + Group.IdxX + half];
            }
            Group.Barrier();
        }
        if (Group.IdxX == 0)
        {
            output[at] = scratch[0];
            output[at + 1] = scratch[MaxGroupSize];
        }
        // The scratch is reused by the next call in the same kernel.
        Group.Barrier();
    }

    /// <summary>Parity of the set bits by folding (no popcount intrinsic needed on any backend).</summary>
    internal static long Parity(long bits)
    {
        bits ^= bits >> 32;
        bits ^= bits >> 16;
        bits ^= bits >> 8;
        bits ^= bits >> 4;
        bits ^= bits >> 2;
        bits ^= bits >> 1;
        return bits & 1;
    }
}
