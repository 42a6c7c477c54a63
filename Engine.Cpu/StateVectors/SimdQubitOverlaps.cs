using System.Numerics;
using System.Runtime.CompilerServices;
using QSim.Cpu.Parallel;
using QSim.Cpu.Simd;

namespace QSim.Cpu;

/// <summary>The SIMD overlaps of <see cref="SimdQubitOverlaps{TVec, TOps}"/> on one state, behind a face that does not name the vector type.</summary>
internal unsafe interface ISimdQubitOverlaps
{
    /// <summary>⟨bra|this state⟩, and ⟨bra|Π_q|this state⟩ into <paramref name="ones"/>[q] for every qubit q.</summary>
    Complex Compute(void* bra, Span<Complex> ones);
}

/// <summary>
/// ⟨bra|ket⟩ and, for every qubit q at once, ⟨bra|Π_q|ket⟩ with Π_q the projector on bit q = 1, in one read-only
/// pass over two states. Every one-qubit diagonal term follows from them, diag(d0, d1) on q being
/// d0·⟨bra|ket⟩ + (d1 − d0)·⟨bra|Π_q|ket⟩: the adjoint gradient reads a layer of RZ generators in one pass instead of
/// one pass per qubit.
/// <para>
/// The products conj(bra_i)·ket_i are summed up a binary tree over the vectors of a block: the sum of the odd-indexed
/// chunk of 2^j vectors at each node is what vector bit j adds to its projector, so each product is added about twice,
/// whatever the number of qubits. The lanes of the block's total give the lane qubits, and block totals the qubits above
/// the block. Blocks are fixed (2^<see cref="StateVectorLimits.ReductionBlockBits"/> amplitudes) and summed in the state's
/// precision inside; rows of blocks (at most 2^10 rows, so a large state keeps a small table) are summed in double in
/// block order, and rows in row order: the results do not depend on the thread count.
/// </para>
/// </summary>
internal sealed unsafe class SimdQubitOverlaps<TVec, TOps> : ISimdQubitOverlaps, IRangeJob
    where TVec : unmanaged where TOps : IComplexVectorOps<TVec>
{
    /// <summary>log2 of the most rows of partials: a row sums 2^k blocks when the state has more than that many.</summary>
    private const int MaxRowBits = 10;

    private readonly byte* _ket;
    private readonly int _qubits;
    private readonly int _blockVectorBits;
    private readonly int _rowBlockBits;
    private readonly long _rows;
    private readonly WorkerPool _pool;
    private readonly bool _parallel;
    // Per row of blocks: the projector overlaps of the qubits inside the row, then the row's total.
    private readonly Complex[] _partials;
    private byte* _bra;

    /// <summary>The least qubits a state needs: the pass reads whole quads of vectors.</summary>
    public static int MinQubits => Low + 2;

    public SimdQubitOverlaps(void* ket, int qubits, WorkerPool pool, bool parallel)
    {
        if (qubits < MinQubits) throw new ArgumentOutOfRangeException(nameof(qubits), $"The overlaps pass needs at least {MinQubits} qubits.");
        _ket = (byte*)ket;
        _qubits = qubits;
        _pool = pool;
        _parallel = parallel;
        _blockVectorBits = Math.Min(qubits, StateVectorLimits.ReductionBlockBits) - Low;
        int blockBits = qubits - Low - _blockVectorBits;
        _rowBlockBits = Math.Max(0, blockBits - MaxRowBits);
        _rows = 1L << (blockBits - _rowBlockBits);
        _partials = new Complex[_rows * (RowQubits + 1)];
    }

    private static int Low => VectorGeometry<TVec, TOps>.LowQubits;

    /// <summary>Qubits inside one block, and inside one row of blocks.</summary>
    private int BlockQubits => Low + _blockVectorBits;
    private int RowQubits => BlockQubits + _rowBlockBits;

    public Complex Compute(void* bra, Span<Complex> ones)
    {
        if (ones.Length != _qubits) throw new ArgumentException($"Expected room for {_qubits} qubits; the span holds {ones.Length}.", nameof(ones));
        _bra = (byte*)bra;
        _pool.Run(this, _rows, _parallel);
        int inRow = RowQubits;
        ones.Clear();
        Complex total = Complex.Zero;
        for (long r = 0; r < _rows; r++)
        {
            var row = _partials.AsSpan((int)(r * (inRow + 1)), inRow + 1);
            for (int q = 0; q < inRow; q++) ones[q] += row[q];
            total += row[inRow];
            for (int q = inRow; q < _qubits; q++)
                if ((r >> (q - inRow) & 1) != 0) ones[q] += row[inRow];
        }
        return total;
    }

    public void Execute(long beginRow, long endRow)
    {
        int levels = _blockVectorBits;
        // Odd-chunk sums per vector bit (the projector's lane-wise products), and the even chunk waiting for its partner.
        TVec* oddRe = stackalloc TVec[levels + 1], oddIm = stackalloc TVec[levels + 1];
        TVec* evenRe = stackalloc TVec[levels + 1], evenIm = stackalloc TVec[levels + 1];
        long quads = 1L << (levels - 2), quadBytes = 4L * sizeof(TVec), v = sizeof(TVec);
        for (long block = beginRow << _rowBlockBits; block < endRow << _rowBlockBits; block++)
        {
            new Span<TVec>(oddRe, levels + 1).Clear();
            new Span<TVec>(oddIm, levels + 1).Clear();
            long offset = VectorGeometry<TVec, TOps>.ByteOffset(block << levels);
            byte* bra = _bra + offset, ket = _ket + offset;
            TVec odd0Re = default, odd0Im = default, odd1Re = default, odd1Im = default;
            for (long k = 0; k < quads; k++, bra += quadBytes, ket += quadBytes)
            {
                // conj(x)·y per lane: the (re, im) pair of x⊙y summed, and of x⊙swap(y) differenced, once per block.
                Product(bra, ket, out var re0, out var im0);
                Product(bra + v, ket + v, out var re1, out var im1);
                Product(bra + 2 * v, ket + 2 * v, out var re2, out var im2);
                Product(bra + 3 * v, ket + 3 * v, out var re3, out var im3);
                odd0Re = TOps.Add(odd0Re, TOps.Add(re1, re3));
                odd0Im = TOps.Add(odd0Im, TOps.Add(im1, im3));
                TVec pairRe = TOps.Add(re2, re3), pairIm = TOps.Add(im2, im3);
                odd1Re = TOps.Add(odd1Re, pairRe);
                odd1Im = TOps.Add(odd1Im, pairIm);
                TVec carryRe = TOps.Add(TOps.Add(re0, re1), pairRe), carryIm = TOps.Add(TOps.Add(im0, im1), pairIm);
                // Up the tree: quad k closes the chunks of 2^j vectors whose index bits below j are all ones.
                int j = 2;
                for (long bits = k; (bits & 1) != 0; bits >>= 1, j++)
                {
                    oddRe[j] = TOps.Add(oddRe[j], carryRe);
                    oddIm[j] = TOps.Add(oddIm[j], carryIm);
                    carryRe = TOps.Add(carryRe, evenRe[j]);
                    carryIm = TOps.Add(carryIm, evenIm[j]);
                }
                evenRe[j] = carryRe;
                evenIm[j] = carryIm;
            }
            (oddRe[0], oddIm[0], oddRe[1], oddIm[1]) = (odd0Re, odd0Im, odd1Re, odd1Im);
            AddBlock(block, oddRe, oddIm, evenRe[levels], evenIm[levels]);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Product(byte* bra, byte* ket, out TVec re, out TVec im)
    {
        TVec x = TOps.Load(bra), y = TOps.Load(ket);
        re = TOps.Multiply(x, y);
        im = TOps.Multiply(x, TOps.SwapReIm(y));
    }

    /// <summary>Adds a block to its row: lane qubits from its total's lanes, vector qubits from their odd-chunk sums, row qubits from its total.</summary>
    private void AddBlock(long block, TVec* oddRe, TVec* oddIm, TVec totalRe, TVec totalIm)
    {
        int inRow = RowQubits;
        long inRowBlock = block & ((1L << _rowBlockBits) - 1);
        var row = _partials.AsSpan((int)((block >> _rowBlockBits) * (inRow + 1)), inRow + 1);
        if (inRowBlock == 0) row.Clear();
        Complex total = Complex.Zero;
        for (int lane = 0; lane < TOps.ComplexCount; lane++)
        {
            Complex value = VectorGeometry<TVec, TOps>.LaneOverlap(&totalRe, &totalIm, lane);
            total += value;
            for (int q = 0; q < Low; q++)
                if ((lane >> q & 1) != 0) row[q] += value;
        }
        for (int j = 0; j < _blockVectorBits; j++)
            for (int lane = 0; lane < TOps.ComplexCount; lane++) row[Low + j] += VectorGeometry<TVec, TOps>.LaneOverlap(oddRe + j, oddIm + j, lane);
        for (int j = 0; j < _rowBlockBits; j++)
            if ((inRowBlock >> j & 1) != 0) row[BlockQubits + j] += total;
        row[inRow] += total;
    }
}
