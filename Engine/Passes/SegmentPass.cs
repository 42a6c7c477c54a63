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
        var operations = new List<Operation>(circuit.Operations.Count);
        foreach (var (segment, boundary) in Split(circuit))
        {
            if (boundary is not null) operations.Add(boundary);
            else operations.AddRange(Rewrite(segment));
        }
        // A rewrite may drop every use of a symbol; the result keeps them all, so its plan still accepts (and requires) their values.
        return circuit.WithOperations(operations);
    }

    /// <summary>
    /// The circuit as maximal runs of unconditioned gates and the boundaries between them, in order:
    /// each item is a run (and a null boundary) or a boundary (and an empty run).
    /// </summary>
    internal static IEnumerable<(IReadOnlyList<GateOperation> Segment, Operation? Boundary)> Split(Circuit circuit)
    {
        var operations = circuit.Operations;
        int start = 0;
        for (int i = 0; i < operations.Count; i++)
        {
            if (operations[i] is GateOperation) continue;
            if (i > start) yield return (new GateRun(operations, start, i - start), null);
            yield return ([], operations[i]);
            start = i + 1;
        }
        if (operations.Count > start) yield return (new GateRun(operations, start, operations.Count - start), null);
    }

    /// <summary>A run of gates read in place from the circuit's operations (not copied: a run can be millions of gates long).</summary>
    private sealed class GateRun(IReadOnlyList<Operation> operations, int start, int count) : IReadOnlyList<GateOperation>
    {
        public int Count => count;

        public GateOperation this[int index] => (uint)index < (uint)count
            ? (GateOperation)operations[start + index]
            : throw new ArgumentOutOfRangeException(nameof(index));

        public IEnumerator<GateOperation> GetEnumerator()
        {
            for (int i = start; i < start + count; i++) yield return (GateOperation)operations[i];
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }

    /// <summary>The rewritten gates of one run, in an order that applies the same unitary.</summary>
    protected abstract IEnumerable<GateOperation> Rewrite(IReadOnlyList<GateOperation> segment);
}
