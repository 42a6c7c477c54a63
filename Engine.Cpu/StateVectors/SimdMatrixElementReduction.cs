using System.Numerics;
using System.Runtime.CompilerServices;
using QSim.Cpu.Kernels;
using QSim.Cpu.Parallel;
using QSim.Cpu.Simd;

namespace QSim.Cpu;

/// <summary>A SIMD ⟨bra|C(M)|ket⟩ pass on one state, behind a face that does not name the vector type.</summary>
internal unsafe interface ISimdMatrixElement
{
    /// <summary>
    /// ⟨bra|C(M)|this state⟩, or false (and nothing computed) when the gate's shape needs more accumulators than
    /// the pass keeps: the caller then uses the scalar <see cref="MatrixElementReduction{T}"/>.
    /// </summary>
    bool TryCompute(void* bra, ReadOnlySpan<int> targets, ReadOnlySpan<Complex> matrix, ReadOnlySpan<int> controls, out Complex value)
    {
        bool prepared = TryPrepare(targets, matrix, controls);
        value = prepared ? ComputePrepared(bra) : Complex.Zero;
        return prepared;
    }

    /// <summary>Prepares C(M) for <see cref="ComputePrepared"/>; false as <see cref="TryCompute"/>.</summary>
    bool TryPrepare(ReadOnlySpan<int> targets, ReadOnlySpan<Complex> matrix, ReadOnlySpan<int> controls);

    /// <summary>⟨bra|C(M)|this state⟩ for the C(M) last prepared: a block of a larger state reads many terms without preparing each again.</summary>
    Complex ComputePrepared(void* bra);

    /// <summary>Points the pass at another ket of the same number of qubits (a block of a larger state, see <see cref="BlockedMatrixElements"/>).</summary>
    void Rebind(void* ket);
}

