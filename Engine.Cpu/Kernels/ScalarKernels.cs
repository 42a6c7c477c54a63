using System.Numerics;
using QSim.Cpu.Parallel;

namespace QSim.Cpu.Kernels;

/// <summary>
/// The scalar reference kernels: plain loops, double-precision arithmetic, any number of targets and
/// controls. They serve states too small for a SIMD vector, and every fast path is tested against them.
/// </summary>
internal sealed unsafe class ScalarGateKernel<T> : IGateKernel where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T* _state;
    private IndexSkeleton _skeleton;
    private readonly long[] _offsets = new long[1 << StateVectorLimits.MaxTargets];
    private Complex[] _matrix = new Complex[1 << (2 * StateVectorLimits.MaxTargets)];
    private int _dimension;
    private bool _diagonal;

    public ScalarGateKernel(T* state)
    {
        _state = state;
        _skeleton = new IndexSkeleton(64);
    }

    /// <summary>Prepares a dense (or diagonal) matrix on targets where all controls are 1; returns the group count.</summary>
    public long Prepare(int qubits, ReadOnlySpan<int> targets, ReadOnlySpan<Complex> matrix, ReadOnlySpan<int> controls, bool diagonal)
    {
        _skeleton.Clear();
        foreach (int t in targets) _skeleton.Fix(t, one: false);
        foreach (int c in controls) _skeleton.Fix(c, one: true);
        _dimension = 1 << targets.Length;
        IndexSkeleton.TargetOffsets(targets, _offsets);
        matrix.CopyTo(_matrix);
        _diagonal = diagonal;
        return 1L << (qubits - _skeleton.FixedCount);
    }

    public void Execute(long begin, long end)
    {
        int dim = _dimension;
        Span<Complex> gathered = stackalloc Complex[dim];
        for (long counter = begin; counter < end; counter++)
        {
            long baseIndex = _skeleton.BaseIndex(counter);
            for (int r = 0; r < dim; r++) gathered[r] = Read(baseIndex + _offsets[r]);
            for (int r = 0; r < dim; r++)
            {
                Complex sum;
                if (_diagonal) sum = _matrix[r] * gathered[r];
                else
                {
                    sum = Complex.Zero;
                    for (int c = 0; c < dim; c++) sum += _matrix[r * dim + c] * gathered[c];
                }
                Write(baseIndex + _offsets[r], sum);
            }
        }
    }

    private Complex Read(long index)
    {
        long j = 2 * StateLayout.Offset(index);
        return new(double.CreateTruncating(_state[j]), double.CreateTruncating(_state[j + 1]));
    }

    private void Write(long index, Complex value)
    {
        long j = 2 * StateLayout.Offset(index);
        _state[j] = T.CreateTruncating(value.Real);
        _state[j + 1] = T.CreateTruncating(value.Imaginary);
    }
}
