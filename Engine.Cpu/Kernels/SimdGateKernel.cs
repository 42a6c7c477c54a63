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
    // Native, so group bodies can hold it as a pointer: byte offsets of a group's vectors from its first.
    private long* _offsets = (long*)NativeMemory.Alloc((nuint)(sizeof(long) << StateVectorLimits.MaxTargets));
    private readonly int[] _extended = new int[2 * StateVectorLimits.MaxTargets];
    private TVec* _table;
    private long _tableVectors;
    private TVec* _coefficients;
    private int _groupVectors;
    private int _patterns;
    private bool _diagonal;
    private GroupRuns<TVec, TOps> _runs;
    private readonly int[] _laneFlips = new int[TOps.ComplexCount];

    public SimdGateKernel(void* state) => _state = (byte*)state;

    /// <summary>Qubits whose amplitudes share one vector.</summary>
    public static int LowQubits => VectorGeometry<TVec, TOps>.LowQubits;

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
        _runs = new GroupRuns<TVec, TOps>(_skeleton);

        _diagonal = diagonal;
        _groupVectors = 1 << highCount;
        _patterns = diagonal ? 1 : 1 << lowCount;
        for (int q = 0; q < _patterns; q++) _laneFlips[q] = VectorGeometry<TVec, TOps>.LaneFlips(extended, q);
        // Byte offsets add to a group's base address: their bits never overlap the base's, so no carry crosses a segment gap.
        for (int o = 0; o < _groupVectors; o++) _offsets[o] = VectorGeometry<TVec, TOps>.ByteOffset(VectorGeometry<TVec, TOps>.VectorOffset(extended, o));

        long coefficientVectors = diagonal ? 2L * _groupVectors : 2L * _groupVectors * _groupVectors * _patterns;
        EnsureTable(_patterns + coefficientVectors);
        _coefficients = _table + _patterns;
        for (int q = 0; q < _patterns; q++) _table[q] = VectorGeometry<TVec, TOps>.FlipIndices(_laneFlips[q]);
        var element = new ExtendedMatrix(matrix, lowControls, diagonal);
        if (diagonal) WriteDiagonalCoefficients(extended, element);
        else WriteDenseCoefficients(extended, element);
        return 1L << (qubits - low - _skeleton.FixedCount);
    }

    public void Execute(long begin, long end)
    {
        long first = _skeleton.BaseIndex(begin), count = end - begin;
        TVec* c = _coefficients;
        switch (_diagonal, _groupVectors, _patterns)
        {
            case (true, 1, _): ForEachGroup(first, count, new DiagonalOne(c)); break;
            case (true, 2, _): ForEachGroup(first, count, new DiagonalTwo(c, _offsets[1])); break;
            case (true, _, _): ForEachGroup(first, count, new DiagonalAny(c, _offsets, _groupVectors)); break;
            case (false, 1, 2): OneLowTarget(first, count); break;
            case (false, 1, 4): TwoLowTargets(first, count); break;
            case (false, 1, _): ForEachGroup(first, count, new LowOnly(c, _table, _laneFlips, _patterns)); break;
            case (false, 2, 1): ForEachGroup(first, count, new OneHigh(c, _offsets[1])); break;
            case (false, 2, 2): OneHighOneLowTarget(first, count); break;
            case (false, 4, 1): ForEachGroup(first, count, new TwoHigh(c, _offsets)); break;
            default: DenseAny(first, count); break;
        }
    }

    // The shapes that flip lanes get their flip pattern as a type (see ILaneFlipPattern): one immediate shuffle per flip.
    private void OneLowTarget(long first, long count)
    {
        TVec* c = _coefficients;
        TVec indices = _table[1];
        switch (_laneFlips[1])
        {
            case FlipQubit0.Mask: ForEachGroup(first, count, new OneLow<FlipQubit0>(c, indices)); break;
            case FlipQubit1.Mask: ForEachGroup(first, count, new OneLow<FlipQubit1>(c, indices)); break;
            default: ForEachGroup(first, count, new OneLow<FlipByTable>(c, indices)); break;
        }
    }

    private void TwoLowTargets(long first, long count)
    {
        TVec* c = _coefficients;
        TVec a = _table[1], b = _table[2];
        switch (_laneFlips[1], _laneFlips[2])
        {
            case (FlipQubit0.Mask, FlipQubit1.Mask): ForEachGroup(first, count, new TwoLow<FlipQubit0, FlipQubit1>(c, a, b)); break;
            case (FlipQubit1.Mask, FlipQubit0.Mask): ForEachGroup(first, count, new TwoLow<FlipQubit1, FlipQubit0>(c, a, b)); break;
            default: ForEachGroup(first, count, new TwoLow<FlipByTable, FlipByTable>(c, a, b)); break;
        }
    }

    private void OneHighOneLowTarget(long first, long count)
    {
        TVec* c = _coefficients;
        long high = _offsets[1];
        TVec indices = _table[1];
        switch (_laneFlips[1])
        {
            case FlipQubit0.Mask: ForEachGroup(first, count, new OneHighOneLow<FlipQubit0>(c, high, indices)); break;
            case FlipQubit1.Mask: ForEachGroup(first, count, new OneHighOneLow<FlipQubit1>(c, high, indices)); break;
            default: ForEachGroup(first, count, new OneHighOneLow<FlipByTable>(c, high, indices)); break;
        }
    }

    /// <summary>Runs <paramref name="body"/> on <paramref name="groups"/> groups from base vector <paramref name="b"/>, run by run (see <see cref="GroupRuns{TVec, TOps}"/>).</summary>
    private void ForEachGroup<TBody>(long b, long groups, TBody body) where TBody : struct, IGroupBody
    {
        long stride = _runs.StrideBytes;
        foreach (var run in _runs.From(b, groups))
            for (byte* p = _state + run.Start, end = _state + run.End; p < end; p += stride) body.Apply(p);
    }

    private byte* Address(long vectorIndex) => _state + VectorGeometry<TVec, TOps>.ByteOffset(vectorIndex);

    /// <summary>c·v for lane-wise complex coefficients stored as the pair (re, ±im).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVec ComplexMultiply(TVec re, TVec im, TVec v, TVec swapped) => TOps.MultiplyAdd(im, swapped, TOps.Multiply(re, v));

    /// <summary>
    /// re + swap(im): kernels whose terms are lane permutations of one vector sum c_re⊙x and swap(c_im)⊙x over their
    /// terms x and swap once at the end (c_im⊙swap(x) = swap(swap(c_im)⊙x)), one shuffle per output instead of one per term.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVec Combine(TVec re, TVec swappedIm) => TOps.Add(re, TOps.SwapReIm(swappedIm));

    /// <summary>The arithmetic on one group of vectors, given the address of its first vector.</summary>
    private interface IGroupBody
    {
        void Apply(byte* group);
    }

    private readonly struct DiagonalOne(TVec* c) : IGroupBody
    {
        private readonly TVec _re = c[0], _im = c[1];

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Apply(byte* p)
        {
            TVec v = TOps.Load(p);
            TOps.Store(p, ComplexMultiply(_re, _im, v, TOps.SwapReIm(v)));
        }
    }

    private readonly struct DiagonalTwo(TVec* c, long high) : IGroupBody
    {
        private readonly TVec _re0 = c[0], _im0 = c[1], _re1 = c[2], _im1 = c[3];

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Apply(byte* p)
        {
            TVec v0 = TOps.Load(p), v1 = TOps.Load(p + high);
            TOps.Store(p, ComplexMultiply(_re0, _im0, v0, TOps.SwapReIm(v0)));
            TOps.Store(p + high, ComplexMultiply(_re1, _im1, v1, TOps.SwapReIm(v1)));
        }
    }

    private readonly struct DiagonalAny(TVec* c, long* offsets, int vectors) : IGroupBody
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Apply(byte* p)
        {
            for (int o = 0; o < vectors; o++)
            {
                TVec v = TOps.Load(p + offsets[o]);
                TOps.Store(p + offsets[o], ComplexMultiply(c[2 * o], c[2 * o + 1], v, TOps.SwapReIm(v)));
            }
        }
    }

    /// <summary>One target inside the vector (a 1-qubit gate on a low qubit): each lane meets its partner lane.</summary>
    private readonly struct OneLow<TFlip>(TVec* c, TVec indices) : IGroupBody where TFlip : ILaneFlipPattern
    {
        private readonly TVec _r0 = c[0], _j0 = TOps.SwapReIm(c[1]), _r1 = c[2], _j1 = TOps.SwapReIm(c[3]);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Apply(byte* p)
        {
            TVec v = TOps.Load(p), partner = TOps.FlipLanes(v, TFlip.Flips, indices);
            TOps.Store(p, Combine(TOps.MultiplyAdd(_r1, partner, TOps.Multiply(_r0, v)), TOps.MultiplyAdd(_j1, partner, TOps.Multiply(_j0, v))));
        }
    }

    /// <summary>
    /// Two targets inside the vector (a 2-qubit gate on AVX2 complex64's qubits 0-1, or a low control beside a low
    /// target): the three partner patterns are two flips and their composition, immediate shuffles where the width has them.
    /// </summary>
    private readonly struct TwoLow<TFlipA, TFlipB>(TVec* c, TVec indicesA, TVec indicesB) : IGroupBody
        where TFlipA : ILaneFlipPattern where TFlipB : ILaneFlipPattern
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
            TVec re = TOps.MultiplyAdd(_r3, ab, TOps.MultiplyAdd(_r2, b, TOps.MultiplyAdd(_r1, a, TOps.Multiply(_r0, v))));
            TVec im = TOps.MultiplyAdd(_j3, ab, TOps.MultiplyAdd(_j2, b, TOps.MultiplyAdd(_j1, a, TOps.Multiply(_j0, v))));
            TOps.Store(p, Combine(re, im));
        }
    }

    /// <summary>Every target inside the vector, any number of patterns (3+ low targets: AVX-512 complex64): flips from the tables.</summary>
    private readonly struct LowOnly(TVec* c, TVec* flipIndices, int[] flips, int patterns) : IGroupBody
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Apply(byte* p)
        {
            TVec v = TOps.Load(p), swapped = TOps.SwapReIm(v);
            TVec acc = ComplexMultiply(c[0], c[1], v, swapped);
            // Swapping re/im commutes with moving whole complex lanes, so both forms flip the same way.
            for (int q = 1; q < patterns; q++)
                acc = TOps.MultiplyAdd(c[2 * q + 1], TOps.FlipLanes(swapped, flips[q], flipIndices[q]),
                    TOps.MultiplyAdd(c[2 * q], TOps.FlipLanes(v, flips[q], flipIndices[q]), acc));
            TOps.Store(p, acc);
        }
    }

    /// <summary>One target above the vector (the common 1-qubit gate): a 2x2 complex product of vector pairs.</summary>
    private readonly struct OneHigh(TVec* c, long high) : IGroupBody
    {
        private readonly TVec _r00 = c[0], _i00 = c[1], _r10 = c[2], _i10 = c[3], _r01 = c[4], _i01 = c[5], _r11 = c[6], _i11 = c[7];

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Apply(byte* p)
        {
            TVec v0 = TOps.Load(p), v1 = TOps.Load(p + high);
            TVec s0 = TOps.SwapReIm(v0), s1 = TOps.SwapReIm(v1);
            TOps.Store(p, TOps.MultiplyAdd(_i01, s1, TOps.MultiplyAdd(_r01, v1, ComplexMultiply(_r00, _i00, v0, s0))));
            TOps.Store(p + high, TOps.MultiplyAdd(_i11, s1, TOps.MultiplyAdd(_r11, v1, ComplexMultiply(_r10, _i10, v0, s0))));
        }
    }

    /// <summary>A 2-qubit gate with one target above the vector and one inside: 2 vectors, each with its partner-lane form.</summary>
    private readonly struct OneHighOneLow<TFlip>(TVec* c, long high, TVec indices) : IGroupBody where TFlip : ILaneFlipPattern
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
            TVec re0 = TOps.MultiplyAdd(_r0x1, x1, TOps.MultiplyAdd(_r0v1, v1, TOps.MultiplyAdd(_r0x0, x0, TOps.Multiply(_r0v0, v0))));
            TVec im0 = TOps.MultiplyAdd(_j0x1, x1, TOps.MultiplyAdd(_j0v1, v1, TOps.MultiplyAdd(_j0x0, x0, TOps.Multiply(_j0v0, v0))));
            TVec re1 = TOps.MultiplyAdd(_r1x1, x1, TOps.MultiplyAdd(_r1v1, v1, TOps.MultiplyAdd(_r1x0, x0, TOps.Multiply(_r1v0, v0))));
            TVec im1 = TOps.MultiplyAdd(_j1x1, x1, TOps.MultiplyAdd(_j1v1, v1, TOps.MultiplyAdd(_j1x0, x0, TOps.Multiply(_j1v0, v0))));
            TOps.Store(p, Combine(re0, im0));
            TOps.Store(p + high, Combine(re1, im1));
        }
    }

    /// <summary>A 2-qubit gate with both targets above the vector: a 4x4 complex product of vector quadruples.</summary>
    private readonly struct TwoHigh(TVec* c, long* offsets) : IGroupBody
    {
        private readonly long _o1 = offsets[1], _o2 = offsets[2], _o3 = offsets[3];

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Apply(byte* p)
        {
            TVec v0 = TOps.Load(p), v1 = TOps.Load(p + _o1), v2 = TOps.Load(p + _o2), v3 = TOps.Load(p + _o3);
            TVec s0 = TOps.SwapReIm(v0), s1 = TOps.SwapReIm(v1), s2 = TOps.SwapReIm(v2), s3 = TOps.SwapReIm(v3);
            TOps.Store(p, Row(0, v0, s0, v1, s1, v2, s2, v3, s3));
            TOps.Store(p + _o1, Row(1, v0, s0, v1, s1, v2, s2, v3, s3));
            TOps.Store(p + _o2, Row(2, v0, s0, v1, s1, v2, s2, v3, s3));
            TOps.Store(p + _o3, Row(3, v0, s0, v1, s1, v2, s2, v3, s3));
        }

        // Coefficient pair (input i, output o) sits at 2·(4i + o).
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private TVec Row(int o, TVec v0, TVec s0, TVec v1, TVec s1, TVec v2, TVec s2, TVec v3, TVec s3)
        {
            TVec acc = ComplexMultiply(c[2 * o], c[2 * o + 1], v0, s0);
            acc = TOps.MultiplyAdd(c[2 * (4 + o) + 1], s1, TOps.MultiplyAdd(c[2 * (4 + o)], v1, acc));
            acc = TOps.MultiplyAdd(c[2 * (8 + o) + 1], s2, TOps.MultiplyAdd(c[2 * (8 + o)], v2, acc));
            return TOps.MultiplyAdd(c[2 * (12 + o) + 1], s3, TOps.MultiplyAdd(c[2 * (12 + o)], v3, acc));
        }
    }

    private void WriteDenseCoefficients(ReadOnlySpan<int> extended, ExtendedMatrix element)
    {
        TVec* c = _coefficients;
        for (int i = 0; i < _groupVectors; i++)
            for (int p = 0; p < _patterns; p++)
            {
                int flips = VectorGeometry<TVec, TOps>.LaneFlips(extended, p);
                for (int o = 0; o < _groupVectors; o++, c += 2)
                    for (int lane = 0; lane < TOps.ComplexCount; lane++)
                        VectorGeometry<TVec, TOps>.WriteCoefficient(c, lane, element[VectorGeometry<TVec, TOps>.ExtendedIndex(extended, o, lane), VectorGeometry<TVec, TOps>.ExtendedIndex(extended, i, lane ^ flips)]);
            }
    }

    private void WriteDiagonalCoefficients(ReadOnlySpan<int> extended, ExtendedMatrix element)
    {
        for (int o = 0; o < _groupVectors; o++)
            for (int lane = 0; lane < TOps.ComplexCount; lane++)
                VectorGeometry<TVec, TOps>.WriteCoefficient(_coefficients + 2 * o, lane, element.Diagonal(VectorGeometry<TVec, TOps>.ExtendedIndex(extended, o, lane)));
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
        NativeMemory.Free(_offsets);
        _offsets = null;
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
