using System.Runtime.CompilerServices;
using QSim.Cpu.Simd;

namespace QSim.Cpu.Kernels;

/// <summary>
/// The fixed loop bodies: one group of vectors each, coefficients held in registers (fields the JIT enregisters), term
/// forms (<see cref="ITermHalves"/>) as type parameters so a real or imaginary coefficient costs one FMA, not two.
/// </summary>
internal sealed unsafe partial class SimdGateKernel<TVec, TOps>
{
    /// <summary>c·v for a coefficient pair (<paramref name="re"/>, <paramref name="im"/>) with only the halves <typeparamref name="THalves"/> needs; <paramref name="swapped"/> = swapReIm(v).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVec Product<THalves>(TVec re, TVec im, TVec v, TVec swapped) where THalves : ITermHalves
    {
        if (THalves.Straight)
            return THalves.Swapped ? TOps.MultiplyAdd(im, swapped, TOps.Multiply(re, v)) : TOps.Multiply(re, v);
        return THalves.Swapped ? TOps.Multiply(im, swapped) : default;
    }

    /// <summary><paramref name="sum"/> + c·v, as <see cref="Product{THalves}"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVec AddProduct<THalves>(TVec sum, TVec re, TVec im, TVec v, TVec swapped) where THalves : ITermHalves
    {
        if (THalves.Straight) sum = TOps.MultiplyAdd(re, v, sum);
        if (THalves.Swapped) sum = TOps.MultiplyAdd(im, swapped, sum);
        return sum;
    }

    /// <summary>swapReIm(<paramref name="v"/>) when a term of <typeparamref name="TA"/> or <typeparamref name="TB"/> uses it; otherwise <paramref name="v"/>, unused.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVec SwappedFor<TA, TB>(TVec v) where TA : ITermHalves where TB : ITermHalves =>
        TA.Swapped || TB.Swapped ? TOps.SwapReIm(v) : v;

    /// <summary>a·x + b·y, either product left out when its flag (a type's constant) is false.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVec Sum(bool useA, TVec a, TVec x, bool useB, TVec b, TVec y)
    {
        if (useA) return useB ? TOps.MultiplyAdd(b, y, TOps.Multiply(a, x)) : TOps.Multiply(a, x);
        return useB ? TOps.Multiply(b, y) : default;
    }

    /// <summary>
    /// re + swapReIm(swappedIm), leaving out a sum no term of <typeparamref name="TA"/> or <typeparamref name="TB"/> feeds: kernels whose
    /// terms are lane permutations of one vector sum c_re⊙x and swapReIm(c_im)⊙x over their terms x and swap once at the end
    /// (c_im⊙swapReIm(x) = swapReIm(swapReIm(c_im)⊙x)), one shuffle per output instead of one per term.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVec Combine<TA, TB>(TVec re, TVec swappedIm) where TA : ITermHalves where TB : ITermHalves
    {
        bool straight = TA.Straight || TB.Straight, swapped = TA.Swapped || TB.Swapped;
        if (straight) return swapped ? TOps.Add(re, TOps.SwapReIm(swappedIm)) : re;
        return swapped ? TOps.SwapReIm(swappedIm) : default;
    }

    /// <summary>The arithmetic on one group of vectors, given the address of its first vector.</summary>
    private interface IGroupBody
    {
        void Apply(byte* group);
    }

    private readonly struct DiagonalOne<THalves>(TVec* c) : IGroupBody where THalves : ITermHalves
    {
        private readonly TVec _re = c[0], _im = c[1];

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Apply(byte* p)
        {
            TVec v = TOps.Load(p);
            TOps.Store(p, Product<THalves>(_re, _im, v, SwappedFor<THalves, THalves>(v)));
        }
    }

    private readonly struct DiagonalTwo<THalves>(TVec* c, long high) : IGroupBody where THalves : ITermHalves
    {
        private readonly TVec _re0 = c[0], _im0 = c[1], _re1 = c[2], _im1 = c[3];

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Apply(byte* p)
        {
            TVec v0 = TOps.Load(p), v1 = TOps.Load(p + high);
            TOps.Store(p, Product<THalves>(_re0, _im0, v0, SwappedFor<THalves, THalves>(v0)));
            TOps.Store(p + high, Product<THalves>(_re1, _im1, v1, SwappedFor<THalves, THalves>(v1)));
        }
    }

