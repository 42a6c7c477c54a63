using System.Numerics;
using QSim.Backends;
using QSim.Cpu.Parallel;

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
    private IRangeJob[] _flushSweeps = [];
    private CallGuard.Call[] _braCalls = [];

    /// <inheritdoc/>
    public Complex MatrixElement(IStateVector bra, ReadOnlySpan<int> targets, ReadOnlySpan<Complex> matrix, ReadOnlySpan<int> controls)
    {
        using var call = _guard.Enter();
        CheckMatrix(targets, matrix, controls, diagonal: false);
        using var braCall = Use(bra, out var from);
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
        using var call = _guard.Enter();
        if (results.Length != terms.Length) throw new ArgumentException($"Expected {terms.Length} results; the span holds {results.Length}.", nameof(results));
        using var braCall = Use(bra, out _);
        foreach (var term in terms) CheckMatrix(term.Targets.AsSpan(), term.Matrix, term.Controls.AsSpan(), diagonal: false);
        ReadTermsAfter(new ReadOnlySpan<IStateVector>(ref bra), terms, blockQubits, [], results);
    }

    /// <inheritdoc/>
    public void ApplySweepThenMatrixElements(ReadOnlySpan<IStateVector> bras, ReadOnlySpan<MatrixApplication> run, ReadOnlySpan<MatrixApplication> terms,
        int blockQubits, Span<Complex> results)
    {
        using var call = _guard.Enter();
        KernelArguments.CheckSweepReads(this, bras, terms.Length, results.Length);
        foreach (var bra in bras) SameShape(bra);
        if (_braCalls.Length < bras.Length) _braCalls = new CallGuard.Call[bras.Length];
        int entered = 0;
        try
        {
            for (; entered < bras.Length; entered++) _braCalls[entered] = ((CpuStateVector<T>)bras[entered])._guard.Enter();
            SweepThenRead(bras, run, terms, blockQubits, results);
        }
        finally
        {
            for (int b = 0; b < entered; b++) _braCalls[b].Dispose();
        }
    }

    /// <summary><see cref="ApplySweepThenMatrixElements"/> on checked bras whose calls are entered.</summary>
    private void SweepThenRead(ReadOnlySpan<IStateVector> bras, ReadOnlySpan<MatrixApplication> run, ReadOnlySpan<MatrixApplication> terms,
        int blockQubits, Span<Complex> results)
    {
        CheckSweep(run, blockQubits);
        foreach (var term in terms) CheckMatrix(term.Targets.AsSpan(), term.Matrix, term.Controls.AsSpan(), diagonal: false);
        if (!BlockedReadFits(blockQubits))
        {
            ApplySweep(run, blockQubits);
            foreach (var bra in bras) bra.ApplySweep(run, blockQubits);
            ReadTermsAfter(bras, terms, blockQubits, [], results);
            return;
        }
        // Each block of every state is un-applied, then read, while it is in cache.
        if (_flushSweeps.Length != bras.Length + 1) _flushSweeps = new IRangeJob[bras.Length + 1];
        _flushSweeps[0] = PrepareSweep(run, blockQubits);
        for (int b = 0; b < bras.Length; b++) _flushSweeps[b + 1] = ((CpuStateVector<T>)bras[b]).PrepareSweep(run, blockQubits);
        ReadTermsAfter(bras, terms, blockQubits, _flushSweeps, results);
    }

    /// <summary>Blocks of a layout segment at most, of more than one vector, smaller than the state: what the blocked read (and a sweep before it) takes.</summary>
    private bool BlockedReadFits(int blockQubits) =>
        _simd is not null && blockQubits < QubitCount && blockQubits > _simd.LowQubits && blockQubits <= StateLayout.SegmentBits;

    /// <summary>
    /// The terms of <see cref="ApplySweepThenMatrixElements"/> for checked, distinct bras of this shape: the blockable ones
    /// block by block after <paramref name="prologue"/> on each block (which needs <see cref="BlockedReadFits"/>), then,
    /// once every block has been through the prologue, the one-qubit diagonals from one overlaps pass per bra (a pass
    /// over this state and the bra) and the others one pass each.
    /// </summary>
    private void ReadTermsAfter(ReadOnlySpan<IStateVector> bras, ReadOnlySpan<MatrixApplication> terms, int blockQubits, ReadOnlySpan<IRangeJob> prologue, Span<Complex> results)
    {
        // One-qubit diagonal terms (a layer of RZ generators, say) all follow from one pass of every-qubit overlaps.
        bool fromOverlaps = CountOneQubitDiagonals(terms) >= 2 && (_qubitOverlaps ??= _simd?.NewQubitOverlaps(QubitCount, _pool, Parallel)) is not null;
        bool blocked = BlockedReadFits(blockQubits);
        int count = 0;
        Span<int> blockedTerms = terms.Length <= 256 ? stackalloc int[terms.Length] : new int[terms.Length];
        for (int t = 0; t < terms.Length; t++)
        {
            var term = terms[t];
            bool diagonal = fromOverlaps && IsOneQubitDiagonal(term, out _, out _);
            if (!diagonal && blocked && term.HighestQubit < blockQubits && term.Targets.Length + term.Controls.Length <= 3) blockedTerms[count++] = t;
        }
        if (count > 0 || prologue.Length > 0)
        {
            Span<nint> braData = bras.Length <= 64 ? stackalloc nint[bras.Length] : new nint[bras.Length];
            for (int b = 0; b < bras.Length; b++) braData[b] = (nint)((CpuStateVector<T>)bras[b])._data;
            _blockedMatrixElements ??= new BlockedMatrixElements(_data, QubitCount, 2 * sizeof(T), _pool, Parallel, qubits => _simd!.NewMatrixElement(qubits, _pool, parallel: false));
            _blockedMatrixElements.Compute(braData, terms, blockedTerms[..count], blockQubits, prologue, results);
        }
        for (int b = 0; b < bras.Length; b++)
        {
            var bra = bras[b];
            var values = results.Slice(b * terms.Length, terms.Length);
            var overlap = fromOverlaps ? ComputeQubitOverlaps((CpuStateVector<T>)bra) : Complex.Zero;
            for (int t = 0, next = 0; t < terms.Length; t++)
            {
                if (next < count && blockedTerms[next] == t)
                {
                    next++;
                    continue;
                }
                var term = terms[t];
                values[t] = fromOverlaps && IsOneQubitDiagonal(term, out var d0, out var d1)
                    ? d0 * overlap + (d1 - d0) * _projectorOverlaps![term.Targets[0]]
                    : MatrixElement(bra, term.Targets.AsSpan(), term.Matrix, term.Controls.AsSpan());
            }
        }
    }

    /// <summary>⟨bra|this⟩, and ⟨bra|Π_q|this⟩ of every qubit into <see cref="_projectorOverlaps"/> (with the pass <see cref="ReadTermsAfter"/> made).</summary>
    private Complex ComputeQubitOverlaps(CpuStateVector<T> bra)
    {
        _projectorOverlaps ??= new Complex[QubitCount];
        return _qubitOverlaps!.Compute(bra._data, _projectorOverlaps);
    }

    private static int CountOneQubitDiagonals(ReadOnlySpan<MatrixApplication> terms)
    {
        int count = 0;
        foreach (var term in terms)
            if (IsOneQubitDiagonal(term, out _, out _)) count++;
        return count;
    }

    /// <summary>
    /// Whether the term is one target, no control and off-diagonal elements exactly zero, with its diagonal (d0, d1): its
    /// value is then d0·⟨bra|this⟩ + (d1 − d0)·⟨bra|Π_q|this⟩.
    /// </summary>
    private static bool IsOneQubitDiagonal(in MatrixApplication term, out Complex d0, out Complex d1)
    {
        var m = term.Matrix;
        bool diagonal = term.Targets.Length == 1 && term.Controls.Length == 0 && m[1] == Complex.Zero && m[2] == Complex.Zero;
        (d0, d1) = diagonal ? (m[0], m[3]) : (Complex.Zero, Complex.Zero);
        return diagonal;
    }
}
