using System.Numerics;
using QSim.Backends;

namespace QSim.Cpu;

// The matrix elements of the backend contract: one read-only pass over two states per term, one blocked pass for many,
// or one pass of every qubit's projector overlaps for all the one-qubit diagonal terms.
public sealed unsafe partial class CpuStateVector<T>
{
    private ISimdMatrixElement? _simdMatrixElements;
    private MatrixElementReduction<T>? _matrixElements;
    private BlockedMatrixElements? _blockedMatrixElements;
    private ISimdQubitOverlaps? _qubitOverlaps;
    private Complex[]? _projectorOverlaps;

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
        // One-qubit diagonal terms (a layer of RZ generators, say) all follow from one pass of every-qubit overlaps.
        var overlap = Complex.Zero;
        bool fromOverlaps = CountOneQubitDiagonals(terms) >= 2 && ComputeQubitOverlaps(from, out overlap);
        // Blocks of a layout segment at most, of more than one vector, smaller than the state; 3-qubit terms at most (the pass's shapes).
        int low = _simd?.LowQubits ?? int.MaxValue;
        bool blocked = _simd is not null && blockQubits < QubitCount && blockQubits > low && blockQubits <= StateLayout.SegmentBits;
        int count = 0;
        Span<int> blockedTerms = terms.Length <= 256 ? stackalloc int[terms.Length] : new int[terms.Length];
        for (int t = 0; t < terms.Length; t++)
        {
            var term = terms[t];
            if (fromOverlaps && IsOneQubitDiagonal(term, out var d0, out var d1))
                results[t] = d0 * overlap + (d1 - d0) * _projectorOverlaps![term.Targets[0]];
            else if (blocked && term.HighestQubit < blockQubits && term.Targets.Length + term.Controls.Length <= 3) blockedTerms[count++] = t;
            else results[t] = MatrixElement(bra, term.Targets.AsSpan(), term.Matrix, term.Controls.AsSpan());
        }
        if (count == 0) return;
        _blockedMatrixElements ??= new BlockedMatrixElements(_data, QubitCount, 2 * sizeof(T), _pool, Parallel, qubits => _simd!.NewMatrixElement(qubits, _pool, parallel: false));
        _blockedMatrixElements.Compute(from._data, terms, blockedTerms[..count], blockQubits, results);
    }

    /// <summary>⟨bra|this⟩ and ⟨bra|Π_q|this⟩ of every qubit into <see cref="_projectorOverlaps"/>; false without the SIMD pass (the scalar path, small states).</summary>
    private bool ComputeQubitOverlaps(CpuStateVector<T> bra, out Complex overlap)
    {
        overlap = Complex.Zero;
        if (_simd is null) return false;
        _qubitOverlaps ??= _simd.NewQubitOverlaps(QubitCount, _pool, Parallel);
        if (_qubitOverlaps is null) return false;
        _projectorOverlaps ??= new Complex[QubitCount];
        overlap = _qubitOverlaps.Compute(bra._data, _projectorOverlaps);
        return true;
    }

    private static int CountOneQubitDiagonals(ReadOnlySpan<MatrixApplication> terms)
    {
        int count = 0;
        foreach (var term in terms)
            if (IsOneQubitDiagonal(term, out _, out _)) count++;
        return count;
    }

    /// <summary>diag(d0, d1) of a one-qubit term without controls whose off-diagonal elements are zero: d0·⟨bra|this⟩ + (d1 − d0)·⟨bra|Π_q|this⟩.</summary>
    private static bool IsOneQubitDiagonal(in MatrixApplication term, out Complex d0, out Complex d1)
    {
        var m = term.Matrix;
        bool diagonal = term.Targets.Length == 1 && term.Controls.Length == 0 && m[1] == Complex.Zero && m[2] == Complex.Zero;
        (d0, d1) = diagonal ? (m[0], m[3]) : (Complex.Zero, Complex.Zero);
        return diagonal;
    }
}
