using System.Numerics;
using System.Runtime.CompilerServices;
using QSim.Cpu.Simd;

namespace QSim.Cpu.Kernels;

/// <summary>The dense loop for every shape the fixed loops do not cover: fused blocks of 3 or more targets.</summary>
internal sealed unsafe partial class SimdGateKernel<TVec, TOps>
{
    /// <summary>
    /// A dense gate with 2^h ≥ 2 vectors per group and any number of lane patterns. Per group, every term of
    /// the sums (input vector i under low-flip pattern q, straight and re/im-swapped) is computed once into a
    /// small buffer; then each pair of outputs is a dot product of its coefficient rows with those terms, for
    /// two groups at once so every coefficient loaded feeds two FMAs. Per FMA that is one load (half a term,
    /// half a coefficient), with the accumulators in registers: close to the arithmetic minimum of 2 FMAs
    /// per term and output. A real matrix (<see cref="RealTerm"/>) needs no swapped terms and half the FMAs; its table holds
    /// one vector per term and output instead of a pair (<see cref="CompactRealCoefficients"/>), and so does the term buffer.
    /// </summary>
    private void DenseAny<THalves>(long b, long groups) where THalves : ITermHalves
    {
        if (_groupVectors == 2)
        {
            ForEachGroup(b, groups, new TwoVectorsFlippedAfter<THalves>(_coefficients, _offsets[1], _table, _laneFlips, _patterns));
            return;
        }
        long fixedMask = _skeleton.FixedMask, ones = _skeleton.OnesMask;
        int vectors = _groupVectors, patterns = _patterns, terms = vectors * patterns;
        long* offsets = stackalloc long[vectors];
        for (int i = 0; i < vectors; i++) offsets[i] = _offsets[i];
        int* flips = stackalloc int[patterns];
        for (int q = 0; q < patterns; q++) flips[q] = _laneFlips[q];
        // At most 4 · 2^MaxTargets vectors (64 KiB for AVX-512); aligned so no term load splits a cache line.
        byte* raw = stackalloc byte[4 * terms * VectorBytes + 64];
        TVec* termsA = (TVec*)(((nint)raw + 63) & ~(nint)63), termsB = termsA + 2 * terms;
        int width = Width<THalves>();
        for (long k = 0; k < groups; k += 2)
        {
            // An odd last group is its own partner: its outputs are computed and stored twice.
            long partner = k + 1 < groups ? IndexSkeleton.Next(b, fixedMask, ones) : b;
            byte* pA = Address(b), pB = Address(partner);
            WriteTerms<THalves>(pA, offsets, flips, termsA);
            WriteTerms<THalves>(pB, offsets, flips, termsB);
            if (vectors % 4 == 0)
                for (int o = 0; o < vectors; o += 4)
                    WriteOutputQuad<THalves>(termsA, termsB, _coefficients + width * o, terms, width * vectors, pA, pB, offsets + o);
            else
                for (int o = 0; o < vectors; o += 2)
                    WriteOutputPair<THalves>(termsA, termsB, _coefficients + width * o, terms, width * vectors,
                        pA + offsets[o], pA + offsets[o + 1], pB + offsets[o], pB + offsets[o + 1]);
            b = IndexSkeleton.Next(partner, fixedMask, ones);
        }
    }

