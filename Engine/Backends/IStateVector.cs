using System.Numerics;

namespace QSim.Backends;

/// <summary>Floating-point precision of a state vector.</summary>
public enum Precision
{
    /// <summary>complex64: two 32-bit floats per amplitude (the default, as in qsim/TFQ).</summary>
    Single,
    /// <summary>complex128: two 64-bit floats per amplitude.</summary>
    Double,
}

/// <summary>
/// The kernel layer's face: a state of n qubits in a backend's memory, and the few operations every
/// algorithm in the engine is written with. It speaks in amplitudes by index (bit k of an index is
/// qubit k); its memory layout is the backend's business. Matrices are row-major, in the little-endian
/// order of the given target list, in double precision (a single-precision state rounds them).
/// </summary>
public interface IStateVector : IDisposable
{
    /// <summary>Number of qubits n.</summary>
    int QubitCount { get; }

    /// <summary>Precision of the amplitudes.</summary>
    Precision Precision { get; }

    /// <summary>Number of amplitudes, 2^n.</summary>
    long Length => 1L << QubitCount;

    /// <summary>Sets the state to the basis state |index⟩ (|0…0⟩ by default).</summary>
    void SetBasisState(long index = 0);

    /// <summary>
    /// Applies a dense 2^k × 2^k matrix to <paramref name="targets"/> (k = 0 scales the whole state),
    /// on the subspace where every qubit of <paramref name="controls"/> is 1.
    /// The matrix need not be unitary (gradients apply derivatives of gates).
    /// </summary>
    void ApplyMatrix(ReadOnlySpan<int> targets, ReadOnlySpan<Complex> matrix, ReadOnlySpan<int> controls);

    /// <summary>Applies a diagonal matrix (2^k entries, little-endian in <paramref name="targets"/>) where every control is 1.</summary>
    void ApplyDiagonal(ReadOnlySpan<int> targets, ReadOnlySpan<Complex> diagonal, ReadOnlySpan<int> controls);

    /// <summary>Probability that measuring <paramref name="qubit"/> gives 1 (relative to the state's squared norm).</summary>
    double ProbabilityOfOne(int qubit);

    /// <summary>Projects <paramref name="qubit"/> onto <paramref name="outcome"/> and renormalises.</summary>
    /// <exception cref="InvalidOperationException">The outcome has probability zero.</exception>
    void Collapse(int qubit, int outcome);

    /// <summary>Writes |amplitude|² of every index into <paramref name="probabilities"/> (length 2^n).</summary>
    void GetProbabilities(Span<double> probabilities);

    /// <summary>
    /// Maps sorted uniform numbers in [0, 1) to basis indices by the cumulative distribution of the
    /// probabilities, in one pass over the state. The result is the same whatever the thread count.
    /// </summary>
    void Sample(ReadOnlySpan<double> sortedUniforms, Span<long> indices);

    /// <summary>Copies amplitudes [start, start + destination.Length) into <paramref name="destination"/>.</summary>
    void GetAmplitudes(Span<Complex> destination, long start = 0);

    /// <summary>Overwrites every amplitude (length 2^n).</summary>
    void SetAmplitudes(ReadOnlySpan<Complex> amplitudes);

    /// <summary>Makes this state a copy of <paramref name="source"/> (same backend, size and precision).</summary>
    void CopyFrom(IStateVector source);

    /// <summary>⟨this|other⟩ (this one conjugated).</summary>
    Complex InnerProduct(IStateVector other);

    /// <summary>⟨ψ|ψ⟩.</summary>
    double NormSquared();

    /// <summary>
    /// ⟨ψ|P|ψ⟩ for the Pauli string with X on the bits of <paramref name="xMask"/> only, Z on the bits of
    /// <paramref name="zMask"/> only, and Y where both are set. Real for a Hermitian P.
    /// </summary>
    double ExpectationPauli(ulong xMask, ulong zMask);