    private readonly struct DiagonalAny<THalves>(TVec* c, long* offsets, int vectors) : IGroupBody where THalves : ITermHalves
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Apply(byte* p)
        {
            for (int o = 0; o < vectors; o++)
            {
                TVec v = TOps.Load(p + offsets[o]);
                TOps.Store(p + offsets[o], Product<THalves>(c[2 * o], c[2 * o + 1], v, SwappedFor<THalves, THalves>(v)));
            }
        }
    }

    /// <summary>
    /// One target inside the vector (a 1-qubit gate on a low qubit): each lane meets its partner lane. The lane's own
    /// amplitude carries the matrix diagonal (<typeparamref name="TStay"/>), its partner the off-diagonal (<typeparamref name="TMove"/>).
    /// </summary>
    private readonly struct OneLow<TFlip, TStay, TMove>(TVec* c, TVec indices) : IGroupBody
        where TFlip : ILaneFlipPattern where TStay : ITermHalves where TMove : ITermHalves
    {
        private readonly TVec _r0 = c[0], _j0 = TOps.SwapReIm(c[1]), _r1 = c[2], _j1 = TOps.SwapReIm(c[3]);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Apply(byte* p)
        {
            TVec v = TOps.Load(p), partner = TOps.FlipLanes(v, TFlip.Flips, indices);
            TVec re = Sum(TStay.Straight, _r0, v, TMove.Straight, _r1, partner);
            TVec im = Sum(TStay.Swapped, _j0, v, TMove.Swapped, _j1, partner);
            TOps.Store(p, Combine<TStay, TMove>(re, im));
        }
    }

    /// <summary>
    /// Two targets inside the vector (a 2-qubit gate on AVX2 complex64's qubits 0-1, or a low control beside a low
    /// target): the three partner patterns are two flips and their composition, immediate shuffles where the width has them.
    /// </summary>
    private readonly struct TwoLow<TFlipA, TFlipB, THalves>(TVec* c, TVec indicesA, TVec indicesB) : IGroupBody
        where TFlipA : ILaneFlipPattern where TFlipB : ILaneFlipPattern where THalves : ITermHalves
    {
        // Pattern q (bit 0: flip A, bit 1: flip B) has its coefficient pair at c[2q], c[2q + 1].
        private readonly TVec _r0 = c[0], _j0 = TOps.SwapReIm(c[1]), _r1 = c[2], _j1 = TOps.SwapReIm(c[3]),
            _r2 = c[4], _j2 = TOps.SwapReIm(c[5]), _r3 = c[6], _j3 = TOps.SwapReIm(c[7]);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Apply(byte* p)
        {
            TVec v = TOps.Load(p);
            TVec a = TOps.FlipLanes(v, TFlipA.Flips, indicesA), b = TOps.FlipLanes(v, TFlipB.Flips, indicesB);
            TVec ab = TOps.FlipLanes(a, TFlipB.Flips, indicesB);
            TVec re = THalves.Straight ? TOps.MultiplyAdd(_r3, ab, TOps.MultiplyAdd(_r2, b, TOps.MultiplyAdd(_r1, a, TOps.Multiply(_r0, v)))) : default;
            TVec im = THalves.Swapped ? TOps.MultiplyAdd(_j3, ab, TOps.MultiplyAdd(_j2, b, TOps.MultiplyAdd(_j1, a, TOps.Multiply(_j0, v)))) : default;
            TOps.Store(p, Combine<THalves, THalves>(re, im));
        }
    }

    /// <summary>Every target inside the vector, any number of patterns (3+ low targets: AVX-512 complex64): flips from the tables.</summary>
    private readonly struct LowOnly<THalves>(TVec* c, TVec* flipIndices, int[] flips, int patterns) : IGroupBody where THalves : ITermHalves
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Apply(byte* p)
        {
            TVec v = TOps.Load(p), swapped = SwappedFor<THalves, THalves>(v);
            TVec acc = Product<THalves>(c[0], c[1], v, swapped);
            // Swapping re/im commutes with moving whole complex lanes, so both forms flip the same way.
            for (int q = 1; q < patterns; q++)
            {
                if (THalves.Straight) acc = TOps.MultiplyAdd(c[2 * q], TOps.FlipLanes(v, flips[q], flipIndices[q]), acc);
                if (THalves.Swapped) acc = TOps.MultiplyAdd(c[2 * q + 1], TOps.FlipLanes(swapped, flips[q], flipIndices[q]), acc);
            }
            TOps.Store(p, acc);
        }
    }

    /// <summary>One target above the vector (the common 1-qubit gate): a 2x2 product of vector pairs, diagonal and off-diagonal terms by form.</summary>
    private readonly struct OneHigh<TDiagonal, TOff>(TVec* c, long high) : IGroupBody where TDiagonal : ITermHalves where TOff : ITermHalves
    {
        private readonly TVec _r00 = c[0], _i00 = c[1], _r10 = c[2], _i10 = c[3], _r01 = c[4], _i01 = c[5], _r11 = c[6], _i11 = c[7];

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Apply(byte* p)
        {
            TVec v0 = TOps.Load(p), v1 = TOps.Load(p + high);
            TVec s0 = SwappedFor<TDiagonal, TOff>(v0), s1 = SwappedFor<TDiagonal, TOff>(v1);
            TOps.Store(p, AddProduct<TOff>(Product<TDiagonal>(_r00, _i00, v0, s0), _r01, _i01, v1, s1));
            TOps.Store(p + high, AddProduct<TDiagonal>(Product<TOff>(_r10, _i10, v0, s0), _r11, _i11, v1, s1));
        }
    }

    /// <summary>A 2-qubit gate with one target above the vector and one inside: 2 vectors, each with its partner-lane form.</summary>
    private readonly struct OneHighOneLow<TFlip, THalves>(TVec* c, long high, TVec indices) : IGroupBody
        where TFlip : ILaneFlipPattern where THalves : ITermHalves
    {
        // Term (input i, pattern q, output o) has its coefficient pair at c[2·((2i + q)·2 + o)]: the terms of output o
        // are v0, flip(v0), v1, flip(v1) at pairs o, 2 + o, 4 + o, 6 + o.
        private readonly TVec _r0v0 = c[0], _j0v0 = TOps.SwapReIm(c[1]), _r1v0 = c[2], _j1v0 = TOps.SwapReIm(c[3]),
            _r0x0 = c[4], _j0x0 = TOps.SwapReIm(c[5]), _r1x0 = c[6], _j1x0 = TOps.SwapReIm(c[7]),
            _r0v1 = c[8], _j0v1 = TOps.SwapReIm(c[9]), _r1v1 = c[10], _j1v1 = TOps.SwapReIm(c[11]),
            _r0x1 = c[12], _j0x1 = TOps.SwapReIm(c[13]), _r1x1 = c[14], _j1x1 = TOps.SwapReIm(c[15]);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Apply(byte* p)
        {
            TVec v0 = TOps.Load(p), v1 = TOps.Load(p + high);
            TVec x0 = TOps.FlipLanes(v0, TFlip.Flips, indices), x1 = TOps.FlipLanes(v1, TFlip.Flips, indices);
            TVec re0 = THalves.Straight ? TOps.MultiplyAdd(_r0x1, x1, TOps.MultiplyAdd(_r0v1, v1, TOps.MultiplyAdd(_r0x0, x0, TOps.Multiply(_r0v0, v0)))) : default;
            TVec im0 = THalves.Swapped ? TOps.MultiplyAdd(_j0x1, x1, TOps.MultiplyAdd(_j0v1, v1, TOps.MultiplyAdd(_j0x0, x0, TOps.Multiply(_j0v0, v0)))) : default;
            TVec re1 = THalves.Straight ? TOps.MultiplyAdd(_r1x1, x1, TOps.MultiplyAdd(_r1v1, v1, TOps.MultiplyAdd(_r1x0, x0, TOps.Multiply(_r1v0, v0)))) : default;
            TVec im1 = THalves.Swapped ? TOps.MultiplyAdd(_j1x1, x1, TOps.MultiplyAdd(_j1v1, v1, TOps.MultiplyAdd(_j1x0, x0, TOps.Multiply(_j1v0, v0)))) : default;
            TOps.Store(p, Combine<THalves, THalves>(re0, im0));
            TOps.Store(p + high, Combine<THalves, THalves>(re1, im1));
        }
    }

    /// <summary>A 2-qubit gate with both targets above the vector: a 4x4 product of vector quadruples.</summary>
    private readonly struct TwoHigh<THalves>(TVec* c, long* offsets) : IGroupBody where THalves : ITermHalves
    {
        private readonly long _o1 = offsets[1], _o2 = offsets[2], _o3 = offsets[3];

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Apply(byte* p)
        {
            TVec v0 = TOps.Load(p), v1 = TOps.Load(p + _o1), v2 = TOps.Load(p + _o2), v3 = TOps.Load(p + _o3);
            TVec s0 = SwappedFor<THalves, THalves>(v0), s1 = SwappedFor<THalves, THalves>(v1);
            TVec s2 = SwappedFor<THalves, THalves>(v2), s3 = SwappedFor<THalves, THalves>(v3);
            TOps.Store(p, Row(0, v0, s0, v1, s1, v2, s2, v3, s3));
            TOps.Store(p + _o1, Row(1, v0, s0, v1, s1, v2, s2, v3, s3));
            TOps.Store(p + _o2, Row(2, v0, s0, v1, s1, v2, s2, v3, s3));
            TOps.Store(p + _o3, Row(3, v0, s0, v1, s1, v2, s2, v3, s3));
        }

        // Coefficient pair (input i, output o) sits at 2·(4i + o).
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private TVec Row(int o, TVec v0, TVec s0, TVec v1, TVec s1, TVec v2, TVec s2, TVec v3, TVec s3)
        {
            TVec acc = Product<THalves>(c[2 * o], c[2 * o + 1], v0, s0);
            acc = AddProduct<THalves>(acc, c[2 * (4 + o)], c[2 * (4 + o) + 1], v1, s1);
            acc = AddProduct<THalves>(acc, c[2 * (8 + o)], c[2 * (8 + o) + 1], v2, s2);
            return AddProduct<THalves>(acc, c[2 * (12 + o)], c[2 * (12 + o) + 1], v3, s3);
        }
    }
}
