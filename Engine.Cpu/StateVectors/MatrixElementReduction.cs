using System.Numerics;
using QSim.Cpu.Kernels;
using QSim.Cpu.Parallel;

namespace QSim.Cpu;

/// <summary>
/// The scalar reference ⟨bra|C(M)|ket⟩ (states below one SIMD vector, the scalar path, and shapes too large for
/// <see cref="SimdMatrixElementReduction{TVec, TOps}"/>), in one read-only pass over two states, C(M) being a dense k-qubit matrix on the subspace where
/// every control is 1 and the identity elsewhere (what a gate pass applies). The state splits into groups of 2^k
/// amplitudes that differ only in the target bits (<see cref="IndexSkeleton"/> with the targets fixed); a group
/// whose control bits are all set adds Σ_r conj(bra_r)·Σ_c M_rc·ket_c, any other group Σ_r conj(bra_r)·ket_r.
/// Groups are summed in fixed blocks of 2^<see cref="StateVectorLimits.ReductionBlockBits"/>, one partial per
/// block added in block order, as in <see cref="StateReductions{T}"/>: the result does not depend on the thread count.
/// </summary>
internal sealed unsafe class MatrixElementReduction<T> : IRangeJob where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T* _ket;
    private readonly int _qubits;
    private readonly WorkerPool _pool;
    private readonly bool _parallel;
    private readonly double[] _partials;
    private readonly long[] _offsets = new long[1 << StateVectorLimits.MaxTargets];
    private readonly Complex[] _matrix = new Complex[1 << (2 * StateVectorLimits.MaxTargets)];
    private IndexSkeleton _skeleton = new(StateVectorLimits.MaxTargets);
    private T* _bra;
    private long _controlMask;
    private int _dimension;
    private int _blockBits;

    public MatrixElementReduction(T* ket, int qubits, WorkerPool pool, bool parallel)
    {
        _ket = ket;
        _qubits = qubits;
        _pool = pool;
        _parallel = parallel;
        // The most blocks a call can have: no targets, one amplitude per group.
        _partials = new double[2 * ((1L << qubits) >> Math.Min(qubits, StateVectorLimits.ReductionBlockBits))];
    }

    /// <summary>⟨bra|C(M)|ket⟩; qubits and the matrix size are checked by the caller.</summary>
    public Complex Compute(T* bra, ReadOnlySpan<int> targets, ReadOnlySpan<Complex> matrix, ReadOnlySpan<int> controls)
    {
        _bra = bra;
        _skeleton.Clear();
        foreach (int t in targets) _skeleton.Fix(t, one: false);
        _controlMask = 0;
        foreach (int c in controls) _controlMask |= 1L << c;
        _dimension = 1 << targets.Length;
        IndexSkeleton.TargetOffsets(targets, _offsets);
        matrix.CopyTo(_matrix);
        int groupBits = _qubits - targets.Length;
        _blockBits = Math.Min(groupBits, StateVectorLimits.ReductionBlockBits);
        long blocks = 1L << (groupBits - _blockBits);
        _pool.Run(this, blocks, _parallel);
        return BlockPartials.SumPairs(_partials, blocks);
    }

    public void Execute(long beginBlock, long endBlock)
    {
        int dim = _dimension;
        Span<Complex> ket = stackalloc Complex[dim];
        for (long b = beginBlock; b < endBlock; b++)
        {
            Complex sum = Complex.Zero;
            long first = b << _blockBits, last = first + (1L << _blockBits);
            for (long counter = first; counter < last; counter++)
            {
                long baseIndex = _skeleton.BaseIndex(counter);
                bool controlsSet = (baseIndex & _controlMask) == _controlMask;
                for (int c = 0; c < dim; c++) ket[c] = Read(_ket, baseIndex + _offsets[c]);
                for (int r = 0; r < dim; r++)
                {
                    Complex row;
                    if (controlsSet)
                    {
                        row = Complex.Zero;
                        for (int c = 0; c < dim; c++) row += _matrix[r * dim + c] * ket[c];
                    }
                    else row = ket[r];
                    sum += Complex.Conjugate(Read(_bra, baseIndex + _offsets[r])) * row;
                }
            }
            _partials[2 * b] = sum.Real;
            _partials[2 * b + 1] = sum.Imaginary;
        }
    }

    private static Complex Read(T* data, long index)
    {
        long at = 2 * StateLayout.Offset(index);
        return new Complex(double.CreateTruncating(data[at]), double.CreateTruncating(data[at + 1]));
    }
}