    /// <summary>
    /// Applies every matrix of <paramref name="run"/>, in order. Each touches only qubits below
    /// <paramref name="blockQubits"/>, so the state splits into independent blocks of 2^blockQubits
    /// consecutive amplitudes: a backend may apply the whole run to one block while it sits in cache,
    /// then move to the next, touching memory once for the run instead of once per matrix.
    /// The default applies the matrices one by one.
    /// </summary>
    /// <exception cref="ArgumentException">A matrix touches a qubit at or above <paramref name="blockQubits"/>.</exception>
    void ApplySweep(ReadOnlySpan<MatrixApplication> run, int blockQubits)
    {
        foreach (var application in run)
        {
            if (application.HighestQubit >= blockQubits)
                throw new ArgumentException($"A matrix of the run touches qubit {application.HighestQubit}, outside the block of {blockQubits} qubit(s).", nameof(run));
            application.ApplyTo(this);
        }
    }

    /// <summary>
    /// Exchanges qubit <paramref name="first"/>[i] with qubit <paramref name="second"/>[i] for every i
    /// (a relabelling of index bits; the pairs must be disjoint). The default applies one SWAP matrix per pair.
    /// </summary>
    /// <exception cref="ArgumentException">The lists differ in length, or a qubit appears twice.</exception>
    void SwapQubits(ReadOnlySpan<int> first, ReadOnlySpan<int> second)
    {
        QubitPairs.Validate(first, second, QubitCount);
        for (int i = 0; i < first.Length; i++) ApplyMatrix([first[i], second[i]], QubitPairs.SwapMatrix, []);
    }

    /// <summary>
    /// ⟨ψ|Σ_t c_t·P_t|ψ⟩ for Pauli strings that all flip the same bits <paramref name="xMask"/> (P_t has
    /// X/Y where <paramref name="xMask"/> is set, Z/Y where <paramref name="zMasks"/>[t] is set), with real
    /// coefficients <paramref name="coefficients"/>[t]. A backend can evaluate the whole group in one pass,
    /// since every term pairs the same amplitudes ψ[i] and ψ[i ⊕ x]; this default evaluates term by term.
    /// </summary>
    double ExpectationPauliGroup(ulong xMask, ReadOnlySpan<ulong> zMasks, ReadOnlySpan<double> coefficients)
    {
        double sum = 0;
        for (int t = 0; t < zMasks.Length; t++) sum += coefficients[t] * ExpectationPauli(xMask, zMasks[t]);
        return sum;
    }

    /// <summary>
    /// this += Σ_t c_t·P_t·<paramref name="source"/> for Pauli strings that share the flip mask
    /// <paramref name="xMask"/> (as in <see cref="ExpectationPauliGroup"/>): how a Hamiltonian is applied to
    /// a state without forming its matrix (adjoint gradients start from H|ψ⟩). The default goes through
    /// <see cref="GetAmplitudes"/> and <see cref="SetAmplitudes"/> and allocates two 2^n buffers; backends
    /// should override it.
    /// </summary>
    void AddPauliGroup(IStateVector source, ulong xMask, ReadOnlySpan<ulong> zMasks, ReadOnlySpan<double> coefficients)
    {
        var from = new Complex[Length];
        var to = new Complex[Length];
        source.GetAmplitudes(from);
        GetAmplitudes(to);
        for (long i = 0; i < from.Length; i++)
            to[i ^ (long)xMask] += from[i] * PauliGroupFactor(i, xMask, zMasks, coefficients);
        SetAmplitudes(to);
    }

    /// <summary>
    /// ⟨<paramref name="bra"/>|C(M)|this⟩, where C(M) is the operator <see cref="ApplyMatrix"/> applies: the dense
    /// <paramref name="matrix"/> M on <paramref name="targets"/> where every qubit of <paramref name="controls"/> is 1,
    /// the identity elsewhere. Neither state changes; <paramref name="bra"/> may be this state. The adjoint gradient
    /// reads ⟨λ|∂U|ψ⟩ with it, so a backend should override it with one read-only pass over both states; this
    /// default brings both states to the host (three 2^n buffers) and applies M to this state and restores it.
    /// </summary>
    Complex MatrixElement(IStateVector bra, ReadOnlySpan<int> targets, ReadOnlySpan<Complex> matrix, ReadOnlySpan<int> controls)
    {
        var braAmplitudes = new Complex[Length];
        var original = new Complex[Length];
        var applied = new Complex[Length];
        bra.GetAmplitudes(braAmplitudes);
        GetAmplitudes(original);
        ApplyMatrix(targets, matrix, controls);
        GetAmplitudes(applied);
        SetAmplitudes(original);
        Complex sum = Complex.Zero;
        for (long i = 0; i < applied.Length; i++) sum += Complex.Conjugate(braAmplitudes[i]) * applied[i];
        return sum;
    }

