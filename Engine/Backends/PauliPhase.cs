using System.Numerics;

namespace QSim.Backends;

/// <summary>The phase i^{#Y} that turns a backend's masked sum into a Pauli expectation.</summary>
public static class PauliPhase
{
    /// <summary>
    /// Re(i^{#Y}·<paramref name="sum"/>), where #Y counts the bits set in both masks and
    /// <paramref name="sum"/> = Σ_i (−1)^{|i ∧ zMask|}·conj(ψ[i ⊕ xMask])·ψ[i].
    /// </summary>
    public static double Apply(ulong xMask, ulong zMask, Complex sum) => (BitOperations.PopCount(xMask & zMask) & 3) switch
    {
        0 => sum.Real,
        1 => -sum.Imaginary,
        2 => -sum.Real,
        _ => sum.Imaginary,
    };
}
