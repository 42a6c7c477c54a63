using System.Numerics;

namespace QSim.Passes;

/// <summary>A set of qubit indices as a bit mask of any width (circuits may have more qubits than a 64-bit mask holds).</summary>
internal sealed class QubitSet
{
    private ulong[] _words;

    public QubitSet(int qubits) => _words = new ulong[Math.Max(1, (qubits + 63) / 64)];

    public bool IsEmpty => Array.TrueForAll(_words, w => w == 0);

    public int Count
    {
        get
        {
            int count = 0;
            foreach (ulong w in _words) count += BitOperations.PopCount(w);
            return count;
        }
    }

    public bool Contains(int qubit) => (_words[qubit >> 6] & (1UL << (qubit & 63))) != 0;

    public void Add(int qubit) => _words[qubit >> 6] |= 1UL << (qubit & 63);

    public void UnionWith(QubitSet other)
    {
        for (int i = 0; i < _words.Length; i++) _words[i] |= other._words[i];
    }

    public bool Overlaps(QubitSet other)
    {
        for (int i = 0; i < _words.Length; i++)
            if ((_words[i] & other._words[i]) != 0) return true;
        return false;
    }

    /// <summary>The size of the union with <paramref name="other"/>.</summary>
    public int UnionCount(QubitSet other)
    {
        int count = 0;
        for (int i = 0; i < _words.Length; i++) count += BitOperations.PopCount(_words[i] | other._words[i]);
        return count;
    }

    public void Clear() => Array.Clear(_words);

    public QubitSet Copy() => new(0) { _words = (ulong[])_words.Clone() };
}
