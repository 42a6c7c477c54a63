using System.Numerics;
using QSim.Backends;

namespace QSim.Cpu;

// The fused matrix element of the backend contract: one read-only pass over two states, or one pass that applies a gate first.
public sealed unsafe partial class CpuStateVector<T>
{
    private ISimdMatrixElement? _simdMatrixElements;
    private MatrixElementReduction<T>? _matrixElements;

    /// <inheritdoc/>
    public Complex MatrixElement(IStateVector bra, ReadOnlySpan<int> targets, ReadOnlySpan<Complex> matrix, ReadOnlySpan<int> controls)
    {
        CheckMatrix(targets, matrix, controls, diagonal: false);
        var from = SameShape(bra);
        if (_simd is not null)
        {
            _simdMatrixElements ??= _simd.NewMatrixElement(QubitCount, _pool, Parallel);
            if (_simdMatrixElements.TryCompute(from._data, targets, matrix, controls, out var value)) return value;
        }
        // The scalar reference: states below one vector, the scalar path, and shapes too large for the SIMD pass.
        _matrixElements ??= new MatrixElementReduction<T>(_data, QubitCount, _pool, Parallel);
        return _matrixElements.Compute(from._data, targets, matrix, controls);
    }

    /// <inheritdoc/>
    public Complex MatrixElementThenApplyMatrix(ReadOnlySpan<int> targets, ReadOnlySpan<Complex> element, ReadOnlySpan<int> controls,
        IStateVector bra, ReadOnlySpan<Complex> apply)
    {
        CheckMatrix(targets, element, controls, diagonal: false);
        CheckMatrix(targets, apply, controls, diagonal: false);
        var from = SameShape(bra);
        // One pass for a 1-qubit matrix (the adjoint sweep's rotations); a bra that is this state must not see the apply mid-pass.
        if (_simd is not null && targets.Length == 1 && controls.IsEmpty && !ReferenceEquals(from, this))
        {
            _simdMatrixElements ??= _simd.NewMatrixElement(QubitCount, _pool, Parallel);
            if (_simdMatrixElements.TryComputeThenApply(from._data, targets[0], element, apply, out var value)) return value;
        }
        Complex result = MatrixElement(bra, targets, element, controls);
        Apply(targets, apply, controls, diagonal: false);
        return result;
    }
}