    /// <summary>
    /// A dense gate of 2 vectors per group and 4 or more lane patterns (a 3-target block with both complex64 AVX2 lane
    /// qubits among its targets): the dense loop's term buffer would take 8 flipped terms per vector, as many stores as
    /// FMAs. Here the flip comes after the products instead: Σ_q flip_q(Σ_i C'_{o,i,q}·v_i) with C' the coefficients
    /// moved by the same flip (<see cref="WriteFlipAfterCoefficients"/>), so the two inputs and their swapped forms stay in
    /// registers and each output takes one flip per pattern.
    /// </summary>
    private readonly struct TwoVectorsFlippedAfter<THalves>(TVec* c, long high, TVec* flipIndices, int[] flips, int patterns) : IGroupBody
        where THalves : ITermHalves
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Apply(byte* p)
        {
            TVec v0 = TOps.Load(p), v1 = TOps.Load(p + high);
            TVec s0 = SwappedFor<THalves, THalves>(v0), s1 = SwappedFor<THalves, THalves>(v1);
            int step = 2 * Width<THalves>();
            TVec* k = c;
            TVec out0 = Partial(k, v0, s0, v1, s1);
            for (int q = 1; q < patterns; q++)
                out0 = TOps.Add(out0, TOps.FlipLanes(Partial(k += step, v0, s0, v1, s1), flips[q], flipIndices[q]));
            TVec out1 = Partial(k += step, v0, s0, v1, s1);
            for (int q = 1; q < patterns; q++)
                out1 = TOps.Add(out1, TOps.FlipLanes(Partial(k += step, v0, s0, v1, s1), flips[q], flipIndices[q]));
            TOps.Store(p, out0);
            TOps.Store(p + high, out1);
        }

