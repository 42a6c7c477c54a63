using QSim.Circuits;

namespace QSim.Passes;

/// <summary>
/// A pass that rewrites each maximal run of unconditioned gates on its own. Measurements, resets,
/// barriers, noise channels and conditioned operations end a run, so nothing is moved or fused across them.
/// </summary>
public abstract class SegmentPass : IPass
{
    /// <inheritdoc/>
    public abstract string Name { get; }

    /// <inheritdoc/>
    public Circuit Run(Circuit circuit)
    {
        var result = circuit.CopyShape();
        // A rewrite may drop every use of a symbol; the plan must still accept (and require) its value.
        foreach (var symbol in circuit.Symbols) result.DeclareSymbol(symbol.Name);
        foreach (var (segment, boundary) in Split(circuit))
        {
            if (boundary is not null) result.Append(boundary);
            else foreach (var gate in Rewrite(segment)) result.Append(gate);
        }
        return result;
    }

    /// <summary>
    /// The circuit as maximal runs of unconditioned gates and the boundaries between them, in order:
    /// each item is a run (and a null boundary) or a boundary (and an empty run).
    /// </summary>
    internal static IEnumerable<(IReadOnlyList<GateOperation> Segment, Operation? Boundary)> Split(Circuit circuit)
    {
        var segment = new List<GateOperation>();
        foreach (var op in circuit.Operations)
        {
            if (op is GateOperation gate)
            {
                segment.Add(gate);
                continue;
            }
            if (segment.Count > 0) yield return (segment, null);
            segment = new List<GateOperation>();
            yield return ([], op);
        }
        if (segment.Count > 0) yield return (segment, null);
    }

    /// <summary>The rewritten gates of one run, in an order that applies the same unitary.</summary>
    protected abstract IEnumerable<GateOperation> Rewrite(IReadOnlyList<GateOperation> segment);
}
