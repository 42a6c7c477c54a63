using QSim.Circuits;

namespace QSim.Passes;

/// <summary>
/// The gates of a run being rewritten in place: gates can be replaced or removed, and a search walks
/// back from a new gate over the gates it can pass (it commutes with them) to the one it meets.
/// </summary>
internal sealed class GateList
{
    private readonly List<GateOperation?> _gates = new();

    public int Add(GateOperation gate)
    {
        _gates.Add(gate);
        return _gates.Count - 1;
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
        for (int i = _gates.Count - 1; i >= 0; i--)
            if (_gates[i] is { } earlier && !canPass(gate, earlier)) return i;
        return -1;
    }

    public IEnumerable<GateOperation> Kept => _gates.OfType<GateOperation>();
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
