using QSim.Circuits;

namespace QSim.Passes;

/// <summary>
/// The gates of a run being rewritten in place: gates can be replaced (by a gate on the same qubits) or removed, and a
/// search walks back from a new gate over the gates it can pass to the one it meets. Only gates sharing a qubit can stop
/// it (a gate passes every gate on other qubits), so the walk follows per-qubit chains of earlier gates and costs the
/// gates it passes on its own qubits, not the whole run: a long circuit is rewritten in time linear in its length.
/// Gates on no qubit (global phases) form a chain of their own.
/// </summary>
internal sealed class GateList
{
    private readonly List<GateOperation?> _gates = new();
    // For entry i, its chains (its qubits), and the index of the previous entry on each of them (−1 for none); a removed
    // entry keeps both, so walks pass through it.
    private readonly List<(int[] Chains, int[] Previous)> _links = new();
    private readonly Dictionary<int, int> _last = new();
    private const int GlobalChain = -1;

    public int Add(GateOperation gate)
    {
        int index = _gates.Count;
        var chains = Chains(gate);
        var previous = new int[chains.Length];
        for (int j = 0; j < chains.Length; j++)
        {
            previous[j] = _last.GetValueOrDefault(chains[j], -1);
            _last[chains[j]] = index;
        }
        _gates.Add(gate);
        _links.Add((chains, previous));
        return index;
    }

    public GateOperation this[int index]
    {
        get => _gates[index] ?? throw new InvalidOperationException($"Gate {index} was removed.");
        set => _gates[index] = value;
    }

    public void Remove(int index) => _gates[index] = null;

    /// <summary>The latest kept gate that <paramref name="gate"/> cannot pass, or -1 when it passes them all.</summary>
    public int FindBlocking(GateOperation gate, Func<GateOperation, GateOperation, bool> canPass)
    {
        var chains = Chains(gate);
        Span<int> heads = chains.Length <= 16 ? stackalloc int[chains.Length] : new int[chains.Length];
        for (int j = 0; j < chains.Length; j++) heads[j] = _last.GetValueOrDefault(chains[j], -1);
        while (true)
        {
            int latest = -1;
            foreach (int head in heads) latest = Math.Max(latest, head);
            if (latest < 0) return -1;
            if (_gates[latest] is { } earlier && !canPass(gate, earlier)) return latest;
            // Step every chain that stands on this entry back to the entry before it on that chain.
            for (int j = 0; j < heads.Length; j++)
                if (heads[j] == latest) heads[j] = PreviousOn(latest, chains[j]);
        }
    }

    public IEnumerable<GateOperation> Kept => _gates.OfType<GateOperation>();

    private int PreviousOn(int index, int chain)
    {
        var (chains, previous) = _links[index];
        return previous[Array.IndexOf(chains, chain)];
    }

    private static int[] Chains(GateOperation gate) => gate.Qubits.IsEmpty ? [GlobalChain] : [.. gate.Qubits];
}

/// <summary>When two gates can trade places.</summary>
internal static class Commutation
{
    /// <summary>True when they share a qubit.</summary>
    public static bool Overlap(GateOperation a, GateOperation b)
    {
        foreach (int q in a.Qubits)
            if (b.Qubits.Contains(q)) return true;
        return false;
    }

    /// <summary>A sufficient test: they act on different qubits, or both are diagonal.</summary>
    public static bool Commute(GateOperation a, GateOperation b) => !Overlap(a, b) || (a.Gate.IsDiagonal && b.Gate.IsDiagonal);

    /// <summary>True when <paramref name="a"/> does not touch a qubit of <paramref name="b"/>.</summary>
    public static bool Disjoint(GateOperation a, GateOperation b) => !Overlap(a, b);

    /// <summary>True when every qubit of <paramref name="inner"/> is one of <paramref name="outer"/>'s.</summary>
    public static bool Covers(GateOperation outer, GateOperation inner) => inner.Qubits.All(outer.Qubits.Contains);
}
