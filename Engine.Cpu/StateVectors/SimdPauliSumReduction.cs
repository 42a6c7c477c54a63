using System.Numerics;
using System.Runtime.CompilerServices;
using QSim.Cpu.Parallel;
using QSim.Cpu.Simd;

namespace QSim.Cpu;

/// <summary>A SIMD Pauli-group pass on one state, behind a face that does not name the vector type.</summary>
internal unsafe interface ISimdPauliSum
{
    /// <summary>⟨ψ|Σ_t c_t·P_t|ψ⟩ over a group sharing <paramref name="xMask"/>.</summary>
    double Expectation(ulong xMask, ReadOnlySpan<ulong> zMasks, ReadOnlySpan<double> coefficients);

    /// <summary>this += Σ_t c_t·P_t·source; <paramref name="source"/> is another buffer of the same size.</summary>
    void Add(void* source, ulong xMask, ReadOnlySpan<ulong> zMasks, ReadOnlySpan<double> coefficients);
}

/// <summary>
/// The SIMD form of <see cref="PauliSumReduction{T}"/>. Amplitude i pairs with i ⊕ x: the high bits of x pair
/// vector v with vector v ⊕ (x &gt;&gt; LowQubits), its low bits flip lanes. A term's sign (−1)^{|i ∧ z_t|} splits into
/// a lane part, folded once per call into a lane vector of signed weights, and a vector part (one popcount of v's
/// bits per term); the group's factor F(i) is summed lane-wise per vector from those, then one complex multiply
/// per vector. Terms whose z lies inside the lanes are one constant vector, so a single-X group is a plain stream.
/// <para>
/// Expectation sums Re(conj(ψ_{i⊕x})·F(i)·ψ_i) lane-wise in the state's precision inside a block of
/// 2^<see cref="StateVectorLimits.ReductionBlockBits"/> amplitudes, one double partial per block, added in block
/// order: the result does not depend on the thread count. Add writes each destination vector once, so blocks
/// run on any threads.
/// </para>
/// </summary>
internal sealed unsafe class SimdPauliSumReduction<TVec, TOps> : ISimdPauliSum, IRangeJob
    where TVec : unmanaged where TOps : IComplexVectorOps<TVec>
{
    private readonly byte* _data;
    private readonly int _blockBits;
    private readonly long _blocks;
    private readonly WorkerPool _pool;
    private readonly bool _parallel;
    private readonly double[] _partials;

    // Terms whose z reaches above the lanes, real ones first: z over vector indices, and the lane vector of signed
    // weights at [2t] with its negation at [2t + 1], so (−1)^{|v ∧ z|} picks an entry instead of branching.
    private ulong[] _vectorZ = new ulong[4];
    private TVec[] _signedWeights = new TVec[8];
    private int _realTerms;
    private int _terms;
    // The terms inside the lanes, summed: F's part that is the same for every vector.
    private TVec _constantRe;
    private TVec _constantIm;
    private long _partnerVector;
    private int _flips;
    private TVec _flipIndices;
    private byte* _source;
    private bool _expectation;

    public SimdPauliSumReduction(void* data, int qubits, WorkerPool pool, bool parallel)
    {
        _data = (byte*)data;
        int blockQubits = Math.Min(qubits, StateVectorLimits.ReductionBlockBits);
        _blockBits = blockQubits - Low;
        _blocks = 1L << (qubits - blockQubits);
        _pool = pool;
        _parallel = parallel;
        _partials = new double[_blocks];
    }

    private static int Low => VectorGeometry<TVec, TOps>.LowQubits;

    public double Expectation(ulong xMask, ReadOnlySpan<ulong> zMasks, ReadOnlySpan<double> coefficients)
    {
        Load(xMask, zMasks, coefficients);
        _expectation = true;
        _pool.Run(this, _blocks, _parallel);
        return BlockPartials.Sum(_partials, _blocks);
    }

    public void Add(void* source, ulong xMask, ReadOnlySpan<ulong> zMasks, ReadOnlySpan<double> coefficients)
    {
        Load(xMask, zMasks, coefficients);
        _source = (byte*)source;
        _expectation = false;
        _pool.Run(this, _blocks, _parallel);
    }

    private void Load(ulong xMask, ReadOnlySpan<ulong> zMasks, ReadOnlySpan<double> coefficients)
    {
        PauliGroupTerms.CheckCounts(zMasks, coefficients);
        if (zMasks.Length > _vectorZ.Length)
        {
            int size = Math.Max(zMasks.Length, 2 * _vectorZ.Length);
            (_vectorZ, _signedWeights) = (new ulong[size], new TVec[2 * size]);
        }
        int lanes = TOps.ComplexCount;
        ulong laneMask = (ulong)lanes - 1;
        _partnerVector = (long)(xMask >> Low);
        _flips = (int)(xMask & laneMask);
        _flipIndices = VectorGeometry<TVec, TOps>.FlipIndices(_flips);

        Span<double> constantRe = stackalloc double[lanes], constantIm = stackalloc double[lanes];
        constantRe.Clear();
        constantIm.Clear();
        _terms = 0;
        for (int pass = 0; pass < 2; pass++)
        {
            bool imaginaryPass = pass == 1;
            if (imaginaryPass) _realTerms = _terms;
            for (int t = 0; t < zMasks.Length; t++)
            {
                var (weight, imaginary) = PauliGroupTerms.Fold(xMask, zMasks[t], coefficients[t]);
                if (imaginary != imaginaryPass) continue;
                ulong vectorZ = zMasks[t] >> Low;
                if (vectorZ == 0)
                {
                    var constant = imaginary ? constantIm : constantRe;
                    for (int lane = 0; lane < lanes; lane++) constant[lane] += LaneWeight(weight, zMasks[t], lane);
                    continue;
                }
                _vectorZ[_terms] = vectorZ;
                for (int lane = 0; lane < lanes; lane++)
                {
                    double w = LaneWeight(weight, zMasks[t], lane);
                    WriteLane(ref _signedWeights[2 * _terms], lane, w, imaginary);
                    WriteLane(ref _signedWeights[2 * _terms + 1], lane, -w, imaginary);
                }
                _terms++;
            }
        }
        for (int lane = 0; lane < lanes; lane++)
        {
            WriteLane(ref _constantRe, lane, constantRe[lane], imaginary: false);
            WriteLane(ref _constantIm, lane, constantIm[lane], imaginary: true);
        }
    }

    /// <summary>The weight times the sign from the lane's own bits of z.</summary>
    private static double LaneWeight(double weight, ulong zMask, int lane) =>
        (BitOperations.PopCount((ulong)lane & zMask) & 1) == 0 ? weight : -weight;

    /// <summary>
    /// Writes a real factor at both components of a lane; an imaginary one as (−w, w), so that it multiplies
    /// the swapped amplitude (im, re) into i·w·(re, im).
    /// </summary>
    private static void WriteLane(ref TVec vector, int lane, double w, bool imaginary)
    {
        fixed (TVec* v = &vector)
        {
            TOps.WriteScalar(v, 2 * lane, imaginary ? -w : w);
            TOps.WriteScalar(v, 2 * lane + 1, w);
        }
    }

    public void Execute(long beginBlock, long endBlock)
    {
        switch (_flips)
        {
            case 0: Execute<NoLaneFlip>(beginBlock, endBlock); break;
            case FlipQubit0.Mask: Execute<FlipQubit0>(beginBlock, endBlock); break;
            case FlipQubit1.Mask: Execute<FlipQubit1>(beginBlock, endBlock); break;
            default: Execute<FlipByTable>(beginBlock, endBlock); break;
        }
    }

    /// <summary>The blocks with the lane flip a type (one immediate shuffle or none, no branch per vector) and the group's factor in locals.</summary>
    private void Execute<TFlip>(long beginBlock, long endBlock) where TFlip : ILaneFlipPattern
    {
        fixed (ulong* vectorZ = _vectorZ)
        fixed (TVec* signedWeights = _signedWeights)
        {
            var factor = new Factor(_constantRe, _constantIm, _realTerms, _terms, vectorZ, signedWeights);
            for (long block = beginBlock; block < endBlock; block++)
            {
                long first = block << _blockBits, end = first + (1L << _blockBits);
                if (_expectation) _partials[block] = ExpectationBlock<TFlip>(first, end, factor);
                else AddBlock<TFlip>(first, end, factor);
            }
        }
    }

    private double ExpectationBlock<TFlip>(long first, long end, in Factor factor) where TFlip : ILaneFlipPattern
    {
        byte* data = _data;
        long partnerVector = _partnerVector;
        TVec flipIndices = _flipIndices, acc0 = default, acc1 = default;
        // Re(conj(p)·q) = p.re·q.re + p.im·q.im: the lanes of p ⊙ q, summed below. Two accumulators: one FMA chain
        // per vector would wait on its latency.
        long v = first;
        for (; v + 1 < end; v += 2)
        {
            acc0 = TOps.MultiplyAdd(Partner<TFlip>(data, v ^ partnerVector, flipIndices), factor.Weighted(data, v), acc0);
            acc1 = TOps.MultiplyAdd(Partner<TFlip>(data, (v + 1) ^ partnerVector, flipIndices), factor.Weighted(data, v + 1), acc1);
        }
        if (v < end) acc0 = TOps.MultiplyAdd(Partner<TFlip>(data, v ^ partnerVector, flipIndices), factor.Weighted(data, v), acc0);
        TVec acc = TOps.Add(acc0, acc1);
        double sum = 0;
        for (int k = 0; k < 2 * TOps.ComplexCount; k++) sum += TOps.ReadScalar(&acc, k);
        return sum;
    }

    private void AddBlock<TFlip>(long first, long end, in Factor factor) where TFlip : ILaneFlipPattern
    {
        byte* source = _source, data = _data;
        long partnerVector = _partnerVector;
        TVec flipIndices = _flipIndices;
        for (long v = first; v < end; v++)
        {
            // Amplitude i of the source lands at i ⊕ x of the destination: each destination vector is written once.
            TVec weighted = LaneFlip<TVec, TOps>.Apply<TFlip>(factor.Weighted(source, v), flipIndices);
            byte* at = data + VectorGeometry<TVec, TOps>.ByteOffset(v ^ partnerVector);
            TOps.Store(at, TOps.Add(TOps.Load(at), weighted));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVec Partner<TFlip>(byte* state, long vector, TVec indices) where TFlip : ILaneFlipPattern =>
        LaneFlip<TVec, TOps>.Apply<TFlip>(TOps.Load(state + VectorGeometry<TVec, TOps>.ByteOffset(vector)), indices);

    /// <summary>The group's factor F of one call, in locals of the loops (fields would be reloaded every vector).</summary>
    private readonly struct Factor(TVec constantRe, TVec constantIm, int realTerms, int terms, ulong* vectorZ, TVec* signedWeights)
    {
        /// <summary>F·ψ on the lanes of vector <paramref name="v"/> of <paramref name="state"/>.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public TVec Weighted(byte* state, long v)
        {
            TVec re = constantRe, im = constantIm;
            int t = 0;
            for (; t < realTerms; t++) re = TOps.Add(re, signedWeights[2 * t + (BitOperations.PopCount((ulong)v & vectorZ[t]) & 1)]);
            for (; t < terms; t++) im = TOps.Add(im, signedWeights[2 * t + (BitOperations.PopCount((ulong)v & vectorZ[t]) & 1)]);
            TVec amplitudes = TOps.Load(state + VectorGeometry<TVec, TOps>.ByteOffset(v));
            return TOps.MultiplyAdd(im, TOps.SwapReIm(amplitudes), TOps.Multiply(re, amplitudes));
        }
    }
}
