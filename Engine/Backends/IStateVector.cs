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
/// The kernel layer's face, its core contract: a state of n qubits in a backend's memory, and the operations every
/// backend must have. It speaks in amplitudes by index (bit k of an index is qubit k); its memory layout is the
/// backend's business. Matrices are row-major, in the little-endian order of the given target list, in double
/// precision (a single-precision state rounds them).
/// <para>
/// Operations a backend may do faster than these allow (blocked sweeps, qubit swaps, Pauli groups, matrix-element
/// reads) are optional capability interfaces (<see cref="IBlockedSweepState"/>, <see cref="IQubitSwapState"/>,
/// <see cref="IPauliSumState"/>, <see cref="IMatrixElementState"/>, <see cref="IBlockedReadState"/>); the engine reaches them through
/// <see cref="StateOperations"/>, which falls back to this contract where a state lacks one. docs/backends.md lists
/// what a new backend implements and the test fixture it joins.
/// </para>
/// <para>
/// Lifetime: after <see cref="IDisposable.Dispose"/> every member throws <see cref="ObjectDisposedException"/>. A state
/// is used by one thread at a time; a call made while another is running on it throws
/// <see cref="InvalidOperationException"/>.
/// </para>
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
}

/// <summary>A kernel layer: creates state vectors in its memory.</summary>
public interface IBackend : IDisposable
{
    /// <summary>Short name shown to users (e.g. "cpu").</summary>
    string Name { get; }

    /// <summary>What it runs on, for users (e.g. "2 thread(s), AVX2" or "NVIDIA H100 (Cuda, 80 GiB)").</summary>
    string Description { get; }

    /// <summary>Bytes its states may still take: what the memory guard compares a state's size with.</summary>
    long AvailableBytes { get; }

    /// <summary>What the backend does natively and what its kernels cost: the optimizer plans for it from this.</summary>
    BackendCapabilities Capabilities { get; }

    /// <summary>Allocates |0…0⟩ on <paramref name="qubits"/> qubits after checking that it fits in memory.</summary>
    /// <exception cref="StateTooLargeException">2^n amplitudes do not fit in the available memory.</exception>
    /// <exception cref="ObjectDisposedException">The backend was disposed.</exception>
    IStateVector CreateState(int qubits, Precision precision);
}
