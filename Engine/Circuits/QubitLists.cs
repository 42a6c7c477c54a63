using System.Collections.Immutable;

namespace QSim.Circuits;

/// <summary>
/// Shared qubit lists: a circuit of millions of gates names the same few single qubits over and over, and one array per
/// qubit serves them all (arrays behind an <see cref="ImmutableArray{T}"/> are never written).
/// </summary>
internal static class QubitLists
{
    private const int Shared = 64;

    private static readonly ImmutableArray<int>[] s_single = [.. Enumerable.Range(0, Shared).Select(q => ImmutableArray.Create(q))];

    /// <summary>The list holding only <paramref name="qubit"/>.</summary>
    public static ImmutableArray<int> Single(int qubit) => (uint)qubit < Shared ? s_single[qubit] : [qubit];

    /// <summary><paramref name="qubits"/>[start..start + length], shared when it is one qubit.</summary>
    public static ImmutableArray<int> Slice(ImmutableArray<int> qubits, int start, int length) =>
        length == qubits.Length ? qubits : length == 1 ? Single(qubits[start]) : qubits.Slice(start, length);
}
