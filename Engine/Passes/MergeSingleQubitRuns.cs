using QSim.Circuits;

namespace QSim.Passes;

/// <summary>
/// Replaces every run of two or more 1-qubit gates on one qubit (gates on other qubits may come
/// between) by one gate whose matrix is their product: one 2x2 kernel instead of several.
/// </summary>
public sealed class MergeSingleQubitRuns : SegmentPass
{
    /// <inheritdoc/>
    public override string Name => "merge-1q-runs";

    /// <inheritdoc/>
    protected override IEnumerable<GateOperation> Rewrite(IReadOnlyList<GateOperation> segment)
    {
        var gates = new GateList();
        var runs = new Dictionary<int, List<int>>();
        foreach (var gate in segment)
        {
            if (gate.Qubits.Length == 1)
            {
                int q = gate.Qubits[0];
                if (!runs.TryGetValue(q, out var run)) runs[q] = run = new List<int>();
                run.Add(gates.Add(gate));
                continue;
            }
            foreach (int q in gate.Qubits) Close(q);
            gates.Add(gate);
        }
        foreach (int q in runs.Keys.ToArray()) Close(q);
        return gates.Kept;

        // The merged gate takes the place of the run's last gate: the earlier ones only pass gates on other qubits.
        void Close(int qubit)
        {
            if (!runs.Remove(qubit, out var run) || run.Count < 2) return;
            var merged = FusedGate.Of(run.Select(i => gates[i]).ToArray(), [qubit]);
            foreach (int i in run) gates.Remove(i);
            gates[run[^1]] = merged;
        }
    }
}
