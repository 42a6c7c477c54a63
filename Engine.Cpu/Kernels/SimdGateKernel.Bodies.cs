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
        if (THalves.One) return v;
        if (THalves.Straight)
            return THalves.Swapped ? TOps.MultiplyAdd(im, swapped, TOps.Multiply(re, v)) : TOps.Multiply(re, v);
        return THalves.Swapped ? TOps.Multiply(im, swapped) : default;
    }

    /// <summary><paramref name="sum"/> + c·v, as <see cref="Product{THalves}"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVec AddProduct<THalves>(TVec sum, TVec re, TVec im, TVec v, TVec swapped) where THalves : ITermHalves
    {
        if (THalves.One) return TOps.Add(sum, v);
        if (THalves.Straight) sum = TOps.MultiplyAdd(re, v, sum);
        if (THalves.Swapped) sum = TOps.MultiplyAdd(im, swapped, sum);
        return sum;
    }

    /// <summary>
    /// c_a·a + c_b·b as <see cref="Product{THalves}"/> and <see cref="AddProduct{THalves}"/>, with a term whose coefficient
    /// is 1 (<see cref="ITermHalves.One"/>) as the addend of the other's FMA: v0 + c·v1 is one FMA, not a product and an add.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVec SumOfTwo<TA, TB>(TVec reA, TVec imA, TVec a, TVec swappedA, TVec reB, TVec imB, TVec b, TVec swappedB)
        where TA : ITermHalves where TB : ITermHalves =>
        TB.One
            ? AddProduct<TA>(b, reA, imA, a, swappedA)
            : AddProduct<TB>(Product<TA>(reA, imA, a, swappedA), reB, imB, b, swappedB);

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

    /// <summary>One coefficient times the same term of two groups, added to each group's sum: the coefficient is loaded once.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void MultiplyAddBoth(TVec coefficient, TVec a, TVec b, ref TVec sumA, ref TVec sumB)
    {
        sumA = TOps.MultiplyAdd(coefficient, a, sumA);
        sumB = TOps.MultiplyAdd(coefficient, b, sumB);
    }

    /// <summary>The arithmetic on one group of vectors, given the address of its first vector.</summary>
    private interface IGroupBody
    {
        void Apply(byte* group);
    }

    /// <summary>One vector per group times its lane-wise diagonal (also each position of a larger diagonal, see <see cref="DiagonalByPosition{THalves}"/>).</summary>
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
            TOps.Store(p, SumOfTwo<TDiagonal, TOff>(_r00, _i00, v0, s0, _r01, _i01, v1, s1));
            TOps.Store(p + high, SumOfTwo<TOff, TDiagonal>(_r10, _i10, v0, s0, _r11, _i11, v1, s1));
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

    /// <summary>The arithmetic on two groups of vectors at once, or on a last one alone.</summary>
    private interface IGroupPairBody
    {
        void Apply(byte* first, byte* second);

        void Apply(byte* group);
    }

    /// <summary>
    /// A 2-qubit gate with both targets above the vector: a 4x4 product of vector quadruples, two groups at a time. The
    /// 32 coefficient vectors do not fit in registers, so each is loaded once for both groups (half the loads of one
    /// group at a time); outputs go two by two, first over the straight inputs, then over the re/im-swapped ones, which
    /// the inputs' registers hold in turn (swapping is its own inverse): 8 inputs, 4 sums and a coefficient in 13 registers.
    /// </summary>
    private readonly struct TwoHigh<THalves>(TVec* c, long* offsets) : IGroupPairBody where THalves : ITermHalves
    {
        private readonly long _o1 = offsets[1], _o2 = offsets[2], _o3 = offsets[3];

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Apply(byte* a, byte* b)
        {
            TVec a0 = TOps.Load(a), a1 = TOps.Load(a + _o1), a2 = TOps.Load(a + _o2), a3 = TOps.Load(a + _o3);
            TVec b0 = TOps.Load(b), b1 = TOps.Load(b + _o1), b2 = TOps.Load(b + _o2), b3 = TOps.Load(b + _o3);
            TVec xa0 = default, xb0 = default, xa1 = default, xb1 = default;
            // Outputs 0 and 1: straight inputs, then swapped ones.
            if (THalves.Straight) Accumulate(c, a0, a1, a2, a3, b0, b1, b2, b3, ref xa0, ref xb0, ref xa1, ref xb1);
            if (THalves.Swapped)
            {
                Swap(ref a0, ref a1, ref a2, ref a3);
                Swap(ref b0, ref b1, ref b2, ref b3);
                Accumulate(c + 1, a0, a1, a2, a3, b0, b1, b2, b3, ref xa0, ref xb0, ref xa1, ref xb1);
            }
            TOps.Store(a, xa0);
            TOps.Store(a + _o1, xa1);
            TOps.Store(b, xb0);
            TOps.Store(b + _o1, xb1);
            // Outputs 2 and 3: the inputs as the registers hold them, then the other form.
            xa0 = xb0 = xa1 = xb1 = default;
            if (THalves.Swapped) Accumulate(c + 5, a0, a1, a2, a3, b0, b1, b2, b3, ref xa0, ref xb0, ref xa1, ref xb1);
            if (THalves.Straight)
            {
                if (THalves.Swapped)
                {
                    Swap(ref a0, ref a1, ref a2, ref a3);
                    Swap(ref b0, ref b1, ref b2, ref b3);
                }
                Accumulate(c + 4, a0, a1, a2, a3, b0, b1, b2, b3, ref xa0, ref xb0, ref xa1, ref xb1);
            }
            TOps.Store(a + _o2, xa0);
            TOps.Store(a + _o3, xa1);
            TOps.Store(b + _o2, xb0);
            TOps.Store(b + _o3, xb1);
        }

        /// <summary>A last group alone: its own partner, computed twice and stored twice with the same values.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Apply(byte* group) => Apply(group, group);

        /// <summary>
        /// Outputs o and o + 1 of both groups from one half of the coefficients: <paramref name="k"/> points at the half
        /// of (input 0, output o); the pair (input i, output o') sits 2·(4i + o') vectors from the table's start.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void Accumulate(TVec* k, TVec a0, TVec a1, TVec a2, TVec a3, TVec b0, TVec b1, TVec b2, TVec b3,
            ref TVec xa0, ref TVec xb0, ref TVec xa1, ref TVec xb1)
        {
            MultiplyAddBoth(k[0], a0, b0, ref xa0, ref xb0);
            MultiplyAddBoth(k[2], a0, b0, ref xa1, ref xb1);
            MultiplyAddBoth(k[8], a1, b1, ref xa0, ref xb0);
            MultiplyAddBoth(k[10], a1, b1, ref xa1, ref xb1);
            MultiplyAddBoth(k[16], a2, b2, ref xa0, ref xb0);
            MultiplyAddBoth(k[18], a2, b2, ref xa1, ref xb1);
            MultiplyAddBoth(k[24], a3, b3, ref xa0, ref xb0);
            MultiplyAddBoth(k[26], a3, b3, ref xa1, ref xb1);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void Swap(ref TVec v0, ref TVec v1, ref TVec v2, ref TVec v3)
        {
            v0 = TOps.SwapReIm(v0);
            v1 = TOps.SwapReIm(v1);
            v2 = TOps.SwapReIm(v2);
            v3 = TOps.SwapReIm(v3);
        }
    }
}
