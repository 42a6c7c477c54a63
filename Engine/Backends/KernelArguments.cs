namespace QSim.Backends;

/// <summary>The argument checks every backend makes before a kernel runs (qubits, matrix sizes), with one wording for all of them.</summary>
public static class KernelArguments
{
    /// <summary>Throws when <paramref name="qubit"/> is not a qubit of a state of <paramref name="qubitCount"/> qubits.</summary>
    /// <exception cref="ArgumentOutOfRangeException">It is not.</exception>
    public static void CheckQubit(int qubit, int qubitCount, string parameterName)
    {
        if ((uint)qubit >= (uint)qubitCount)
            throw new ArgumentOutOfRangeException(parameterName, $"Qubit {qubit} is out of range for a state of {qubitCount} qubit(s).");
    }

    /// <summary>Throws when a target or control is out of range, appears twice, or there are more than <paramref name="maxTargets"/> targets.</summary>
    /// <exception cref="ArgumentException">One of those holds.</exception>
    public static void CheckTargetsAndControls(ReadOnlySpan<int> targets, ReadOnlySpan<int> controls, int qubitCount, int maxTargets)
    {
        if (targets.Length > maxTargets)
            throw new ArgumentException($"This backend applies a matrix to at most {maxTargets} target qubits; got {targets.Length}.", nameof(targets));
        ulong seen = 0;
        foreach (int q in targets) Mark(q, ref seen);
        foreach (int q in controls) Mark(q, ref seen);

        void Mark(int q, ref ulong mask)
        {
            CheckQubit(q, qubitCount, nameof(targets));
            if ((mask & (1UL << q)) != 0) throw new ArgumentException($"Qubit {q} appears more than once among the targets and controls.", nameof(targets));
            mask |= 1UL << q;
        }
    }

    /// <summary>
    /// <see cref="CheckTargetsAndControls"/>, then the size of <paramref name="matrix"/>: 2^k × 2^k elements for a
    /// dense matrix on k targets, 2^k for a diagonal.
    /// </summary>
    /// <exception cref="ArgumentException">A check fails.</exception>
    public static void CheckMatrix(ReadOnlySpan<int> targets, ReadOnlySpan<System.Numerics.Complex> matrix, ReadOnlySpan<int> controls,
        bool diagonal, int qubitCount, int maxTargets)
    {
        CheckTargetsAndControls(targets, controls, qubitCount, maxTargets);
        int dimension = 1 << targets.Length;
        if (diagonal && matrix.Length != dimension)
            throw new ArgumentException($"A diagonal on {targets.Length} qubit(s) needs {dimension} elements; got {matrix.Length}.", "diagonal");
        if (!diagonal && matrix.Length != dimension * dimension)
            throw new ArgumentException($"A gate on {targets.Length} qubit(s) needs a {dimension}x{dimension} matrix ({dimension * dimension} elements); got {matrix.Length}.", nameof(matrix));
    }

    /// <summary>
    /// The checks of <see cref="IBlockedReadState.ApplySweepThenMatrixElements"/> on its bras and results, made before any state
    /// changes: one result per term and bra, and bras of the ket's shape, each given once and none of them the ket (the
    /// run is applied once to every state given).
    /// </summary>
    /// <exception cref="ArgumentException">One of those does not hold.</exception>
    public static void CheckSweepReads(IStateVector ket, ReadOnlySpan<IStateVector> bras, int terms, int results)
    {
        if (results != bras.Length * terms)
            throw new ArgumentException($"Expected {bras.Length * terms} results (terms × bras); the span holds {results}.", nameof(results));
        for (int b = 0; b < bras.Length; b++)
        {
            if (ReferenceEquals(bras[b], ket) || bras[..b].IndexOf(bras[b]) >= 0)
                throw new ArgumentException("Each state of the sweep must be given once: the bras are states other than this one and each other.", nameof(bras));
            if (bras[b].QubitCount != ket.QubitCount || bras[b].Precision != ket.Precision)
                throw new ArgumentException($"Expected bras of {ket.QubitCount} qubits in {ket.Precision} precision; bra {b} has {bras[b].QubitCount} in {bras[b].Precision}.", nameof(bras));
        }
    }
}
