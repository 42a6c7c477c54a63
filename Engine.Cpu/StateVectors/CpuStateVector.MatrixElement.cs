using System.Numerics;
using QSim.Backends;

namespace QSim.Cpu;

// The fused matrix element of the backend contract: one read-only pass over two states.
public sealed unsafe partial class CpuStateVector<T>
{
    private MatrixElementReduction<T>? _matrixElements;

    /// <inheritdoc/>
    public Complex MatrixElement(IStateVector bra, ReadOnlySpan<int> targets, ReadOnlySpan<Complex> matrix, ReadOnlySpan<int> controls)
    {
        CheckMatrix(targets, matrix, controls, diagonal: false);
        var from = SameShape(bra);
        _matrixElements ??= new MatrixElementReduction<T>(_data, QubitCount, _pool, Parallel);
        return _matrixElements.Compute(from._data, targets, matrix, controls);
    }
}
