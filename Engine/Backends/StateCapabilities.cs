using System.Numerics;

namespace QSim.Backends;

/// <summary>
/// Optional: a state that applies a run of matrices block by block (<see cref="ApplySweep"/>). Without it,
/// <see cref="StateOperations.ApplySweep"/> applies the matrices one by one. A backend that has it says so in
/// <see cref="PrecisionProfile.SweepBlockQubits"/>, which makes the optimizer plan sweeps for it.
/// </summary>
public interface IBlockedSweepState : IStateVector
{
    /// <summary>
    /// Applies every matrix of <paramref name="run"/>, in order. Each touches only qubits below
    /// <paramref name="blockQubits"/>, so the state splits into independent blocks of 2^blockQubits
    /// consecutive amplitudes: the whole run is applied to one block while it sits in cache, then to the next,
    /// touching memory once for the run instead of once per matrix.
    /// </summary>
    /// <exception cref="ArgumentException">A matrix touches a qubit at or above <paramref name="blockQubits"/>.</exception>
    void ApplySweep(ReadOnlySpan<MatrixApplication> run, int blockQubits);
}

/// <summary>
/// Optional: a state that relabels qubits in one pass (<see cref="SwapQubits"/>). Without it,
/// <see cref="StateOperations.SwapQubits"/> applies one SWAP matrix per pair.
/// </summary>
public interface IQubitSwapState : IStateVector
{
    /// <summary>
    /// Exchanges qubit <paramref name="first"/>[i] with qubit <paramref name="second"/>[i] for every i
    /// (a relabelling of index bits; the pairs must be disjoint).
    /// </summary>
    /// <exception cref="ArgumentException">The lists differ in length, or a qubit appears twice.</exception>
    void SwapQubits(ReadOnlySpan<int> first, ReadOnlySpan<int> second);
}

/// <summary>
/// Optional: a state that evaluates and applies groups of Pauli strings sharing one flip mask in one pass. Without
/// it, <see cref="StateOperations"/> evaluates term by term and applies through host copies of the amplitudes.
/// </summary>
public interface IPauliSumState : IStateVector
{
    /// <summary>
    /// ⟨ψ|Σ_t c_t·P_t|ψ⟩ for Pauli strings that all flip the same bits <paramref name="xMask"/> (P_t has
    /// X/Y where <paramref name="xMask"/> is set, Z/Y where <paramref name="zMasks"/>[t] is set), with real
    /// coefficients <paramref name="coefficients"/>[t]: every term pairs the same amplitudes ψ[i] and ψ[i ⊕ x].
    /// </summary>
    double ExpectationPauliGroup(ulong xMask, ReadOnlySpan<ulong> zMasks, ReadOnlySpan<double> coefficients);

    /// <summary>
    /// this += Σ_t c_t·P_t·<paramref name="source"/> for Pauli strings that share the flip mask
    /// <paramref name="xMask"/> (as in <see cref="ExpectationPauliGroup"/>): how a Hamiltonian is applied to
    /// a state without forming its matrix (adjoint gradients start from H|ψ⟩).
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="source"/> is this state or of another shape.</exception>
    void AddPauliGroup(IStateVector source, ulong xMask, ReadOnlySpan<ulong> zMasks, ReadOnlySpan<double> coefficients);
}

/// <summary>
/// Optional: a state that reads a matrix element ⟨bra|C(M)|this⟩ in one pass over both states, changing neither.
/// Without it, <see cref="StateOperations.MatrixElement"/> brings both states to the host.
/// </summary>
public interface IMatrixElementState : IStateVector
{
    /// <summary>
    /// ⟨<paramref name="bra"/>|C(M)|this⟩, where C(M) is the operator <see cref="IStateVector.ApplyMatrix"/> applies: the
    /// dense <paramref name="matrix"/> M on <paramref name="targets"/> where every qubit of <paramref name="controls"/> is
    /// 1, the identity elsewhere. Neither state changes; <paramref name="bra"/> may be this state.
    /// </summary>
    Complex MatrixElement(IStateVector bra, ReadOnlySpan<int> targets, ReadOnlySpan<Complex> matrix, ReadOnlySpan<int> controls);
}

/// <summary>
/// Optional: a state that reads many matrix elements at once, block by block while each block of both states is in cache,
/// and may un-apply a run of matrices first in the same pass. Without it, <see cref="StateOperations"/> reads one term at a
/// time. A backend that has it says so with <see cref="NativeOperations.BlockedMatrixElements"/>.
/// </summary>
public interface IBlockedReadState : IMatrixElementState
{
    /// <summary>
    /// ⟨<paramref name="bra"/>|C(M_t)|this⟩ for every term t of <paramref name="terms"/> into <paramref name="results"/>.
    /// Terms below <paramref name="blockQubits"/> may be read block by block, while each block of both states is in cache.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="results"/> does not hold one value per term.</exception>
    void MatrixElements(IStateVector bra, ReadOnlySpan<MatrixApplication> terms, int blockQubits, Span<Complex> results);

    /// <summary>
    /// Applies <paramref name="run"/> (as <see cref="IBlockedSweepState.ApplySweep"/>) to this state and to every state of
    /// <paramref name="bras"/>, then writes ⟨bras[b]|C(M_t)|this⟩ for every term t into results[b·terms + t]: a state
    /// that has both may do the two block by block, reading each block of every state once.
    /// </summary>
    /// <exception cref="ArgumentException">A bra is this state or given twice, or <paramref name="results"/> does not hold terms × bras values.</exception>
    void ApplySweepThenMatrixElements(ReadOnlySpan<IStateVector> bras, ReadOnlySpan<MatrixApplication> run, ReadOnlySpan<MatrixApplication> terms,
        int blockQubits, Span<Complex> results);
}
