using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using QSim.Cpu.Parallel;
using QSim.Cpu.Simd;

namespace QSim.Cpu.Kernels;

/// <summary>
/// One SIMD kernel for every gate shape: a dense or diagonal matrix on any targets, under any controls,
/// on a state of interleaved complex amplitudes (re, im, re, im, …).
/// <para>
/// Qubits below <see cref="LowQubits"/> live inside one vector (for AVX2 complex64, 4 amplitudes: qubits
/// 0-1). A gate's qubits split there: its <i>high</i> targets select which vectors of a group are mixed,
/// its <i>low</i> targets mix lanes inside a vector. The kernel loads the 2^h vectors of a group and
/// computes each output vector as Σ over input vectors i and low-flip patterns p of
/// coefficient[o,i,p] ⊙ permute_p(v_i): lane-wise coefficients hold the matrix element that lane needs,
/// and permute_p brings each lane its partner amplitude. Controls above the boundary shrink the loop;
/// controls below it are folded into the matrix as extra low targets.
/// </para>
/// </summary>
internal sealed unsafe partial class SimdGateKernel<TVec, TOps> : IGateKernel, IDisposable
    where TVec : unmanaged
    where TOps : IComplexVectorOps<TVec>
{
    private readonly byte* _state;
    private IndexSkeleton _skeleton = new(64);
    private readonly long[] _offsets = new long[1 << StateVectorLimits.MaxTargets];
    private readonly int[] _extended = new int[2 * StateVectorLimits.MaxTargets];
    private TVec* _table;
    private long _tableVectors;
    private TVec* _coefficients;
    private int _groupVectors;
    private int _patterns;
    private bool _diagonal;
    private int _firstLowFlips;
    private readonly int[] _laneFlips = new int[TOps.ComplexCount];

    public SimdGateKernel(void* state) => _state = (byte*)state;

    /// <summary>Qubits whose amplitudes share one vector.</summary>
    public static int LowQubits => BitOperations.Log2((uint)TOps.ComplexCount);

    private static int VectorBytes => sizeof(TVec);

    /// <summary>Prepares the coefficient tables for one gate and returns the number of groups to run.</summary>
    public long Prepare(int qubits, ReadOnlySpan<int> targets, ReadOnlySpan<Complex> matrix, ReadOnlySpan<int> controls, bool diagonal)
    {
        int low = LowQubits;
        // The extended target list: low controls first (folded into the matrix), then the targets.
        int lowControls = 0, count = 0;
        foreach (int c in controls) if (c < low) { _extended[count++] = c; lowControls++; }
        foreach (int t in targets) _extended[count++] = t;
        var extended = _extended.AsSpan(0, count);

        _skeleton.Clear();
        int highCount = 0, lowCount = 0;
        foreach (int q in extended)
        {
            if (q >= low) { _skeleton.Fix(q - low, one: false); highCount++; }
            else lowCount++;
        }
        foreach (int c in controls) if (c >= low) _skeleton.Fix(c - low, one: true);

        _diagonal = diagonal;
        _groupVectors = 1 << highCount;
        _patterns = diagonal ? 1 : 1 << lowCount;
        _firstLowFlips = LaneFlips(extended, 1);
        for (int q = 0; q < _patterns; q++) _laneFlips[q] = LaneFlips(extended, q);
        // Byte offsets add to a group's base address: their bits never overlap the base's, so no carry crosses a segment gap.
        for (int o = 0; o < _groupVectors; o++) _offsets[o] = ByteOffset(VectorOffset(extended, o));

        long coefficientVectors = diagonal ? 2L * _groupVectors : 2L * _groupVectors * _groupVectors * _patterns;
        EnsureTable(2L * _patterns + coefficientVectors);
        _coefficients = _table + 2 * _patterns;
        WritePermutations(extended);
        var element = new ExtendedMatrix(matrix, lowControls, diagonal);
        if (diagonal) WriteDiagonalCoefficients(extended, element);
        else WriteDenseCoefficients(extended, element);
        return 1L << (qubits - low - _skeleton.FixedCount);
    }

    public void Execute(long begin, long end)
    {
        long first = _skeleton.BaseIndex(begin), count = end - begin;
        switch (_diagonal, _groupVectors, _patterns)
        {
            case (true, 1, _): Diagonal1(first, count); break;
            case (true, 2, _): Diagonal2(first, count); break;
            case (true, _, _): DiagonalAny(first, count); break;
            case (false, 1, 2): DenseOneLow(first, count); break;
            case (false, 1, _): DenseLowOnly(first, count); break;
            case (false, 2, 1): DenseOneHigh(first, count); break;
            case (false, 2, 2): DenseOneHighOneLow(first, count); break;
            case (false, 4, 1): DenseTwoHigh(first, count); break;
            default: DenseAny(first, count); break;
        }
    }

    /// <summary>The base vector index of the next group: step over the fixed bits, then set the controls again.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static long Next(long index, long fixedMask, long onesMask) => (((index | fixedMask) + 1) & ~fixedMask) | onesMask;

    /// <summary>Bytes from the state's start to vector <paramref name="vectorIndex"/>, across the layout's segment gaps.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static long ByteOffset(long vectorIndex) =>
        vectorIndex * VectorBytes + (vectorIndex >> (StateLayout.SegmentBits - LowQubits)) * StateLayout.GapAmplitudes * 2 * TOps.ScalarSize;

    private byte* Address(long vectorIndex) => _state + ByteOffset(vectorIndex);

    /// <summary>c·v for lane-wise complex coefficients stored as the pair (re, ±im).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVec ComplexMultiply(TVec re, TVec im, TVec v, TVec swapped) => TOps.MultiplyAdd(im, swapped, TOps.Multiply(re, v));

    private void Diagonal1(long b, long groups)
    {
        long fixedMask = _skeleton.FixedMask, ones = _skeleton.OnesMask;
        TVec re = _coefficients[0], im = _coefficients[1];
        for (long k = 0; k < groups; k++, b = Next(b, fixedMask, ones))
        {
            byte* p = Address(b);
            TVec v = TOps.Load(p);
            TOps.Store(p, ComplexMultiply(re, im, v, TOps.SwapReIm(v)));
        }
    }

    private void Diagonal2(long b, long groups)
    {
        long fixedMask = _skeleton.FixedMask, ones = _skeleton.OnesMask;
        TVec re0 = _coefficients[0], im0 = _coefficients[1], re1 = _coefficients[2], im1 = _coefficients[3];
        long high = _offsets[1];
        for (long k = 0; k < groups; k++, b = Next(b, fixedMask, ones))
        {
            byte* p = Address(b);
            TVec v0 = TOps.Load(p), v1 = TOps.Load(p + high);
            TOps.Store(p, ComplexMultiply(re0, im0, v0, TOps.SwapReIm(v0)));
            TOps.Store(p + high, ComplexMultiply(re1, im1, v1, TOps.SwapReIm(v1)));
        }
    }

    private void DiagonalAny(long b, long groups)
    {
        long fixedMask = _skeleton.FixedMask, ones = _skeleton.OnesMask;
        int g = _groupVectors;
        TVec* c = _coefficients;
        long* offsets = stackalloc long[g];
        for (int i = 0; i < g; i++) offsets[i] = _offsets[i];
        for (long k = 0; k < groups; k++, b = Next(b, fixedMask, ones))
        {
            byte* p = Address(b);
            for (int o = 0; o < g; o++)
            {
                TVec v = TOps.Load(p + offsets[o]);
                TOps.Store(p + offsets[o], ComplexMultiply(c[2 * o], c[2 * o + 1], v, TOps.SwapReIm(v)));
            }
        }
    }

    /// <summary>One target inside the vector (a 1-qubit gate on a low qubit): each lane meets its partner lane.</summary>
    private void DenseOneLow(long b, long groups)
    {
        long fixedMask = _skeleton.FixedMask, ones = _skeleton.OnesMask;
        TVec partnerIndices = _table[2];
        int flips = _firstLowFlips;
        TVec r0 = _coefficients[0], i0 = _coefficients[1], r1 = _coefficients[2], i1 = _coefficients[3];
        long k = 0;
        // Two independent vectors per iteration: more loads in flight for a loop that is otherwise one short chain.
        for (; k + 1 < groups; k += 2)
        {
            long b1 = Next(b, fixedMask, ones);
            byte* p0 = Address(b), p1 = Address(b1);
            TVec v0 = TOps.Load(p0), v1 = TOps.Load(p1);
            TVec q0 = TOps.FlipLanes(v0, flips, partnerIndices), q1 = TOps.FlipLanes(v1, flips, partnerIndices);
            TVec own0 = ComplexMultiply(r0, i0, v0, TOps.SwapReIm(v0)), own1 = ComplexMultiply(r0, i0, v1, TOps.SwapReIm(v1));
            TOps.Store(p0, TOps.MultiplyAdd(i1, TOps.SwapReIm(q0), TOps.MultiplyAdd(r1, q0, own0)));
            TOps.Store(p1, TOps.MultiplyAdd(i1, TOps.SwapReIm(q1), TOps.MultiplyAdd(r1, q1, own1)));
            b = Next(b1, fixedMask, ones);
        }
        if (k < groups)
        {
            byte* p = Address(b);
            TVec v = TOps.Load(p);
            TVec partner = TOps.FlipLanes(v, flips, partnerIndices);
            TOps.Store(p, TOps.MultiplyAdd(i1, TOps.SwapReIm(partner), TOps.MultiplyAdd(r1, partner, ComplexMultiply(r0, i0, v, TOps.SwapReIm(v)))));
        }
    }

    /// <summary>Every target inside the vector: one load, one store, 2^l permuted terms.</summary>
    private void DenseLowOnly(long b, long groups)
    {
        long fixedMask = _skeleton.FixedMask, ones = _skeleton.OnesMask;
        int patterns = _patterns;
        TVec* perms = _table, coef = _coefficients;
        for (long k = 0; k < groups; k++, b = Next(b, fixedMask, ones))
        {
            byte* p = Address(b);
            TVec v = TOps.Load(p);
            TVec acc = ComplexMultiply(coef[0], coef[1], v, TOps.SwapReIm(v));
            for (int q = 1; q < patterns; q++)
                acc = TOps.MultiplyAdd(coef[2 * q + 1], TOps.Permute(v, perms[2 * q + 1]),
                    TOps.MultiplyAdd(coef[2 * q], TOps.Permute(v, perms[2 * q]), acc));
            TOps.Store(p, acc);
        }
    }

    /// <summary>One target above the vector (the common 1-qubit gate): a 2x2 complex product of vector pairs, coefficients in registers.</summary>
    private void DenseOneHigh(long b, long groups)
    {
        long fixedMask = _skeleton.FixedMask, ones = _skeleton.OnesMask;
        TVec* c = _coefficients;
        TVec r00 = c[0], i00 = c[1], r10 = c[2], i10 = c[3], r01 = c[4], i01 = c[5], r11 = c[6], i11 = c[7];
        long high = _offsets[1];
        for (long k = 0; k < groups; k++, b = Next(b, fixedMask, ones))
        {
            byte* p = Address(b);
            TVec v0 = TOps.Load(p), v1 = TOps.Load(p + high);
            TVec s0 = TOps.SwapReIm(v0), s1 = TOps.SwapReIm(v1);
            TOps.Store(p, TOps.MultiplyAdd(i01, s1, TOps.MultiplyAdd(r01, v1, ComplexMultiply(r00, i00, v0, s0))));
            TOps.Store(p + high, TOps.MultiplyAdd(i11, s1, TOps.MultiplyAdd(r11, v1, ComplexMultiply(r10, i10, v0, s0))));
        }
    }

    /// <summary>A 2-qubit gate with one target above the vector and one inside: 2 vectors, 2 lane patterns each.</summary>
    private void DenseOneHighOneLow(long b, long groups)
    {
        long fixedMask = _skeleton.FixedMask, ones = _skeleton.OnesMask;
        TVec partner = _table[2], partnerSwap = _table[3];
        TVec* c = _coefficients;
        long high = _offsets[1];
        for (long k = 0; k < groups; k++, b = Next(b, fixedMask, ones))
        {
            byte* p = Address(b);
            TVec v0 = TOps.Load(p), v1 = TOps.Load(p + high);
            TVec s0 = TOps.SwapReIm(v0), s1 = TOps.SwapReIm(v1);
            TVec x0 = TOps.Permute(v0, partner), y0 = TOps.Permute(v0, partnerSwap);
            TVec x1 = TOps.Permute(v1, partner), y1 = TOps.Permute(v1, partnerSwap);
            // Coefficient pair (input i, pattern q, output o) sits at 2·((2i + q)·2 + o).
            TVec out0 = ComplexMultiply(c[0], c[1], v0, s0);
            TVec out1 = ComplexMultiply(c[2], c[3], v0, s0);
            out0 = TOps.MultiplyAdd(c[5], y0, TOps.MultiplyAdd(c[4], x0, out0));
            out1 = TOps.MultiplyAdd(c[7], y0, TOps.MultiplyAdd(c[6], x0, out1));
            out0 = TOps.MultiplyAdd(c[9], s1, TOps.MultiplyAdd(c[8], v1, out0));
            out1 = TOps.MultiplyAdd(c[11], s1, TOps.MultiplyAdd(c[10], v1, out1));
            out0 = TOps.MultiplyAdd(c[13], y1, TOps.MultiplyAdd(c[12], x1, out0));
            out1 = TOps.MultiplyAdd(c[15], y1, TOps.MultiplyAdd(c[14], x1, out1));
            TOps.Store(p, out0);
            TOps.Store(p + high, out1);
        }
    }

    /// <summary>A 2-qubit gate with both targets above the vector: a 4x4 complex product of vector quadruples.</summary>
    private void DenseTwoHigh(long b, long groups)
    {
        long fixedMask = _skeleton.FixedMask, ones = _skeleton.OnesMask;
        TVec* c = _coefficients;
        long o1 = _offsets[1], o2 = _offsets[2], o3 = _offsets[3];
        for (long k = 0; k < groups; k++, b = Next(b, fixedMask, ones))
        {
            byte* p = Address(b);
            TVec v0 = TOps.Load(p), v1 = TOps.Load(p + o1), v2 = TOps.Load(p + o2), v3 = TOps.Load(p + o3);
            TVec s0 = TOps.SwapReIm(v0), s1 = TOps.SwapReIm(v1), s2 = TOps.SwapReIm(v2), s3 = TOps.SwapReIm(v3);
            // Coefficient pair (input i, output o) sits at 2·(4i + o).
            TOps.Store(p, Row(c, 0, v0, s0, v1, s1, v2, s2, v3, s3));
            TOps.Store(p + o1, Row(c, 1, v0, s0, v1, s1, v2, s2, v3, s3));
            TOps.Store(p + o2, Row(c, 2, v0, s0, v1, s1, v2, s2, v3, s3));
            TOps.Store(p + o3, Row(c, 3, v0, s0, v1, s1, v2, s2, v3, s3));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVec Row(TVec* c, int o, TVec v0, TVec s0, TVec v1, TVec s1, TVec v2, TVec s2, TVec v3, TVec s3)
    {
        TVec acc = ComplexMultiply(c[2 * o], c[2 * o + 1], v0, s0);
        acc = TOps.MultiplyAdd(c[2 * (4 + o) + 1], s1, TOps.MultiplyAdd(c[2 * (4 + o)], v1, acc));
        acc = TOps.MultiplyAdd(c[2 * (8 + o) + 1], s2, TOps.MultiplyAdd(c[2 * (8 + o)], v2, acc));
        return TOps.MultiplyAdd(c[2 * (12 + o) + 1], s3, TOps.MultiplyAdd(c[2 * (12 + o)], v3, acc));
    }

    /// <summary>Offset, in vectors, of output/input vector <paramref name="o"/> of a group: its bits are the high extended targets.</summary>
    private static long VectorOffset(ReadOnlySpan<int> extended, int o)
    {
        long offset = 0;
        int bit = 0;
        foreach (int q in extended)
        {
            if (q < LowQubits) continue;
            if (((o >> bit++) & 1) != 0) offset |= 1L << (q - LowQubits);
        }
        return offset;
    }

    /// <summary>Index into the extended matrix of lane <paramref name="lane"/> of group vector <paramref name="o"/>.</summary>
    private static int ExtendedIndex(ReadOnlySpan<int> extended, int o, int lane)
    {
        int index = 0, highBit = 0;
        for (int m = 0; m < extended.Length; m++)
        {
            int q = extended[m];
            int bit = q < LowQubits ? (lane >> q) & 1 : (o >> highBit++) & 1;
            index |= bit << m;
        }
        return index;
    }

    /// <summary>Lanes (complex units) whose low extended-target bits are flipped by pattern <paramref name="p"/>.</summary>
    private static int LaneFlips(ReadOnlySpan<int> extended, int p)
    {
        int flips = 0, lowBit = 0;
        foreach (int q in extended)
        {
            if (q >= LowQubits) continue;
            if (((p >> lowBit++) & 1) != 0) flips |= 1 << q;
        }
        return flips;
    }

    /// <summary>For each pattern, the 32-bit-lane indices that fetch each lane's partner, straight and with re/im swapped.</summary>
    private void WritePermutations(ReadOnlySpan<int> extended)
    {
        int wordsPerScalar = TOps.ScalarSize / 4;
        for (int p = 0; p < _patterns; p++)
        {
            int flips = LaneFlips(extended, p);
            int* straight = (int*)(_table + 2 * p), swapped = (int*)(_table + 2 * p + 1);
            for (int lane = 0; lane < TOps.ComplexCount; lane++)
                for (int part = 0; part < 2; part++)
                    for (int w = 0; w < wordsPerScalar; w++)
                    {
                        int destination = (2 * lane + part) * wordsPerScalar + w;
                        straight[destination] = (2 * (lane ^ flips) + part) * wordsPerScalar + w;
                        swapped[destination] = (2 * (lane ^ flips) + 1 - part) * wordsPerScalar + w;
                    }
        }
    }

    private void WriteDenseCoefficients(ReadOnlySpan<int> extended, ExtendedMatrix element)
    {
        TVec* c = _coefficients;
        for (int i = 0; i < _groupVectors; i++)
            for (int p = 0; p < _patterns; p++)
            {
                int flips = LaneFlips(extended, p);
                for (int o = 0; o < _groupVectors; o++, c += 2)
                    for (int lane = 0; lane < TOps.ComplexCount; lane++)
                        WriteLane(c, lane, element[ExtendedIndex(extended, o, lane), ExtendedIndex(extended, i, lane ^ flips)]);
            }
    }

    private void WriteDiagonalCoefficients(ReadOnlySpan<int> extended, ExtendedMatrix element)
    {
        for (int o = 0; o < _groupVectors; o++)
            for (int lane = 0; lane < TOps.ComplexCount; lane++)
                WriteLane(_coefficients + 2 * o, lane, element.Diagonal(ExtendedIndex(extended, o, lane)));
    }

    /// <summary>Writes the pair (re, re) into the first vector and (−im, im) into the second, so c·v = re·v + im'·swap(v).</summary>
    private static void WriteLane(TVec* pair, int lane, Complex value)
    {
        TOps.WriteScalar(pair, 2 * lane, value.Real);
        TOps.WriteScalar(pair, 2 * lane + 1, value.Real);
        TOps.WriteScalar(pair + 1, 2 * lane, -value.Imaginary);
        TOps.WriteScalar(pair + 1, 2 * lane + 1, value.Imaginary);
    }

    private void EnsureTable(long vectors)
    {
        if (vectors <= _tableVectors) return;
        NativeMemory.AlignedFree(_table);
        _table = (TVec*)NativeMemory.AlignedAlloc((nuint)(vectors * VectorBytes), 64);
        _tableVectors = vectors;
    }

    public void Dispose()
    {
        NativeMemory.AlignedFree(_table);
        _table = null;
        _tableVectors = 0;
    }

    /// <summary>A gate matrix seen with <c>lowControls</c> extra control bits at the bottom of its index.</summary>
    private readonly ref struct ExtendedMatrix(ReadOnlySpan<Complex> matrix, int lowControls, bool diagonal)
    {
        private readonly ReadOnlySpan<Complex> _matrix = matrix;
        private readonly int _allOnes = (1 << lowControls) - 1;
        private readonly int _dimension = diagonal ? matrix.Length : (int)Math.Sqrt(matrix.Length);

        public Complex this[int row, int column]
        {
            get
            {
                if ((row & _allOnes) != _allOnes || (column & _allOnes) != _allOnes)
                    return row == column ? Complex.One : Complex.Zero;
                int shift = BitOperations.PopCount((uint)_allOnes);
                return _matrix[(row >> shift) * _dimension + (column >> shift)];
            }
        }

        public Complex Diagonal(int index) =>
            (index & _allOnes) != _allOnes ? Complex.One : _matrix[index >> BitOperations.PopCount((uint)_allOnes)];
    }
}
