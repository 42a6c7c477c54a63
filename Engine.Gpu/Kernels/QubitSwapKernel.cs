using System.Numerics;
using ILGPU;

namespace QSim.Gpu.Kernels;

/// <summary>
/// Disjoint qubit pairs (a_j, b_j) to exchange, as plain numbers a kernel takes by value: qubit a_j in bits
/// [6j, 6j + 6) of <see cref="PackedFirst"/>, b_j likewise in <see cref="PackedSecond"/>.
/// </summary>
public readonly struct QubitPairList
{
    /// <summary>Most pairs one list packs (6 bits per qubit in a ulong).</summary>
    public const int MaxPairs = 10;

    /// <summary>The first qubit of each pair, 6 bits per pair, pair j in bits [6j, 6j + 6).</summary>
    public readonly ulong PackedFirst;
    /// <summary>The second qubit of each pair, packed as <see cref="PackedFirst"/>.</summary>
    public readonly ulong PackedSecond;
    /// <summary>Number of pairs, at most <see cref="MaxPairs"/>.</summary>
    public readonly int Count;

    private QubitPairList(ulong packedFirst, ulong packedSecond, int count)
    {
        PackedFirst = packedFirst;
        PackedSecond = packedSecond;
        Count = count;
    }

    /// <summary>Packs up to <see cref="MaxPairs"/> pairs on the host; the qubits are assumed distinct and in range.</summary>
    /// <exception cref="ArgumentException">More than <see cref="MaxPairs"/> pairs, or lists of different lengths.</exception>
    public static QubitPairList Create(ReadOnlySpan<int> first, ReadOnlySpan<int> second)
    {
        if (first.Length != second.Length || first.Length > MaxPairs)
            throw new ArgumentException($"One swap pass takes equal lists of at most {MaxPairs} qubits; got {first.Length} and {second.Length}.", nameof(first));
        ulong a = 0, b = 0;
        for (int j = 0; j < first.Length; j++)
        {
            a |= (ulong)first[j] << (6 * j);
            b |= (ulong)second[j] << (6 * j);
        }
        return new QubitPairList(a, b, first.Length);
    }

    /// <summary>The index <paramref name="index"/> moves to: bits a_j and b_j exchanged for every pair.</summary>
    public long Partner(long index)
    {
        long partner = index;
        for (int j = 0; j < Count; j++)
        {
            int a = (int)((PackedFirst >> (6 * j)) & 63), b = (int)((PackedSecond >> (6 * j)) & 63);
            long differs = ((index >> a) ^ (index >> b)) & 1;
            partner ^= (differs << a) | (differs << b);
        }
        return partner;
    }
}

/// <summary>
/// Qubit relabelling in one pass: exchanging the index bits of disjoint pairs is an involution, so amplitude i
/// and its partner p(i) trade places and nothing else moves. The thread of the smaller index of each pair swaps
/// them; amplitudes whose paired bits agree stay where they are.
/// </summary>
public static class QubitSwapKernel
{
    /// <summary>The kernel: thread <paramref name="thread"/> handles indices thread, thread + Stride, … of <paramref name="split"/> and swaps each with its partner under <paramref name="pairs"/> when the partner is larger.</summary>
    /// <typeparam name="T">The amplitude precision, float or double.</typeparam>
    public static void SwapQubits<T>(Index1D thread, WorkSplit split, ArrayView<DeviceComplex<T>> state, QubitPairList pairs)
        where T : unmanaged, INumber<T>
    {
        for (long i = thread; i < split.Count; i += split.Stride)
        {
            long partner = pairs.Partner(i);
            if (partner <= i) continue;
            var a = state[i];
            state[i] = state[partner];
            state[partner] = a;
        }
    }
}
