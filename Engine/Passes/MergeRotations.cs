using QSim.Circuits;
using QSim.Gates;

namespace QSim.Passes;

/// <summary>
/// Merges two rotations about the same axis on the same qubits into one whose angle is the sum
/// (RZ(a)·RZ(b) = RZ(a+b)), also across gates they commute with. Symbolic angles stay symbolic:
/// the merged angle is the expression a + b.
/// </summary>
public sealed class MergeRotations : SegmentPass
{
    // One-parameter gates with U(a)·U(b) = U(a + b).
    private static readonly HashSet<GateDefinition> Additive =
    [
        GateLibrary.RX, GateLibrary.RY, GateLibrary.RZ, GateLibrary.P, GateLibrary.GPhase,
        GateLibrary.RXX, GateLibrary.RYY, GateLibrary.RZZ, GateLibrary.RZX,
        GateLibrary.CRX, GateLibrary.CRY, GateLibrary.CRZ, GateLibrary.CP,
    ];

    /// <inheritdoc/>
    public override string Name => "merge-rotations";

    /// <inheritdoc/>
    protected override IEnumerable<GateOperation> Rewrite(IReadOnlyList<GateOperation> segment)
    {
        var gates = new GateList(segment.Count);
        foreach (var gate in segment)
        {
            int met = Additive.Contains(gate.Gate) ? gates.FindBlocking(gate, CanPass) : -1;
            if (met >= 0 && SameGateAndQubits(gates[met], gate))
                gates[met] = gate with { Parameters = [gates[met].Parameters[0] + gate.Parameters[0]] };
            else gates.Add(gate);
        }
        return gates.Kept();
    }

    // A rotation passes gates it commutes with, but stops at its own kind on its own qubits to merge there.
    private static bool CanPass(GateOperation rotation, GateOperation earlier) =>
        !SameGateAndQubits(rotation, earlier) && Commutation.Commute(rotation, earlier);

    private static bool SameGateAndQubits(GateOperation a, GateOperation b) =>
        ReferenceEquals(a.Gate, b.Gate) && a.Qubits.AsSpan().SequenceEqual(b.Qubits.AsSpan());
}
