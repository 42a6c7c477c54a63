using System.Numerics;
using QSim.Backends;
using QSim.Cpu.Parallel;

namespace QSim.Cpu;

/// <summary>
/// Several ⟨bra_b|C(M_t)|ket⟩ whose qubits all lie below 2^<c>blockQubits</c>, read block by block: for each block of
/// 2^blockQubits amplitudes of the states, every term's SIMD pass runs on the block while it is in cache, so the
/// states are read from memory once for all the terms instead of once per term. A block is a state of blockQubits
/// qubits of its own (blocks never cross a layout segment, so their amplitudes are contiguous). Each thread keeps one
/// pass per term, prepared once and pointed at block after block; per-block values are added in block order, so the
/// results do not depend on the thread count.
/// <para>
/// A <i>prologue</i> may first run on each block (the adjoint sweep's un-apply of a run of gates from every state,
/// <see cref="Kernels.BlockedSweep"/>): the terms are then read from the block it just left in cache.
/// </para>
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
    private nint[] _bras = [];
    private IRangeJob[] _prologue = [];
    private int _prologueCount;
    private int _termCount;
    private int _braCount;
    private int _blockBits;
    private long _blocks;

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
    /// The values of the terms at <paramref name="selected"/> for each state of <paramref name="bras"/> into the same
    /// places of its slice of <paramref name="results"/> (one slice of terms.Length per bra); each term must lie below
    /// <paramref name="blockQubits"/> (&lt; the state's qubits, ≤ a layout segment) and fit the SIMD pass (at most 3
    /// qubits). Every job of <paramref name="prologue"/> first runs on each block (jobs over the same blocks).
    /// </summary>
    public void Compute(ReadOnlySpan<nint> bras, ReadOnlySpan<MatrixApplication> terms, ReadOnlySpan<int> selected, int blockQubits,
        ReadOnlySpan<IRangeJob> prologue, Span<Complex> results)
    {
        _blockBits = blockQubits;
        _blocks = 1L << (_qubits - blockQubits);
        _termCount = selected.Length;
        _braCount = bras.Length;
        if (_terms.Length < selected.Length) _terms = new MatrixApplication[terms.Length];
        for (int i = 0; i < selected.Length; i++) _terms[i] = terms[selected[i]];
        if (_bras.Length < bras.Length) _bras = new nint[bras.Length];
        bras.CopyTo(_bras);
        if (_prologue.Length < prologue.Length) _prologue = new IRangeJob[prologue.Length];
        prologue.CopyTo(_prologue);
        _prologueCount = prologue.Length;
        long values = _blocks * _braCount * _termCount;
        if (_values.Length < values) _values = new Complex[values];
        if (_passQubits != blockQubits)
        {
            foreach (var passes in _passes) passes.Clear();
            _passQubits = blockQubits;
        }
        // One part per thread, each with its own passes: a pass holds the prepared term and per-call state.
        try
        {
            _pool.Run(this, _pool.ThreadCount, _parallel);
        }
        finally
        {
            // The jobs are the states' sweeps: not kept alive past the call.
            Array.Clear(_prologue, 0, _prologueCount);
            _prologueCount = 0;
        }
        int stride = _braCount * _termCount;
        for (int b = 0; b < _braCount; b++)
            for (int t = 0; t < _termCount; t++)
            {
                Complex sum = Complex.Zero;
                for (long block = 0; block < _blocks; block++) sum += _values[block * stride + b * _termCount + t];
                results[b * terms.Length + selected[t]] = sum;
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
                for (int j = 0; j < _prologueCount; j++) _prologue[j].Execute(block, block + 1);
                long offset = StateLayout.Offset(block << _blockBits) * _amplitudeBytes;
                long at = block * _braCount * _termCount;
                for (int t = 0; t < _termCount; t++) passes[t].Rebind(_ket + offset);
                for (int b = 0; b < _braCount; b++)
                    for (int t = 0; t < _termCount; t++)
                        _values[at++] = passes[t].ComputePrepared((byte*)_bras[b] + offset);
            }
        }
    }
}