/// <summary>
/// ⟨bra|C(M)|ket⟩ in one read-only SIMD pass over two states. With every control folded in as an extra target
/// (C(M) is then one dense matrix on the <i>extended</i> targets, see <see cref="VectorGeometry{TVec, TOps}"/>),
/// ⟨bra|C(M)|ket⟩ = Σ_rc M_rc·S_rc, where S_rc = Σ_groups conj(bra_{g,r})·ket_{g,c} is the overlap of the two states
/// on the extended targets. S does not depend on M, so the pass only accumulates: each <i>term</i> pairs bra vector r
/// of a group with ket vector c, its lanes flipped by a pattern of low targets, into two vector accumulators
/// (conj(a)·b per lane is a⊙b summed over the (re, im) pair plus i·(a⊙swap(b)) differenced: 2 FMAs and an in-lane
/// shuffle). M is contracted with the accumulators, in double, once per block. Terms whose matrix elements vanish in
/// every lane are skipped: a diagonal M accumulates only S_rr, a controlled one only the identity's diagonal outside
/// its block.
/// <para>
/// The 1-qubit shapes have loops with their accumulators in registers, anti-diagonal ones included: the adjoint
/// gradient reads U†·∂U, for a rotation its Pauli generator times −i/2, with half the terms of a dense matrix.
/// </para>
/// <para>
/// Groups are summed in fixed blocks of about 2^<see cref="StateVectorLimits.ReductionBlockBits"/> amplitudes, lanes
/// in the state's precision inside a block and one double partial per block, added in block order: the result does
/// not depend on the thread count.
/// </para>
/// </summary>
internal sealed unsafe class SimdMatrixElementReduction<TVec, TOps> : ISimdMatrixElement, IRangeJob
    where TVec : unmanaged where TOps : IComplexVectorOps<TVec>
{
    /// <summary>Most extended targets (targets and controls): a group of up to 64 vectors.</summary>
    private const int MaxExtendedTargets = 6;

    /// <summary>Most terms with a non-zero element: their accumulators (16-32 KiB) stay in L1.</summary>
    private const int MaxTerms = 256;

    private enum Shape { General, OneTerm, LanePair, VectorPair, VectorPairOnePerRow }

    /// <summary>Bra vector r and ket vector c of a group, the ket's lanes flipped by <c>Flips</c>.</summary>
    private readonly record struct Term(int Bra, int Ket, int Flips);

    private byte* _ket;
    private readonly int _qubits;
    private readonly WorkerPool _pool;
    private readonly bool _parallel;
    private readonly double[] _partials;
    private readonly int[] _extended = new int[MaxExtendedTargets];
    private readonly long[] _vectorOffsets = new long[1 << MaxExtendedTargets];
    private readonly Term[] _terms = new Term[MaxTerms];
    private readonly TVec[] _flipIndices = new TVec[MaxTerms];
    // M's element for each lane of each term: what that lane's overlap is contracted with.
    private readonly Complex[] _weights = new Complex[MaxTerms * TOps.ComplexCount];
    private IndexSkeleton _skeleton = new(64);
    private GroupRuns<TVec, TOps> _runs;
    private byte* _bra;
    private int _termCount;
    private int _groupVectors;
    private int _blockBits;
    private Shape _shape;

    public SimdMatrixElementReduction(void* ket, int qubits, WorkerPool pool, bool parallel)
    {
        _ket = (byte*)ket;
        _qubits = qubits;
        _pool = pool;
        _parallel = parallel;
        // A block holds about 2^ReductionBlockBits amplitudes whatever the shape, so a state has at most this many.
        _partials = new double[2 * (1L << Math.Max(0, qubits - StateVectorLimits.ReductionBlockBits))];
    }

    private static int Low => VectorGeometry<TVec, TOps>.LowQubits;

    public Complex ComputePrepared(void* bra) => _termCount > 0 ? Run(bra) : Complex.Zero;

    public void Rebind(void* ket) => _ket = (byte*)ket;

    private Complex Run(void* bra)
    {
        _bra = (byte*)bra;
        int highTargets = BitOperations.Log2((uint)_groupVectors);
        int counterBits = _qubits - Low - highTargets;
        _blockBits = Math.Min(counterBits, StateVectorLimits.ReductionBlockBits - Low - highTargets);
        long blocks = 1L << (counterBits - _blockBits);
        _pool.Run(this, blocks, _parallel);
        return BlockPartials.SumPairs(_partials, blocks);
    }

    /// <summary>Folds the controls in, lists the terms with a non-zero element and picks a loop; false when the shape is too large.</summary>
    public bool TryPrepare(ReadOnlySpan<int> targets, ReadOnlySpan<Complex> matrix, ReadOnlySpan<int> controls)
    {
        int count = controls.Length + targets.Length;
        if (count > MaxExtendedTargets) return false;
        controls.CopyTo(_extended);
        targets.CopyTo(_extended.AsSpan(controls.Length));
        var extended = _extended.AsSpan(0, count);

        _skeleton.Clear();
        int high = 0;
        foreach (int q in extended)
            if (q >= Low) { _skeleton.Fix(q - Low, one: false); high++; }
        _runs = new GroupRuns<TVec, TOps>(_skeleton);
        _groupVectors = 1 << high;
        int patterns = 1 << (count - high);
        for (int o = 0; o < _groupVectors; o++)
            _vectorOffsets[o] = VectorGeometry<TVec, TOps>.ByteOffset(VectorGeometry<TVec, TOps>.VectorOffset(extended, o));

        int lanes = TOps.ComplexCount;
        int dimension = 1 << targets.Length, controlOnes = (1 << controls.Length) - 1;
        Span<Complex> weights = stackalloc Complex[lanes];
        _termCount = 0;
        for (int r = 0; r < _groupVectors; r++)
            for (int c = 0; c < _groupVectors; c++)
                for (int p = 0; p < patterns; p++)
                {
                    int flips = VectorGeometry<TVec, TOps>.LaneFlips(extended, p);
                    bool any = false;
                    for (int lane = 0; lane < lanes; lane++)
                    {
                        int row = VectorGeometry<TVec, TOps>.ExtendedIndex(extended, r, lane);
                        int column = VectorGeometry<TVec, TOps>.ExtendedIndex(extended, c, lane ^ flips);
                        // C(M) on the extended index: M where every control bit (the low bits) is 1, the identity elsewhere.
                        weights[lane] = (row & controlOnes) == controlOnes && (column & controlOnes) == controlOnes
                            ? matrix[(row >> controls.Length) * dimension + (column >> controls.Length)]
                            : row == column ? Complex.One : Complex.Zero;
                        any |= weights[lane] != Complex.Zero;
                    }
                    if (!any) continue;
                    if (_termCount == MaxTerms) return false;
                    weights.CopyTo(_weights.AsSpan(_termCount * lanes));
                    _flipIndices[_termCount] = VectorGeometry<TVec, TOps>.FlipIndices(flips);
                    _terms[_termCount++] = new Term(r, c, flips);
                }
        _shape = ChooseShape(patterns);
        return true;
    }

    /// <summary>The common shapes of a one-qubit gate get a loop with its accumulators in registers.</summary>
    private Shape ChooseShape(int patterns)
    {
        var t = _terms;
        return (_groupVectors, _termCount) switch
        {
            (1, 1) => Shape.OneTerm,                                          // a diagonal (Z-like) or anti-diagonal (X-, Y-like) on low qubits
            (1, 2) when t[0].Flips == 0 => Shape.LanePair,                    // a dense 1-qubit matrix on a low qubit
            (2, 4) when patterns == 1 => Shape.VectorPair,                    // a dense 1-qubit matrix on a high qubit
            // A diagonal (Z-like) or anti-diagonal (X- or Y-like) 1-qubit matrix on a high qubit: one term per bra vector.
            (2, 2) when patterns == 1 && t[0].Bra == 0 && t[1].Bra == 1 && t[0].Flips == 0 && t[1].Flips == 0 => Shape.VectorPairOnePerRow,
            _ => Shape.General,
        };
    }

    public void Execute(long beginBlock, long endBlock)
    {
        int accumulators = 2 * _termCount;
        TVec* acc = stackalloc TVec[accumulators];
        for (long block = beginBlock; block < endBlock; block++)
        {
            new Span<TVec>(acc, accumulators).Clear();
            long first = _skeleton.BaseIndex(block << _blockBits), groups = 1L << _blockBits;
            switch (_shape)
            {
                case Shape.OneTerm: OneTerm(first, groups, acc); break;
                case Shape.LanePair: LanePair(first, groups, acc); break;
                case Shape.VectorPair: VectorPair(first, groups, acc); break;
                case Shape.VectorPairOnePerRow: VectorPairOnePerRow(first, groups, acc); break;
                default: General(first, groups, acc); break;
            }
            Complex sum = Contract(acc);
            _partials[2 * block] = sum.Real;
            _partials[2 * block + 1] = sum.Imaginary;
        }
    }

    /// <summary>Σ over terms and lanes of M's element times the lane's overlap conj(bra)·ket, in double.</summary>
    private Complex Contract(TVec* acc)
    {
        int lanes = TOps.ComplexCount;
        Complex sum = Complex.Zero;
        for (int t = 0; t < _termCount; t++)
            for (int lane = 0; lane < lanes; lane++)
                sum += _weights[t * lanes + lane] * VectorGeometry<TVec, TOps>.LaneOverlap(acc + 2 * t, acc + 2 * t + 1, lane);
        return sum;
    }

    // The loops walk a block's groups run by run (GroupRuns); a low target's lane flip is a type (ILaneFlipPattern). They
    // take two groups per iteration into two sets of accumulators: with one set, every FMA waits on the previous one's
    // latency (4 cycles), and a read ran slower than a gate pass, which does twice its arithmetic.

    /// <summary>Adds conj(x)·y per lane to the pair (re, im): x⊙y summed and x⊙swap(y) differenced in <see cref="Contract"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Overlap(TVec x, TVec y, ref TVec re, ref TVec im)
    {
        re = TOps.MultiplyAdd(x, y, re);
        im = TOps.MultiplyAdd(x, TOps.SwapReIm(y), im);
    }

    private void OneTerm(long b, long groups, TVec* acc)
    {
        switch (_terms[0].Flips)
        {
            case 0: OneTerm<NoLaneFlip>(b, groups, acc); break;
            case FlipQubit0.Mask: OneTerm<FlipQubit0>(b, groups, acc); break;
            case FlipQubit1.Mask: OneTerm<FlipQubit1>(b, groups, acc); break;
            default: OneTerm<FlipByTable>(b, groups, acc); break;
        }
    }

    /// <summary>Each bra vector meets the ket's same vector, its lanes flipped by the term's pattern (none for a diagonal).</summary>
    private void OneTerm<TFlip>(long b, long groups, TVec* acc) where TFlip : ILaneFlipPattern
    {
        byte* bra = _bra, ket = _ket;
        long stride = _runs.StrideBytes;
        TVec indices = _flipIndices[0];
        TVec re0 = default, im0 = default, re1 = default, im1 = default;
        foreach (var run in _runs.From(b, groups))
        {
            long at = run.Start;
            for (; at + stride < run.End; at += 2 * stride)
            {
                Overlap(TOps.Load(bra + at), LaneFlip<TVec, TOps>.Apply<TFlip>(TOps.Load(ket + at), indices), ref re0, ref im0);
                Overlap(TOps.Load(bra + at + stride), LaneFlip<TVec, TOps>.Apply<TFlip>(TOps.Load(ket + at + stride), indices), ref re1, ref im1);
            }
            if (at < run.End) Overlap(TOps.Load(bra + at), LaneFlip<TVec, TOps>.Apply<TFlip>(TOps.Load(ket + at), indices), ref re0, ref im0);
        }
        (acc[0], acc[1]) = (TOps.Add(re0, re1), TOps.Add(im0, im1));
    }

    private void LanePair(long b, long groups, TVec* acc)
    {
        switch (_terms[1].Flips)
        {
            case FlipQubit0.Mask: LanePair<FlipQubit0>(b, groups, acc); break;
            case FlipQubit1.Mask: LanePair<FlipQubit1>(b, groups, acc); break;
            default: LanePair<FlipByTable>(b, groups, acc); break;
        }
    }

    private void LanePair<TFlip>(long b, long groups, TVec* acc) where TFlip : ILaneFlipPattern
    {
        byte* bra = _bra, ket = _ket;
        long stride = _runs.StrideBytes;
        TVec indices = _flipIndices[1];
        TVec re0 = default, im0 = default, re1 = default, im1 = default;
        TVec re2 = default, im2 = default, re3 = default, im3 = default;
        foreach (var run in _runs.From(b, groups))
        {
            long at = run.Start;
            for (; at + stride < run.End; at += 2 * stride)
            {
                TVec x = TOps.Load(bra + at), y = TOps.Load(ket + at);
                Overlap(x, y, ref re0, ref im0);
                Overlap(x, TOps.FlipLanes(y, TFlip.Flips, indices), ref re1, ref im1);
                x = TOps.Load(bra + at + stride);
                y = TOps.Load(ket + at + stride);
                Overlap(x, y, ref re2, ref im2);
                Overlap(x, TOps.FlipLanes(y, TFlip.Flips, indices), ref re3, ref im3);
            }
            if (at < run.End)
            {
                TVec x = TOps.Load(bra + at), y = TOps.Load(ket + at);
                Overlap(x, y, ref re0, ref im0);
                Overlap(x, TOps.FlipLanes(y, TFlip.Flips, indices), ref re1, ref im1);
            }
        }
        (acc[0], acc[1], acc[2], acc[3]) = (TOps.Add(re0, re2), TOps.Add(im0, im2), TOps.Add(re1, re3), TOps.Add(im1, im3));
    }

    private void VectorPair(long b, long groups, TVec* acc)
    {
        long high = _vectorOffsets[1], stride = _runs.StrideBytes;
        byte* bra = _bra, ket = _ket;
        TVec re00 = default, im00 = default, re01 = default, im01 = default;
        TVec re10 = default, im10 = default, re11 = default, im11 = default;
        foreach (var run in _runs.From(b, groups))
            for (long at = run.Start; at < run.End; at += stride)
            {
                // Eight accumulators already hide the FMA latency. The bra's vectors are loaded where they are used:
                // they leave few registers, and a spilled accumulator turns its FMA chain into a store-load round trip.
                TVec y0 = TOps.Load(ket + at), y1 = TOps.Load(ket + at + high);
                TVec s0 = TOps.SwapReIm(y0), s1 = TOps.SwapReIm(y1);
                TVec x0 = TOps.Load(bra + at);
                re00 = TOps.MultiplyAdd(x0, y0, re00);
                im00 = TOps.MultiplyAdd(x0, s0, im00);
                re01 = TOps.MultiplyAdd(x0, y1, re01);
                im01 = TOps.MultiplyAdd(x0, s1, im01);
                TVec x1 = TOps.Load(bra + at + high);
                re10 = TOps.MultiplyAdd(x1, y0, re10);
                im10 = TOps.MultiplyAdd(x1, s0, im10);
                re11 = TOps.MultiplyAdd(x1, y1, re11);
                im11 = TOps.MultiplyAdd(x1, s1, im11);
            }
        (acc[0], acc[1], acc[2], acc[3]) = (re00, im00, re01, im01);
        (acc[4], acc[5], acc[6], acc[7]) = (re10, im10, re11, im11);
    }

    /// <summary>Bra vector r of a group meets ket vector c_r: the ket's diagonal (c = r) or crossed (c = 1 − r) partner.</summary>
    private void VectorPairOnePerRow(long b, long groups, TVec* acc)
    {
        long high = _vectorOffsets[1], stride = _runs.StrideBytes;
        long ket0 = _vectorOffsets[_terms[0].Ket], ket1 = _vectorOffsets[_terms[1].Ket];
        byte* bra = _bra, ket = _ket;
        TVec re0 = default, im0 = default, re1 = default, im1 = default;
        TVec re2 = default, im2 = default, re3 = default, im3 = default;
        foreach (var run in _runs.From(b, groups))
        {
            long at = run.Start;
            for (; at + stride < run.End; at += 2 * stride)
            {
                Overlap(TOps.Load(bra + at), TOps.Load(ket + at + ket0), ref re0, ref im0);
                Overlap(TOps.Load(bra + at + high), TOps.Load(ket + at + ket1), ref re1, ref im1);
                long next = at + stride;
                Overlap(TOps.Load(bra + next), TOps.Load(ket + next + ket0), ref re2, ref im2);
                Overlap(TOps.Load(bra + next + high), TOps.Load(ket + next + ket1), ref re3, ref im3);
            }
            if (at < run.End)
            {
                Overlap(TOps.Load(bra + at), TOps.Load(ket + at + ket0), ref re0, ref im0);
                Overlap(TOps.Load(bra + at + high), TOps.Load(ket + at + ket1), ref re1, ref im1);
            }
        }
        (acc[0], acc[1], acc[2], acc[3]) = (TOps.Add(re0, re2), TOps.Add(im0, im2), TOps.Add(re1, re3), TOps.Add(im1, im3));
    }

    /// <summary>Any shape: the group's vectors of both states, then every term, accumulators in memory.</summary>
    private void General(long b, long groups, TVec* acc)
    {
        long stride = _runs.StrideBytes;
        byte* bra = _bra, ket = _ket;
        int g = _groupVectors, terms = _termCount;
        TVec* x = stackalloc TVec[g];
        TVec* y = stackalloc TVec[g];
        long* offsets = stackalloc long[g];
        for (int i = 0; i < g; i++) offsets[i] = _vectorOffsets[i];
        fixed (Term* term = _terms)
        fixed (TVec* indices = _flipIndices)
        {
            foreach (var run in _runs.From(b, groups))
                for (long at = run.Start; at < run.End; at += stride)
                {
                    for (int i = 0; i < g; i++)
                    {
                        x[i] = TOps.Load(bra + at + offsets[i]);
                        y[i] = TOps.Load(ket + at + offsets[i]);
                    }
                    for (int t = 0; t < terms; t++)
                    {
                        int flips = term[t].Flips;
                        TVec partner = flips == 0 ? y[term[t].Ket] : TOps.FlipLanes(y[term[t].Ket], flips, indices[t]);
                        TVec a = x[term[t].Bra];
                        acc[2 * t] = TOps.MultiplyAdd(a, partner, acc[2 * t]);
                        acc[2 * t + 1] = TOps.MultiplyAdd(a, TOps.SwapReIm(partner), acc[2 * t + 1]);
                    }
                }
        }
    }
}
