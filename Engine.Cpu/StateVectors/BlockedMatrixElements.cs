using System.Numerics;
using QSim.Backends;
using QSim.Cpu.Parallel;

namespace QSim.Cpu;

/// <summary>
/// Several ⟨bra|C(M_t)|ket⟩ whose qubits all lie below 2^<c>blockQubits</c>, read block by block: for each block of
/// 2^blockQubits amplitudes of both states, every term's SIMD pass runs on the block while it is in cache, so the two
/// states are read from memory once for all the terms instead of once per term. A block is a state of blockQubits
/// qubits of its own (blocks never cross a layout segment, so their amplitudes are contiguous). Each thread keeps one
/// pass per term, prepared once and pointed at block after block; per-block values are added in block order, so the
/// results do not depend on the thread count.
/// </summary>
internal sealed unsafe class BlockedMatrixElements : IRangeJob
{
    private readonly byte* _ket;
    private readonly int _qubits;
    private readonly int _amplitudeBytes;
    private readonly WorkerPool _pool;
    private readonly bool _parallel;
    private readonly Func<int, ISimdMatrixElement> _newPass;
    private readonly List<ISimdMatrixElement>[] _passes;
    private int _passQubits = -1;
    private MatrixApplication[] _terms = [];
    private Complex[] _values = [];
    private int _termCount;
    private int _blockBits;
    private long _blocks;
    private byte* _bra;

    /// <summary>Terms on the state at <paramref name="ket"/>; <paramref name="newPass"/> makes a SIMD pass over a block of the given qubits (each use rebinds it).</summary>
    public BlockedMatrixElements(void* ket, int qubits, int amplitudeBytes, WorkerPool pool, bool parallel, Func<int, ISimdMatrixElement> newPass)
    {
        _ket = (byte*)ket;
        _qubits = qubits;
        _amplitudeBytes = amplitudeBytes;
        _pool = pool;
        _parallel = parallel;
        _newPass = newPass;
        _passes = Enumerable.Range(0, pool.ThreadCount).Select(_ => new List<ISimdMatrixElement>()).ToArray();
    }

    /// <summary>
    /// The values of the terms at <paramref name="selected"/> into the same places of <paramref name="results"/>; each
    /// must lie below <paramref name="blockQubits"/> (&lt; the state's qubits, ≤ a layout segment) and fit the SIMD pass
    /// (at most 3 qubits).
    /// </summary>
    public void Compute(void* bra, ReadOnlySpan<MatrixApplication> terms, ReadOnlySpan<int> selected, int blockQubits, Span<Complex> results)
    {
        _bra = (byte*)bra;
        _blockBits = blockQubits;
        _blocks = 1L << (_qubits - blockQubits);
        _termCount = selected.Length;
        if (_terms.Length < selected.Length) _terms = new MatrixApplication[terms.Length];
        for (int i = 0; i < selected.Length; i++) _terms[i] = terms[selected[i]];
        if (_values.Length < _blocks * selected.Length) _values = new Complex[_blocks * selected.Length];
        if (_passQubits != blockQubits)
        {
            foreach (var passes in _passes) passes.Clear();
            _passQubits = blockQubits;
        }
        // One part per thread, each with its own passes: a pass holds the prepared term and per-call state.
        _pool.Run(this, _pool.ThreadCount, _parallel);
        for (int t = 0; t < _termCount; t++)
        {
            Complex sum = Complex.Zero;
            for (long block = 0; block < _blocks; block++) sum += _values[block * _termCount + t];
            results[selected[t]] = sum;
        }
    }

    public void Execute(long beginPart, long endPart)
    {
        int parts = _pool.ThreadCount;
        for (long part = beginPart; part < endPart; part++)
        {
            var passes = _passes[part];
            while (passes.Count < _termCount) passes.Add(_newPass(_blockBits));
            for (int t = 0; t < _termCount; t++)
            {
                var term = _terms[t];
                if (!passes[t].TryPrepare(term.Targets.AsSpan(), term.Matrix, term.Controls.AsSpan()))
                    throw new InvalidOperationException("A term too large for the SIMD pass reached the blocked matrix elements.");
            }
            for (long block = _blocks * part / parts; block < _blocks * (part + 1) / parts; block++)
            {
                long offset = StateLayout.Offset(block << _blockBits) * _amplitudeBytes;
                for (int t = 0; t < _termCount; t++)
                {
                    passes[t].Rebind(_ket + offset);
                    _values[block * _termCount + t] = passes[t].ComputePrepared(_bra + offset);
                }
            }
        }
    }
}