        /// <summary>Σ_i C'·v_i for one output and pattern: the coefficients of input 0, then of input 1.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static TVec Partial(TVec* k, TVec v0, TVec s0, TVec v1, TVec s1)
        {
            int w = Width<THalves>();
            return AddProduct<THalves>(Product<THalves>(k[0], k[1], v0, s0), k[w], k[w + 1], v1, s1);
        }
    }

    /// <summary>
    /// The table of <see cref="TwoVectorsFlippedAfter{THalves}"/>, over the standard one: for output o, pattern q, input i
    /// (in that order), lane j holds the element lane j ⊕ flips_q of the standard table holds, so that flipping the
    /// product moves it back. A real matrix gets one vector per entry, like <see cref="CompactRealCoefficients"/>.
    /// </summary>
    private void WriteFlipAfterCoefficients(ReadOnlySpan<int> extended, ExtendedMatrix element, bool real)
    {
        TVec* c = _coefficients;
        for (int o = 0; o < 2; o++)
            for (int q = 0; q < _patterns; q++)
            {
                int flips = VectorGeometry<TVec, TOps>.LaneFlips(extended, q);
                for (int i = 0; i < 2; i++, c += real ? 1 : 2)
                    for (int lane = 0; lane < TOps.ComplexCount; lane++)
                    {
                        Complex value = element[VectorGeometry<TVec, TOps>.ExtendedIndex(extended, o, lane ^ flips), VectorGeometry<TVec, TOps>.ExtendedIndex(extended, i, lane)];
                        if (!real) VectorGeometry<TVec, TOps>.WriteCoefficient(c, lane, value);
                        else
                        {
                            TOps.WriteScalar(c, 2 * lane, value.Real);
                            TOps.WriteScalar(c, 2 * lane + 1, value.Real);
                        }
                    }
            }
    }

    /// <summary>Vectors per term and output in the table and the term buffer: a pair (straight, swapped), or one for a real matrix.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Width<THalves>() where THalves : ITermHalves => THalves.Swapped ? 2 : 1;

    /// <summary>Term (i, q) of the group at <paramref name="p"/>, straight and swapped, at width·(i·patterns + q): the coefficient table's input order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void WriteTerms<THalves>(byte* p, long* offsets, int* flips, TVec* term) where THalves : ITermHalves
    {
        TVec* perms = _table;
        for (int i = 0; i < _groupVectors; i++)
        {
            TVec v = TOps.Load(p + offsets[i]), swapped = SwappedFor<THalves, THalves>(v);
            if (THalves.Straight) term[0] = v;
            if (THalves.Swapped) term[1] = swapped;
            term += Width<THalves>();
            // Swapping re/im commutes with moving whole complex lanes, so both forms flip the same way.
            for (int q = 1; q < _patterns; q++, term += Width<THalves>())
            {
                if (THalves.Straight) term[0] = TOps.FlipLanes(v, flips[q], perms[q]);
                if (THalves.Swapped) term[1] = TOps.FlipLanes(swapped, flips[q], perms[q]);
            }
        }
    }

    /// <summary>
    /// Outputs o and o+1 of groups A and B from <paramref name="count"/> terms each: the coefficients of
    /// output o for term j are at <paramref name="row"/>[j·<paramref name="stride"/>], those of o+1 right after.
    /// Straight and swapped terms accumulate apart: eight independent FMA chains cover the FMA latency on both pipes.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void WriteOutputPair<THalves>(TVec* termsA, TVec* termsB, TVec* row, int count, int stride,
        byte* firstA, byte* secondA, byte* firstB, byte* secondB) where THalves : ITermHalves
    {
        int w = Width<THalves>();
        TVec a0 = default, a1 = default, a2 = default, a3 = default;
        TVec b0 = default, b1 = default, b2 = default, b3 = default;
        for (int j = 0; j < count; j++, termsA += w, termsB += w, row += stride)
        {
            if (THalves.Straight)
            {
                TVec xA = termsA[0], xB = termsB[0];
                MultiplyAddBoth(row[0], xA, xB, ref a0, ref b0);
                MultiplyAddBoth(row[w], xA, xB, ref a2, ref b2);
            }
            if (THalves.Swapped)
            {
                TVec yA = termsA[1], yB = termsB[1];
                MultiplyAddBoth(row[1], yA, yB, ref a1, ref b1);
                MultiplyAddBoth(row[w + 1], yA, yB, ref a3, ref b3);
            }
        }
        TOps.Store(firstA, Join<THalves>(a0, a1));
        TOps.Store(secondA, Join<THalves>(a2, a3));
        TOps.Store(firstB, Join<THalves>(b0, b1));
        TOps.Store(secondB, Join<THalves>(b2, b3));
    }

    /// <summary>
    /// Outputs o..o+3 of groups A and B, as <see cref="WriteOutputPair{THalves}"/> but four outputs at a time, straight and
    /// swapped terms into one sum per output: each term loaded feeds four FMAs and each coefficient two, 6 loads per 8 FMAs,
    /// with eight independent chains.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void WriteOutputQuad<THalves>(TVec* termsA, TVec* termsB, TVec* row, int count, int stride, byte* pA, byte* pB, long* offsets)
        where THalves : ITermHalves
    {
        int w = Width<THalves>();
        TVec a0 = default, a1 = default, a2 = default, a3 = default;
        TVec b0 = default, b1 = default, b2 = default, b3 = default;
        for (int j = 0; j < count; j++, termsA += w, termsB += w, row += stride)
        {
            if (THalves.Straight)
            {
                TVec xA = termsA[0], xB = termsB[0];
                MultiplyAddBoth(row[0], xA, xB, ref a0, ref b0);
                MultiplyAddBoth(row[w], xA, xB, ref a1, ref b1);
                MultiplyAddBoth(row[2 * w], xA, xB, ref a2, ref b2);
                MultiplyAddBoth(row[3 * w], xA, xB, ref a3, ref b3);
            }
            if (THalves.Swapped)
            {
                TVec yA = termsA[1], yB = termsB[1];
                MultiplyAddBoth(row[1], yA, yB, ref a0, ref b0);
                MultiplyAddBoth(row[w + 1], yA, yB, ref a1, ref b1);
                MultiplyAddBoth(row[2 * w + 1], yA, yB, ref a2, ref b2);
                MultiplyAddBoth(row[3 * w + 1], yA, yB, ref a3, ref b3);
            }
        }
        TOps.Store(pA + offsets[0], a0);
        TOps.Store(pA + offsets[1], a1);
        TOps.Store(pA + offsets[2], a2);
        TOps.Store(pA + offsets[3], a3);
        TOps.Store(pB + offsets[0], b0);
        TOps.Store(pB + offsets[1], b1);
        TOps.Store(pB + offsets[2], b2);
        TOps.Store(pB + offsets[3], b3);
    }

    /// <summary>The straight and swapped sums of an output, either left out when no term feeds it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVec Join<THalves>(TVec straight, TVec swapped) where THalves : ITermHalves =>
        THalves.Straight ? (THalves.Swapped ? TOps.Add(straight, swapped) : straight) : swapped;
}
