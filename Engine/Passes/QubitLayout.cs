using System.Collections.Immutable;
using QSim.Execution;

namespace QSim.Passes;

/// <summary>Where each circuit qubit currently sits in the state's index bits, as relabelling swaps move them.</summary>
internal sealed class QubitLayout
{
    private readonly int[] _positionOf;
    private readonly int[] _qubitAt;
    // Index bits a swap has touched since every qubit was last at home: only these can hold another qubit, so restoring
    // costs the bits that moved, not the register's width.
    private readonly HashSet<int> _touched = new();

    public QubitLayout(int qubits)
    {
        _positionOf = Enumerable.Range(0, qubits).ToArray();
        _qubitAt = Enumerable.Range(0, qubits).ToArray();
    }

    public int QubitCount => _positionOf.Length;

    /// <summary>Index bit of each circuit qubit.</summary>
    public IReadOnlyList<int> PositionOf => _positionOf;

    /// <summary>Circuit qubit at each index bit.</summary>
    public IReadOnlyList<int> QubitAt => _qubitAt;

    /// <summary>Exchanges index bits <paramref name="first"/>[i] and <paramref name="second"/>[i] and returns the step that does it to a state.</summary>
    public QubitSwapStep Swap(IReadOnlyList<int> first, IReadOnlyList<int> second)
    {
        for (int i = 0; i < first.Count; i++)
        {
            int a = _qubitAt[first[i]], b = _qubitAt[second[i]];
            (_qubitAt[first[i]], _qubitAt[second[i]]) = (b, a);
            _positionOf[a] = second[i];
            _positionOf[b] = first[i];
            _touched.Add(first[i]);
            _touched.Add(second[i]);
        }
        return new QubitSwapStep([.. first], [.. second]);
    }

    /// <summary>
    /// Swaps that put every qubit back at its own index bit. Each is a set of disjoint pairs (one pass);
    /// each pass puts at least one qubit of every pair home, so a few passes suffice.
    /// </summary>
    public IEnumerable<QubitSwapStep> Restore()
    {
        var touched = _touched.Order().ToArray();
        while (true)
        {
            var first = new List<int>();
            var second = new List<int>();
            var used = new HashSet<int>();
            foreach (int position in touched)
            {
                int home = _positionOf[position];
                if (home == position || used.Contains(position) || used.Contains(home)) continue;
                first.Add(position);
                second.Add(home);
                used.Add(position);
                used.Add(home);
            }
            if (first.Count == 0)
            {
                _touched.Clear();
                yield break;
            }
            yield return Swap(first, second);
        }
    }
}
