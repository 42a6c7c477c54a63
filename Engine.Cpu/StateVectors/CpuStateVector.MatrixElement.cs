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
        QubitArguments.CheckTargetsAndControls(targets, controls, QubitCount, StateVectorLimits.MaxTargets);
        int dimension = 1 << targets.Length;
        if (matrix.Length != dimension * dimension)
            throw new ArgumentException($"A matrix on {targets.Length} qubit(s) needs {dimension * dimension} elements; got {matrix.Length}.", nameof(matrix));
        var from = SameShape(bra);
        _matrixElements ??= new MatrixElementReduction<T>(_data, QubitCount, _pool, Parallel);
        return _matrixElements.Compute(from._data, targets, matrix, controls);
    }
}
