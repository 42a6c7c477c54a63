using System.Numerics;
using QSim.Cpu.Parallel;

namespace QSim.Cpu;

/// <summary>
/// One pass over a state for a group of Pauli strings that share a flip mask x: every term pairs
/// amplitude i with i ⊕ x, so the group's factor F(i) = Σ_t c_t·i^{|x ∧ z_t|}·(−1)^{|i ∧ z_t|} is
/// computed per amplitude and the state is read once for the whole group (a transverse-field Ising
/// chain's n−1 ZZ terms cost one pass, not n−1). Blocks and partial sums follow
/// <see cref="StateReductions{T}"/>, so results do not depend on the thread count.
/// </summary>
internal sealed unsafe class PauliSumReduction<T> : IRangeJob where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T* _data;
    private readonly int _blockBits;
    private readonly long _blocks;
    private readonly WorkerPool _pool;
    private readonly bool _parallel;
    private readonly double[] _partials;

    // Terms folded once per call: z mask, coefficient with the sign of i^{#Y}, and whether i^{#Y} is imaginary.
    private ulong[] _zMasks = new ulong[4];
    private double[] _weights = new double[4];
    private bool[] _imaginary = new bool[4];
    private int _terms;
    private ulong _xMask;
    private T* _source;

    public PauliSumReduction(T* data, int qubits, WorkerPool pool, bool parallel)
    {
        _data = data;
        _blockBits = Math.Min(qubits, StateVectorLimits.ReductionBlockBits);
        _blocks = (1L << qubits) >> _blockBits;
        _pool = pool;
        _parallel = parallel;
        _partials = new double[_blocks];
    }

    /// <summary>⟨ψ|Σ_t c_t·P_t|ψ⟩ over the group.</summary>
    public double Expectation(ulong xMask, ReadOnlySpan<ulong> zMasks, ReadOnlySpan<double> coefficients)
    {
        Load(xMask, zMasks, coefficients);
        _source = null;
        _pool.Run(this, _blocks, _parallel);
        return BlockPartials.Sum(_partials, _blocks);
    }

    /// <summary>this += Σ_t c_t·P_t·source; <paramref name="source"/> must be another buffer of the same size.</summary>
    public void Add(T* source, ulong xMask, ReadOnlySpan<ulong> zMasks, ReadOnlySpan<double> coefficients)
    {
        Load(xMask, zMasks, coefficients);
        _source = source;
        _pool.Run(this, _blocks, _parallel);
    }

    private void Load(ulong xMask, ReadOnlySpan<ulong> zMasks, ReadOnlySpan<double> coefficients)
    {
        PauliGroupTerms.CheckCounts(zMasks, coefficients);
        if (zMasks.Length > _zMasks.Length)
        {
            int size = Math.Max(zMasks.Length, 2 * _zMasks.Length);
            (_zMasks, _weights, _imaginary) = (new ulong[size], new double[size], new bool[size]);
        }
        _xMask = xMask;
        _terms = zMasks.Length;
        for (int t = 0; t < _terms; t++)
        {
            _zMasks[t] = zMasks[t];
            (_weights[t], _imaginary[t]) = PauliGroupTerms.Fold(xMask, zMasks[t], coefficients[t]);
        }
    }

    public void Execute(long beginBlock, long endBlock)
    {
        long x = (long)_xMask;
        for (long b = beginBlock; b < endBlock; b++)
        {
            long begin = b << _blockBits, end = begin + (1L << _blockBits);
            double sum = 0;
            for (long i = begin; i < end; i++)
            {
                (double fr, double fi) = Factor(i);
                long own = StateLayout.Offset(i), partner = StateLayout.Offset(i ^ x);
                if (_source == null)
                {
                    // Re(conj(ψ[i ⊕ x])·F·ψ[i]).
                    double ar = Re(_data, partner), ai = Im(_data, partner), br = Re(_data, own), bi = Im(_data, own);
                    sum += (ar * br + ai * bi) * fr - (ar * bi - ai * br) * fi;
                }
                else
                {
                    double sr = Re(_source, own), si = Im(_source, own);
                    _data[2 * partner] += T.CreateTruncating(fr * sr - fi * si);
                    _data[2 * partner + 1] += T.CreateTruncating(fr * si + fi * sr);
                }
            }
            _partials[b] = sum;
        }
    }

    private (double Re, double Im) Factor(long index)
    {
        double re = 0, im = 0;
        for (int t = 0; t < _terms; t++)
        {
            double w = (BitOperations.PopCount((ulong)index & _zMasks[t]) & 1) == 0 ? _weights[t] : -_weights[t];
            if (_imaginary[t]) im += w; else re += w;
        }
        return (re, im);
    }

    private static double Re(T* data, long i) => double.CreateTruncating(data[2 * i]);
    private static double Im(T* data, long i) => double.CreateTruncating(data[2 * i + 1]);
}
