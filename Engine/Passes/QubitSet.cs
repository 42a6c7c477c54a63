using System.Numerics;

namespace QSim.Passes;

/// <summary>
/// Sets of qubit indices as bit masks of any width (circuits may have more qubits than a 64-bit mask holds), one after
/// another in one array: a long run of steps keeps a set per step without an object per step.
/// </summary>
internal sealed class QubitSets
{
    private readonly ulong[] _words;

    /// <summary><paramref name="count"/> empty sets of qubits below <paramref name="qubits"/>.</summary>
    public QubitSets(int qubits, int count)
    {
        Words = WordsFor(qubits);
        _words = new ulong[(long)Words * count];
    }

    /// <summary>Words of one set.</summary>
    public int Words { get; }

    /// <summary>Set <paramref name="index"/>.</summary>
    public Span<ulong> this[int index] => _words.AsSpan(index * Words, Words);

    /// <summary>Words of a set of qubits below <paramref name="qubits"/>.</summary>
    public static int WordsFor(int qubits) => Math.Max(1, (qubits + 63) / 64);
}

/// <summary>Operations on one qubit set held as a span of mask words (bit q of the set: bit q % 64 of word q / 64).</summary>
internal static class QubitSet
{
    public static bool Contains(ReadOnlySpan<ulong> set, int qubit) => (set[qubit >> 6] & (1UL << (qubit & 63))) != 0;

    public static void Add(Span<ulong> set, int qubit) => set[qubit >> 6] |= 1UL << (qubit & 63);

    public static int Count(ReadOnlySpan<ulong> set)
    {
        int count = 0;
        foreach (ulong w in set) count += BitOperations.PopCount(w);
        return count;
    }

    public static bool Overlaps(ReadOnlySpan<ulong> set, ReadOnlySpan<ulong> other)
    {
        for (int i = 0; i < set.Length; i++)
            if ((set[i] & other[i]) != 0) return true;
        return false;
    }

    /// <summary>Adds the members of <paramref name="other"/> and returns how many were new.</summary>
    public static int UnionWith(Span<ulong> set, ReadOnlySpan<ulong> other)
    {
        int added = 0;
        for (int i = 0; i < set.Length; i++)
        {
            added += BitOperations.PopCount(other[i] & ~set[i]);
            set[i] |= other[i];
        }
        return added;
    }

    /// <summary>The size of the union of the two sets.</summary>
    public static int UnionCount(ReadOnlySpan<ulong> set, ReadOnlySpan<ulong> other)
    {
        int count = 0;
        for (int i = 0; i < set.Length; i++) count += BitOperations.PopCount(set[i] | other[i]);
        return count;
    }
}
