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
    private const int GlobalChain = -1;

    private readonly List<GateOperation?> _gates;
    // The links of entry i sit at [_linkStart[i], _linkStart[i + 1]) of the two flat lists: its chains (its qubits, or
    // the global chain) and the index of the previous entry on each of them (-1 for none). A removed entry keeps its
    // links, so walks pass through it.
    private readonly List<int> _linkStart;
    private readonly List<int> _linkChain;
    private readonly List<int> _linkPrevious;
    // The latest entry on each chain (chain c at index c + 1), or -1. The table spans the highest qubit named, so one is
    // kept per thread and handed from list to list (Kept resets the entries its list set): thousands of runs that name a
    // qubit of a register of a million share one table instead of making one each.
    private int[] _last = TakeSpareTable();

    [ThreadStatic] private static int[]? t_spareTable;

    /// <summary>An empty list with room for <paramref name="capacity"/> gates of about two qubits each.</summary>
    public GateList(int capacity)
    {
        _gates = new(capacity);
        _linkStart = new(capacity + 1) { 0 };
        _linkChain = new(2 * capacity);
        _linkPrevious = new(2 * capacity);
    }

    public int Add(GateOperation gate)
    {
        int index = _gates.Count;
        foreach (int chain in Chains(gate))
        {
            ref int last = ref Last(chain);
            _linkChain.Add(chain);
            _linkPrevious.Add(last);
            last = index;
        }
        _gates.Add(gate);
        _linkStart.Add(_linkChain.Count);
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
        for (int j = 0; j < chains.Length; j++) heads[j] = Last(chains[j]);
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

    /// <summary>The gates kept, in order. The list is done with: its chain table goes back to the thread for the next list.</summary>
    public List<GateOperation> Kept()
    {
        var kept = new List<GateOperation>(_gates.Count);
        foreach (var gate in _gates)
            if (gate is not null) kept.Add(gate);
        foreach (int chain in _linkChain) _last[chain + 1] = -1;
        t_spareTable = _last;
        _last = [];
        return kept;
    }

    private static int[] TakeSpareTable()
    {
        var table = t_spareTable ?? [];
        t_spareTable = null;
        return table;
    }

    private ref int Last(int chain)
    {
        int slot = chain + 1;
        if (slot >= _last.Length)
        {
            int old = _last.Length;
            Array.Resize(ref _last, Math.Max(slot + 1, 2 * old));
            _last.AsSpan(old).Fill(-1);
        }
        return ref _last[slot];
    }

    private int PreviousOn(int index, int chain)
    {
        for (int link = _linkStart[index]; link < _linkStart[index + 1]; link++)
            if (_linkChain[link] == chain) return _linkPrevious[link];
        throw new InvalidOperationException($"Gate {index} is not on chain {chain}.");
    }

    private static ReadOnlySpan<int> Chains(GateOperation gate) => gate.Qubits.IsEmpty ? GlobalChains : gate.Qubits.AsSpan();

    private static ReadOnlySpan<int> GlobalChains => [GlobalChain];
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
