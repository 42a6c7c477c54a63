using System.Numerics;

namespace QSim.Backends;

/// <summary>Checks and helpers for <see cref="IQubitSwapState.SwapQubits"/>, shared by every backend.</summary>
public static class QubitPairs
{
    /// <summary>The 4x4 SWAP matrix.</summary>
    public static ReadOnlySpan<Complex> SwapMatrix => s_swap;

    private static readonly Complex[] s_swap = [1, 0, 0, 0, 0, 0, 1, 0, 0, 1, 0, 0, 0, 0, 0, 1];

    /// <summary>Throws unless the pairs have equal lengths and every qubit is in range and appears once.</summary>
    /// <exception cref="ArgumentException">They do not.</exception>
    public static void Validate(ReadOnlySpan<int> first, ReadOnlySpan<int> second, int qubits)
    {
        if (first.Length != second.Length)
            throw new ArgumentException($"Qubit swaps need pairs: got {first.Length} and {second.Length} qubits.", nameof(second));
        ulong seen = 0;
        foreach (int q in first) Mark(q);
        foreach (int q in second) Mark(q);

        void Mark(int q)
        {
            if ((uint)q >= (uint)qubits)
                throw new ArgumentException($"Qubit {q} is out of range for a state of {qubits} qubit(s).", nameof(first));
            if ((seen & (1UL << q)) != 0)
                throw new ArgumentException($"Qubit {q} appears more than once among the swapped pairs.", nameof(first));
            seen |= 1UL << q;
        }
    }
}
