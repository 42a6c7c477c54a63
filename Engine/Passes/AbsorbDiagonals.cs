using QSim.Circuits;

namespace QSim.Passes;

/// <summary>
/// Folds a diagonal gate into the neighbouring non-diagonal gate that it meets first on its qubits,
/// when that gate covers all of them and the cost model says one kernel on the product is cheaper
/// than the two apart (e.g. CZ·CX → one dense 2-qubit gate; not a phase into a Toffoli when dense
/// 3-qubit kernels cost more than a diagonal pass).
/// </summary>
public sealed class AbsorbDiagonals(KernelCostModel costs) : SegmentPass
{
    /// <inheritdoc/>
    public override string Name => "absorb-diagonals";

    /// <inheritdoc/>
    protected override IEnumerable<GateOperation> Rewrite(IReadOnlyList<GateOperation> segment)
    {
        var gates = new GateList();
        foreach (var gate in segment)
        {
            int met = gate.Qubits.IsEmpty ? -1 : gates.FindBlocking(gate, Commutation.Disjoint);
            if (met >= 0 && TryAbsorb(gates[met], gate) is { } product) gates[met] = product;
            else gates.Add(gate);
        }
        return gates.Kept;
    }

    // The earlier gate is the last on every qubit of the later one, so the pair is adjacent on those
    // qubits: the product can stand at either place when one pair member's qubits cover the other's.
    private GateOperation? TryAbsorb(GateOperation earlier, GateOperation later)
    {
        if (earlier.Gate.IsDiagonal == later.Gate.IsDiagonal) return null;
        var (dense, diagonal) = earlier.Gate.IsDiagonal ? (later, earlier) : (earlier, later);
        if (!Commutation.Covers(dense, diagonal)) return null;
        double apart = costs.Cost(dense) + costs.Cost(diagonal);
        double together = costs.Cost(dense.Qubits.Length, diagonal: false);
        return together < apart ? FusedGate.Of([earlier, later], dense.Qubits) : null;
    }
}
