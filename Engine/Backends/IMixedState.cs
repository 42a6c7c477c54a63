using System.Numerics;

namespace QSim.Backends;

/// <summary>
/// A state that holds a mixed state (a density matrix ρ) rather than one vector: it applies a noise channel exactly, as its
/// superoperator, where a state vector follows one quantum trajectory. The rest of the contract reads it as the mixture:
/// probabilities are the diagonal of ρ, <see cref="IStateVector.ExpectationPauli"/> is tr(ρ·P), a gate U maps ρ to U·ρ·U†.
/// Members that only a vector has (amplitudes, inner products of vectors) throw <see cref="NotSupportedException"/>.
/// </summary>
public interface IMixedState : IStateVector
{
    /// <summary>
    /// Applies the superoperator S = Σ_i conj(K_i) ⊗ K_i of a channel on <paramref name="qubits"/> (k of them; see
    /// <see cref="Noise.ChannelDefinition.Superoperator"/> for its 4^k × 4^k layout): dense, or its 4^k diagonal when
    /// <paramref name="diagonal"/>.
    /// </summary>
    /// <exception cref="ArgumentException">A qubit is out of range or repeated, or the matrix has the wrong size.</exception>
    void ApplySuperoperator(ReadOnlySpan<int> qubits, ReadOnlySpan<Complex> superoperator, bool diagonal);
}
