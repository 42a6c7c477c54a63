using QSim.Circuits;
using QSim.Parameters;

namespace QSim.Passes;

/// <summary>
/// Removes a gate and its inverse when nothing between them stops them meeting: gates in between
/// may act on other qubits, or commute with them (both diagonal). H·H, S·S†, CX·CX, RX(θ)·RX(θ)†.
/// </summary>
public sealed class CancelInversePairs : SegmentPass
{
    /// <inheritdoc/>
    public override string Name => "cancel-inverses";

    /// <inheritdoc/>
    protected override IEnumerable<GateOperation> Rewrite(IReadOnlyList<GateOperation> segment)
    {
        var gates = new GateList(segment.Count);
        foreach (var gate in segment)
        {
            int met = gates.FindBlocking(gate, (g, earlier) => !AreInverses(earlier, g) && Commutation.Commute(g, earlier));
            if (met >= 0 && AreInverses(gates[met], gate)) gates.Remove(met);
            else gates.Add(gate);
        }
        return gates.Kept();
    }

    private static bool AreInverses(GateOperation first, GateOperation second) =>
        ReferenceEquals(first.Gate.Inverse(), second.Gate)
        && first.Qubits.AsSpan().SequenceEqual(second.Qubits.AsSpan())
        && ParameterExpression.SameText(first.Parameters.AsSpan(), second.Parameters.AsSpan());
}