    /// <summary>
    /// ⟨<paramref name="bra"/>|C(M_t)|this⟩ for every term t of <paramref name="terms"/> into <paramref name="results"/>,
    /// as <see cref="MatrixElement"/> computes each. The adjoint gradient reads a layer's derivative terms together, so a
    /// backend may read the terms that stay below <paramref name="blockQubits"/> block by block while each block of both
    /// states is in cache, instead of one pass over both states per term, and may derive every one-qubit diagonal term
    /// from one pass (⟨bra|ket⟩ and each qubit's ⟨bra|Π_q|ket⟩); this default makes one call per term.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="results"/> does not hold one value per term.</exception>
    void MatrixElements(IStateVector bra, ReadOnlySpan<MatrixApplication> terms, int blockQubits, Span<Complex> results)
    {
        if (results.Length != terms.Length) throw new ArgumentException($"Expected {terms.Length} results; the span holds {results.Length}.", nameof(results));
        for (int t = 0; t < terms.Length; t++)
            results[t] = MatrixElement(bra, terms[t].Targets.AsSpan(), terms[t].Matrix, terms[t].Controls.AsSpan());
    }

    /// <summary>
    /// Applies <paramref name="run"/> (as <see cref="ApplySweep"/>) to this state and to every state of
    /// <paramref name="bras"/>, then writes ⟨bras[b]|C(M_t)|this⟩ for every term t into results[b·terms + t] (as
    /// <see cref="MatrixElements"/>): the flush of the adjoint gradient's sweep, which un-applies a queue of gates from ψ
    /// and each λ and then reads the pending derivative terms. A backend may do both block by block, reading each block
    /// of every state once; this default sweeps each state, then reads.
    /// </summary>
    /// <exception cref="ArgumentException">A bra is this state or given twice, or <paramref name="results"/> does not hold terms × bras values.</exception>
    void ApplySweepThenMatrixElements(ReadOnlySpan<IStateVector> bras, ReadOnlySpan<MatrixApplication> run, ReadOnlySpan<MatrixApplication> terms,
        int blockQubits, Span<Complex> results)
    {
        KernelArguments.CheckSweepReads(this, bras, terms.Length, results.Length);
        // Terms are checked before any state changes (targets, controls and matrix sizes; the backend's own target limit
        // is checked when it reads them).
        foreach (var term in terms)
            KernelArguments.CheckMatrix(term.Targets.AsSpan(), term.Matrix, term.Controls.AsSpan(), diagonal: false, QubitCount, maxTargets: 63);
        ApplySweep(run, blockQubits);
        foreach (var bra in bras) bra.ApplySweep(run, blockQubits);
        for (int b = 0; b < bras.Length; b++) MatrixElements(bras[b], terms, blockQubits, results.Slice(b * terms.Length, terms.Length));
    }

    /// <summary>
    /// Σ_t c_t·i^{|x ∧ z_t|}·(−1)^{|i ∧ z_t|}: the factor by which the group maps amplitude i to index i ⊕ x,
    /// from P|i⟩ = i^{#Y}·(−1)^{|i ∧ z|}·|i ⊕ x⟩.
    /// </summary>
    static Complex PauliGroupFactor(long index, ulong xMask, ReadOnlySpan<ulong> zMasks, ReadOnlySpan<double> coefficients)
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

/// <summary>A kernel layer: creates state vectors in its memory.</summary>
public interface IBackend : IDisposable
{
    /// <summary>Short name shown to users (e.g. "cpu").</summary>
    string Name { get; }

    /// <summary>Allocates |0…0⟩ on <paramref name="qubits"/> qubits after checking that it fits in memory.</summary>
    /// <exception cref="StateTooLargeException">2^n amplitudes do not fit in the available memory.</exception>
    IStateVector CreateState(int qubits, Precision precision);
}
