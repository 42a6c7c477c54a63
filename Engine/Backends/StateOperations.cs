using System.Numerics;

namespace QSim.Backends;

/// <summary>
/// The optional operations of the backend contract as the engine calls them: a state that implements the capability
/// interface does the work itself; any other state gets the engine-side fallback written here on the core contract
/// (correct, but a pass per matrix or host copies of the amplitudes).
/// </summary>
public static class StateOperations
{
    /// <summary>Applies every matrix of <paramref name="run"/> in order (see <see cref="IBlockedSweepState.ApplySweep"/>).</summary>
    /// <exception cref="ArgumentException">A matrix touches a qubit at or above <paramref name="blockQubits"/>.</exception>
    public static void ApplySweep(this IStateVector state, ReadOnlySpan<MatrixApplication> run, int blockQubits)
    {
        if (state is IBlockedSweepState blocked)
        {
            blocked.ApplySweep(run, blockQubits);
            return;
        }
        foreach (var application in run)
            if (application.HighestQubit >= blockQubits)
                throw new ArgumentException($"A matrix of the run touches qubit {application.HighestQubit}, outside the block of {blockQubits} qubit(s).", nameof(run));
        foreach (var application in run) application.ApplyTo(state);
    }

    /// <summary>Exchanges qubit first[i] with second[i] for every i (see <see cref="IQubitSwapState.SwapQubits"/>).</summary>
    /// <exception cref="ArgumentException">The lists differ in length, or a qubit appears twice.</exception>
    public static void SwapQubits(this IStateVector state, ReadOnlySpan<int> first, ReadOnlySpan<int> second)
    {
        if (state is IQubitSwapState swapping)
        {
            swapping.SwapQubits(first, second);
            return;
        }
        QubitPairs.Validate(first, second, state.QubitCount);
        for (int i = 0; i < first.Length; i++) state.ApplyMatrix([first[i], second[i]], QubitPairs.SwapMatrix, []);
    }

    /// <summary>⟨ψ|Σ_t c_t·P_t|ψ⟩ for Pauli strings sharing one flip mask (see <see cref="IPauliSumState.ExpectationPauliGroup"/>).</summary>
    public static double ExpectationPauliGroup(this IStateVector state, ulong xMask, ReadOnlySpan<ulong> zMasks, ReadOnlySpan<double> coefficients)
    {
        if (state is IPauliSumState pauli) return pauli.ExpectationPauliGroup(xMask, zMasks, coefficients);
        double sum = 0;
        for (int t = 0; t < zMasks.Length; t++) sum += coefficients[t] * state.ExpectationPauli(xMask, zMasks[t]);
        return sum;
    }

    /// <summary>
    /// state += Σ_t c_t·P_t·<paramref name="source"/> (see <see cref="IPauliSumState.AddPauliGroup"/>). The fallback
    /// goes through host copies of both states (two 2^n buffers).
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="source"/> is the state itself.</exception>
    public static void AddPauliGroup(this IStateVector state, IStateVector source, ulong xMask, ReadOnlySpan<ulong> zMasks, ReadOnlySpan<double> coefficients)
    {
        if (state is IPauliSumState pauli)
        {
            pauli.AddPauliGroup(source, xMask, zMasks, coefficients);
            return;
        }
        if (ReferenceEquals(state, source))
            throw new ArgumentException("AddPauliGroup needs a source state other than the destination.", nameof(source));
        var from = new Complex[state.Length];
        var to = new Complex[state.Length];
        source.GetAmplitudes(from);
        state.GetAmplitudes(to);
        for (long i = 0; i < from.Length; i++)
            to[i ^ (long)xMask] += from[i] * PauliGroupFactor(i, xMask, zMasks, coefficients);
        state.SetAmplitudes(to);
    }

