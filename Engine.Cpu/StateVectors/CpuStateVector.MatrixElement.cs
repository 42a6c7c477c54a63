using System.Numerics;
using QSim.Backends;

namespace QSim.Cpu;

// The matrix elements of the backend contract: one read-only pass over two states per term, or one blocked pass for many.
public sealed unsafe partial class CpuStateVector<T>
{
    private ISimdMatrixElement? _simdMatrixElements;
    private MatrixElementReduction<T>? _matrixElements;
    private BlockedMatrixElements? _blockedMatrixElements;

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
    public void MatrixElements(IStateVector bra, ReadOnlySpan<MatrixApplication> terms, int blockQubits, Span<Complex> results)
    {
        if (results.Length != terms.Length) throw new ArgumentException($"Expected {terms.Length} results; the span holds {results.Length}.", nameof(results));
        var from = SameShape(bra);
        foreach (var term in terms) CheckMatrix(term.Targets.AsSpan(), term.Matrix, term.Controls.AsSpan(), diagonal: false);
        // Blocks of a layout segment at most, of more than one vector, smaller than the state; 3-qubit terms at most (the pass's shapes).
        int low = _simd?.LowQubits ?? int.MaxValue;
        bool blocked = _simd is not null && blockQubits < QubitCount && blockQubits > low && blockQubits <= StateLayout.SegmentBits;
        int count = 0;
        Span<int> blockedTerms = terms.Length <= 256 ? stackalloc int[terms.Length] : new int[terms.Length];
        for (int t = 0; t < terms.Length; t++)
        {
            var term = terms[t];
            if (blocked && term.HighestQubit < blockQubits && term.Targets.Length + term.Controls.Length <= 3) blockedTerms[count++] = t;
            else results[t] = MatrixElement(bra, term.Targets.AsSpan(), term.Matrix, term.Controls.AsSpan());
        }
        if (count == 0) return;
        _blockedMatrixElements ??= new BlockedMatrixElements(_data, QubitCount, 2 * sizeof(T), _pool, Parallel, qubits => _simd!.NewMatrixElement(qubits, _pool, parallel: false));
        _blockedMatrixElements.Compute(from._data, terms, blockedTerms[..count], blockQubits, results);
    }
}
