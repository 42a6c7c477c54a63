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
/// <para>
/// The prepared table is then read for structure (<see cref="FindTermForms"/>): terms whose coefficients are real,
/// purely imaginary or zero in every lane skip the products they do not need (<see cref="ITermHalves"/>), so a real
/// matrix, RX or a permutation costs half the FMAs of a complex one. The choice is exact and asks nothing of the caller.
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
    // What the coefficients of the prepared gate's diagonal terms (a vector's own lanes onto themselves) and other terms need.
    private TermHalves _diagonalTerms, _offDiagonalTerms;
    // True when every diagonal (or every other) term's coefficient is 1 in every lane (see OneTerm).
    private bool _diagonalOne, _offDiagonalOne;
    // Of a diagonal, the vector positions whose coefficients are all 1: a pass leaves them as they are.
    private long _onePositions;
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
        FindTermForms();
        _onePositions = 0;
        if (diagonal)
            for (int o = 0; o < _groupVectors; o++)
                if (IsOne(_coefficients + 2 * o)) _onePositions |= 1L << o;
        bool real = (AllTerms & TermHalves.Imaginary) == 0;
        if (RunsDenseLoop && _groupVectors == 2) WriteFlipAfterCoefficients(extended, element, real);
        else if (RunsDenseLoop && real) CompactRealCoefficients();
        return 1L << (qubits - low - _skeleton.FixedCount);
    }

    public void Execute(long begin, long end)
    {
        long first = _skeleton.BaseIndex(begin), count = end - begin;
        if (!_diagonal && _groupVectors * _patterns == 2) ExecuteOneTarget(first, count);
        else if ((AllTerms & TermHalves.Imaginary) == 0) Execute<RealTerm>(first, count);
        else Execute<ComplexTerm>(first, count);
    }

    /// <summary>What the prepared gate's diagonal terms (a vector's own lanes onto themselves) and other terms need.</summary>
    internal (TermHalves Diagonal, TermHalves OffDiagonal) TermForms => (_diagonalTerms, _offDiagonalTerms);

    /// <summary>True when the prepared gate runs the dense loop (<see cref="DenseAny{THalves}"/>): no fixed body takes its shape.</summary>
    private bool RunsDenseLoop => !_diagonal && _groupVectors >= 2 && _groupVectors * _patterns > 4;

    /// <summary>What the terms of the prepared gate need, all of them.</summary>
    private TermHalves AllTerms => _diagonalTerms | _offDiagonalTerms;

    /// <summary>Every shape but a dense 1-target one, with one term form for all terms (a real matrix or not).</summary>
    private void Execute<THalves>(long first, long count) where THalves : ITermHalves
    {
        TVec* c = _coefficients;
        switch (_diagonal, _groupVectors, _patterns)
        {
            case (true, 1, _): ForEachGroup(first, count, new DiagonalOne<THalves>(c)); break;
            case (true, 2, _) when _onePositions == 0: ForEachGroup(first, count, new DiagonalTwo<THalves>(c, _offsets[1])); break;
            case (true, _, _): DiagonalByPosition<THalves>(first, count); break;
            case (false, 1, 4): TwoLowTargets<THalves>(first, count); break;
            case (false, 1, _): ForEachGroup(first, count, new LowOnly<THalves>(c, _table, _laneFlips, _patterns)); break;
            case (false, 2, 2): OneHighOneLowTarget<THalves>(first, count); break;
            case (false, 4, 1): ForEachGroupPair(first, count, new TwoHigh<THalves>(c, _offsets)); break;
            default: DenseAny<THalves>(first, count); break;
        }
    }

    /// <summary>
    /// A 1-target gate (low controls folded in make a gate of more targets): the diagonal and off-diagonal terms by form,
    /// so RY and H (real), RX (real diagonal, imaginary off-diagonal) and X or Y (no diagonal) take one FMA per term.
    /// </summary>
    private void ExecuteOneTarget(long first, long count)
    {
        TermHalves diagonal = _diagonalTerms, off = _offDiagonalTerms;
        bool realOff = (off & TermHalves.Imaginary) == 0;
        if (_groupVectors == 2 && (_diagonalOne || _offDiagonalOne)) OneHighWithOnes(first, count);
        else if (diagonal == TermHalves.Zero)
        {
            if (realOff) OneTarget<ZeroTerm, RealTerm>(first, count);
            else if (off == TermHalves.Imaginary) OneTarget<ZeroTerm, ImaginaryTerm>(first, count);
            else OneTarget<ZeroTerm, ComplexTerm>(first, count);
        }
        else if (diagonal == TermHalves.Real && realOff) OneTarget<RealTerm, RealTerm>(first, count);
        else if (diagonal == TermHalves.Real && off == TermHalves.Imaginary) OneTarget<RealTerm, ImaginaryTerm>(first, count);
        else OneTarget<ComplexTerm, ComplexTerm>(first, count);
    }

    /// <summary>
    /// A 1-target gate above the vector whose diagonal or off-diagonal coefficients are all 1 (a gate with a scalar factored
    /// out, see <see cref="SweepScalars"/>): each output is one FMA with the other term as addend.
    /// </summary>
    private void OneHighWithOnes(long first, long count)
    {
        TVec* c = _coefficients;
        long high = _offsets[1];
        TermHalves other = _diagonalOne ? _offDiagonalTerms : _diagonalTerms;
        switch (_diagonalOne, other)
        {
            case (true, TermHalves.Real): ForEachGroup(first, count, new OneHigh<OneTerm, RealTerm>(c, high)); break;
            case (true, TermHalves.Imaginary): ForEachGroup(first, count, new OneHigh<OneTerm, ImaginaryTerm>(c, high)); break;
            case (true, _): ForEachGroup(first, count, new OneHigh<OneTerm, ComplexTerm>(c, high)); break;
            case (false, TermHalves.Real): ForEachGroup(first, count, new OneHigh<RealTerm, OneTerm>(c, high)); break;
            case (false, TermHalves.Imaginary): ForEachGroup(first, count, new OneHigh<ImaginaryTerm, OneTerm>(c, high)); break;
            default: ForEachGroup(first, count, new OneHigh<ComplexTerm, OneTerm>(c, high)); break;
        }
    }

    // The shapes that flip lanes get their flip pattern as a type (see ILaneFlipPattern): one immediate shuffle per flip.
    private void OneTarget<TDiagonal, TOff>(long first, long count) where TDiagonal : ITermHalves where TOff : ITermHalves
    {
        TVec* c = _coefficients;
        if (_groupVectors == 2)
        {
            ForEachGroup(first, count, new OneHigh<TDiagonal, TOff>(c, _offsets[1]));
            return;
        }
        TVec indices = _table[1];
        switch (_laneFlips[1])
        {
            case FlipQubit0.Mask: ForEachGroup(first, count, new OneLow<FlipQubit0, TDiagonal, TOff>(c, indices)); break;
            case FlipQubit1.Mask: ForEachGroup(first, count, new OneLow<FlipQubit1, TDiagonal, TOff>(c, indices)); break;
            default: ForEachGroup(first, count, new OneLow<FlipByTable, TDiagonal, TOff>(c, indices)); break;
        }
    }

    private void TwoLowTargets<THalves>(long first, long count) where THalves : ITermHalves
    {
        TVec* c = _coefficients;
        TVec a = _table[1], b = _table[2];
        switch (_laneFlips[1], _laneFlips[2])
        {
            case (FlipQubit0.Mask, FlipQubit1.Mask): ForEachGroup(first, count, new TwoLow<FlipQubit0, FlipQubit1, THalves>(c, a, b)); break;
            case (FlipQubit1.Mask, FlipQubit0.Mask): ForEachGroup(first, count, new TwoLow<FlipQubit1, FlipQubit0, THalves>(c, a, b)); break;
            default: ForEachGroup(first, count, new TwoLow<FlipByTable, FlipByTable, THalves>(c, a, b)); break;
        }
    }

    private void OneHighOneLowTarget<THalves>(long first, long count) where THalves : ITermHalves
    {
        TVec* c = _coefficients;
        long high = _offsets[1];
        TVec indices = _table[1];
        switch (_laneFlips[1])
        {
            case FlipQubit0.Mask: ForEachGroup(first, count, new OneHighOneLow<FlipQubit0, THalves>(c, high, indices)); break;
            case FlipQubit1.Mask: ForEachGroup(first, count, new OneHighOneLow<FlipQubit1, THalves>(c, high, indices)); break;
            default: ForEachGroup(first, count, new OneHighOneLow<FlipByTable, THalves>(c, high, indices)); break;
        }
    }

    /// <summary>Runs <paramref name="body"/> on <paramref name="groups"/> groups from base vector <paramref name="b"/>, run by run (see <see cref="GroupRuns{TVec, TOps}"/>).</summary>
    private void ForEachGroup<TBody>(long b, long groups, TBody body) where TBody : struct, IGroupBody
    {
        long stride = _runs.StrideBytes;
        foreach (var run in _runs.From(b, groups))
            for (byte* p = _state + run.Start, end = _state + run.End; p < end; p += stride) body.Apply(p);
    }

    /// <summary>
    /// A diagonal of 4 or more vectors per group (2+ targets above the vector): each vector position of the groups in
    /// turn over a chunk of 64 groups of a run, with its coefficients in registers. Group by group, the loop over
    /// positions loaded them again for every vector (a 2-target diagonal ran at 30% of the FMA peak, half the speed of
    /// a 1-target one). A chunk's cache lines stay in L1 from one position to the next, so the state is still read once.
    /// Positions whose coefficients are all 1 (a diagonal with its first entry factored out, see <see cref="SweepScalars"/>)
    /// are not touched.
    /// </summary>
    private void DiagonalByPosition<THalves>(long first, long count) where THalves : ITermHalves
    {
        const int chunkGroups = 64;
        long stride = _runs.StrideBytes;
        foreach (var run in _runs.From(first, count))
            for (long start = run.Start; start < run.End; start += chunkGroups * stride)
            {
                long stop = Math.Min(run.End, start + chunkGroups * stride);
                for (int o = 0; o < _groupVectors; o++)
                {
                    if ((_onePositions >> o & 1) != 0) continue;
                    var body = new DiagonalOne<THalves>(_coefficients + 2 * o);
                    for (byte* p = _state + start + _offsets[o], end = _state + stop + _offsets[o]; p < end; p += stride) body.Apply(p);
                }
            }
    }

    /// <summary>As <see cref="ForEachGroup{TBody}"/>, two groups of a run at a time (a run of odd length ends with one alone).</summary>
    private void ForEachGroupPair<TBody>(long b, long groups, TBody body) where TBody : struct, IGroupPairBody
    {
        long stride = _runs.StrideBytes;
        foreach (var run in _runs.From(b, groups))
        {
            byte* p = _state + run.Start, end = _state + run.End;
            for (; p + stride < end; p += 2 * stride) body.Apply(p, p + stride);
            if (p < end) body.Apply(p);
        }
    }

    private byte* Address(long vectorIndex) => _state + VectorGeometry<TVec, TOps>.ByteOffset(vectorIndex);

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

    /// <summary>
    /// Reads the prepared table for the halves its terms need. Exact: a half left out is zero in every lane of the
    /// precision the kernel computes in, so the products it skips would have added zeros.
    /// </summary>
    private void FindTermForms()
    {
        _diagonalTerms = _offDiagonalTerms = TermHalves.Zero;
        _diagonalOne = _offDiagonalOne = true;
        TVec* c = _coefficients;
        for (int i = 0; i < _groupVectors; i++)
            for (int p = 0; p < (_diagonal ? 1 : _patterns); p++)
                for (int o = 0; o < (_diagonal ? 1 : _groupVectors); o++, c += 2)
                {
                    if (_diagonal || (p == 0 && i == o))
                    {
                        _diagonalTerms |= HalvesOf(c);
                        _diagonalOne &= IsOne(c);
                    }
                    else
                    {
                        _offDiagonalTerms |= HalvesOf(c);
                        _offDiagonalOne &= IsOne(c);
                    }
                }
    }

    /// <summary>True when the coefficient pair is exactly 1 in every lane.</summary>
    private static bool IsOne(TVec* pair)
    {
        for (int lane = 0; lane < 2 * TOps.ComplexCount; lane++)
            if (TOps.ReadScalar(pair, lane) != 1 || TOps.ReadScalar(pair + 1, lane) != 0) return false;
        return true;
    }

    /// <summary>
    /// Keeps only the real halves of a real matrix's table, in the same order (one vector per term and output): the
    /// dense loop then reads half the bytes, and a 5-target table of 64 KiB, more than an L1 cache, shrinks to 32 KiB.
    /// </summary>
    private void CompactRealCoefficients()
    {
        long pairs = (long)_groupVectors * _groupVectors * _patterns;
        for (long k = 0; k < pairs; k++) _coefficients[k] = _coefficients[2 * k];
    }

    private static TermHalves HalvesOf(TVec* pair)
    {
        var halves = TermHalves.Zero;
        for (int lane = 0; lane < 2 * TOps.ComplexCount; lane++)
        {
            // NaN compares unequal to zero, so a NaN coefficient keeps its product.
            if (TOps.ReadScalar(pair, lane) != 0) halves |= TermHalves.Real;
            if (TOps.ReadScalar(pair + 1, lane) != 0) halves |= TermHalves.Imaginary;
        }
        return halves;
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
