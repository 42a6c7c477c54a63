using System.Numerics;

namespace QSim.Cpu;

/// <summary>
/// How a term of a Pauli group enters a pass: P_t·|i⟩ = i^{|x ∧ z_t|}·(−1)^{|i ∧ z_t|}·|i ⊕ x⟩, so its coefficient
/// times i^{|x ∧ z_t|} (the Y count) is a real weight, either real or imaginary. Shared by the scalar and SIMD passes.
/// </summary>
internal static class PauliGroupTerms
{
    public static void CheckCounts(ReadOnlySpan<ulong> zMasks, ReadOnlySpan<double> coefficients)
    {
        if (zMasks.Length != coefficients.Length)
            throw new ArgumentException($"Expected one coefficient per Pauli string; got {coefficients.Length} for {zMasks.Length}.", nameof(coefficients));
    }

    /// <summary>The coefficient with the sign of i^{#Y}, and whether i^{#Y} is imaginary.</summary>
    public static (double Weight, bool Imaginary) Fold(ulong xMask, ulong zMask, double coefficient)
    {
        int yCount = BitOperations.PopCount(xMask & zMask) & 3;
        return (yCount >= 2 ? -coefficient : coefficient, (yCount & 1) != 0);
    }
}