    /// <summary>
    /// ⟨<paramref name="bra"/>|C(M)|<paramref name="ket"/>⟩ (see <see cref="IMatrixElementState.MatrixElement"/>). The
    /// fallback brings both states to the host (three 2^n buffers) and applies M to the ket and restores it.
    /// </summary>
    public static Complex MatrixElement(this IStateVector ket, IStateVector bra, ReadOnlySpan<int> targets, ReadOnlySpan<Complex> matrix, ReadOnlySpan<int> controls)
    {
        if (ket is IMatrixElementState reading) return reading.MatrixElement(bra, targets, matrix, controls);
        var braAmplitudes = new Complex[ket.Length];
        var original = new Complex[ket.Length];
        var applied = new Complex[ket.Length];
        bra.GetAmplitudes(braAmplitudes);
        ket.GetAmplitudes(original);
        ket.ApplyMatrix(targets, matrix, controls);
        ket.GetAmplitudes(applied);
        ket.SetAmplitudes(original);
        Complex sum = Complex.Zero;
        for (long i = 0; i < applied.Length; i++) sum += Complex.Conjugate(braAmplitudes[i]) * applied[i];
        return sum;
    }

    /// <summary>⟨bra|C(M_t)|ket⟩ for every term (see <see cref="IBlockedReadState.MatrixElements"/>); the fallback reads one term at a time.</summary>
    /// <exception cref="ArgumentException"><paramref name="results"/> does not hold one value per term.</exception>
    public static void MatrixElements(this IStateVector ket, IStateVector bra, ReadOnlySpan<MatrixApplication> terms, int blockQubits, Span<Complex> results)
    {
        if (ket is IBlockedReadState reading)
        {
            reading.MatrixElements(bra, terms, blockQubits, results);
            return;
        }
        if (results.Length != terms.Length) throw new ArgumentException($"Expected {terms.Length} results; the span holds {results.Length}.", nameof(results));
        for (int t = 0; t < terms.Length; t++)
            results[t] = ket.MatrixElement(bra, terms[t].Targets.AsSpan(), terms[t].Matrix, terms[t].Controls.AsSpan());
    }

    /// <summary>
    /// Applies <paramref name="run"/> to <paramref name="ket"/> and every bra, then reads ⟨bras[b]|C(M_t)|ket⟩ into
    /// results[b·terms + t] (see <see cref="IBlockedReadState.ApplySweepThenMatrixElements"/>); the fallback sweeps each
    /// state, then reads.
    /// </summary>
    /// <exception cref="ArgumentException">A bra is the ket or given twice, a term is malformed, or <paramref name="results"/> does not hold terms × bras values.</exception>
    public static void ApplySweepThenMatrixElements(this IStateVector ket, ReadOnlySpan<IStateVector> bras, ReadOnlySpan<MatrixApplication> run,
        ReadOnlySpan<MatrixApplication> terms, int blockQubits, Span<Complex> results)
    {
        if (ket is IBlockedReadState reading)
        {
            reading.ApplySweepThenMatrixElements(bras, run, terms, blockQubits, results);
            return;
        }
        KernelArguments.CheckSweepReads(ket, bras, terms.Length, results.Length);
        // Terms are checked before any state changes.
        foreach (var term in terms)
            KernelArguments.CheckMatrix(term.Targets.AsSpan(), term.Matrix, term.Controls.AsSpan(), diagonal: false, ket.QubitCount, maxTargets: 63);
        ket.ApplySweep(run, blockQubits);
        foreach (var bra in bras) bra.ApplySweep(run, blockQubits);
        for (int b = 0; b < bras.Length; b++) ket.MatrixElements(bras[b], terms, blockQubits, results.Slice(b * terms.Length, terms.Length));
    }

    /// <summary>
    /// Σ_t c_t·i^{|x ∧ z_t|}·(−1)^{|i ∧ z_t|}: the factor by which the group maps amplitude i to index i ⊕ x,
    /// from P|i⟩ = i^{#Y}·(−1)^{|i ∧ z|}·|i ⊕ x⟩.
    /// </summary>
    private static Complex PauliGroupFactor(long index, ulong xMask, ReadOnlySpan<ulong> zMasks, ReadOnlySpan<double> coefficients)
    {
        double re = 0, im = 0;
        for (int t = 0; t < zMasks.Length; t++)
        {
            ulong z = zMasks[t];
            double signed = (BitOperations.PopCount((ulong)index & z) & 1) == 0 ? coefficients[t] : -coefficients[t];
            switch (BitOperations.PopCount(xMask & z) & 3)
            {
                case 0: re += signed; break;
                case 1: im += signed; break;
                case 2: re -= signed; break;
                default: im -= signed; break;
            }
        }
        return new Complex(re, im);
    }
}
