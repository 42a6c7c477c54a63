using System.Text;

namespace QSim.Circuits;

/// <summary>
/// Lays a circuit out in columns and renders it as text (<see cref="Circuit.Draw"/>). Text rows alternate: a wire
/// row per qubit, and between two wires a connector row where vertical lines (<c>│</c>) join a gate's qubits.
/// </summary>
internal sealed class CircuitTextDrawer
{
    private const char Wire = '─';
    private const string Gap = "──";

    /// <summary>One operation as drawn: the qubit rows it spans, its symbol on each of its own qubits, and how it joins them.</summary>
    private sealed record Piece(int Top, int Bottom, Dictionary<int, string> Labels, bool IsBarrier);

    private readonly Circuit _circuit;
    private readonly List<List<Piece>> _columns = [];
    private readonly List<string> _globalPhases = [];

    public CircuitTextDrawer(Circuit circuit)
    {
        _circuit = circuit;
        var nextFreeColumnOfQubit = new int[circuit.QubitCount];
        var nextFreeColumnOfClbit = new int[circuit.ClbitCount];
        foreach (var op in circuit.Operations)
        {
            if (Circuit.UnwrapGate(op) is { Qubits.Length: 0 } phase)
            {
                _globalPhases.Add(GateLabels.Parameter(phase.Parameters[0]));
                continue;
            }
            var piece = PieceOf(op);
            var clbits = Circuit.ClassicalBitsOf(op).ToList();
            int column = 0;
            for (int q = piece.Top; q <= piece.Bottom; q++) column = Math.Max(column, nextFreeColumnOfQubit[q]);
            foreach (int c in clbits) column = Math.Max(column, nextFreeColumnOfClbit[c]);
            for (int q = piece.Top; q <= piece.Bottom; q++) nextFreeColumnOfQubit[q] = column + 1;
            foreach (int c in clbits) nextFreeColumnOfClbit[c] = column + 1;
            if (column == _columns.Count) _columns.Add([]);
            _columns[column].Add(piece);
        }
    }

    /// <summary>The diagram, folded at <paramref name="width"/> characters (0: never).</summary>
    public string Render(int width)
    {
        var text = new StringBuilder();
        if (_globalPhases.Count > 0) text.Append("global phase: ").AppendJoin(" + ", _globalPhases).Append('\n');
        string[] names = [.. Enumerable.Range(0, _circuit.QubitCount).Select(q => QubitName(q) + ": ")];
        int prefixWidth = names.Select(n => n.Length).DefaultIfEmpty(0).Max();
        int[] widths = [.. _columns.Select(column => column.SelectMany(p => p.Labels.Values).Max(label => label.Length))];

        int start = 0;
        do
        {
            int end = start;
            // Room for the prefix, « and », and the wire's end; a page takes at least one column.
            int used = prefixWidth + 1 + Gap.Length + 1;
            while (end < widths.Length && (end == start || width == 0 || used + Gap.Length + widths[end] <= width)) used += Gap.Length + widths[end++];
            if (start > 0) text.Append('\n');
            RenderPage(text, names, prefixWidth, widths, start, end);
            start = end;
        }
        while (start < _columns.Count);
        return text.ToString();
    }

    private void RenderPage(StringBuilder text, string[] names, int prefixWidth, int[] widths, int start, int end)
    {
        string continuedFrom = start > 0 ? "«" : "";
        string continuesAt = end < _columns.Count ? "»" : "";
        for (int q = 0; q < _circuit.QubitCount; q++)
        {
            var wire = new StringBuilder(names[q].PadLeft(prefixWidth)).Append(continuedFrom);
            for (int c = start; c < end; c++) wire.Append(Gap).Append(WireCell(_columns[c], q, widths[c]));
            text.Append(wire).Append(Gap).Append(continuesAt).Append('\n');
            if (q == _circuit.QubitCount - 1) break;
            var connector = new StringBuilder(new string(' ', prefixWidth + continuedFrom.Length));
            for (int c = start; c < end; c++) connector.Append("  ").Append(ConnectorCell(_columns[c], q, widths[c]));
            text.Append(connector.ToString().TrimEnd()).Append('\n');
        }
    }

    /// <summary>Qubit <paramref name="q"/>'s wire in one column: a piece's symbol centred on it, a crossing, or bare wire.</summary>
    private static string WireCell(List<Piece> column, int q, int width)
    {
        var piece = column.FirstOrDefault(p => p.Top <= q && q <= p.Bottom);
        string middle = piece is null ? "" : piece.Labels.TryGetValue(q, out var label) ? label : piece.IsBarrier ? "" : "┼";
        int left = (width - middle.Length) / 2;
        return new string(Wire, left) + middle + new string(Wire, width - left - middle.Length);
    }

    /// <summary>The gap below qubit <paramref name="q"/> in one column: the line of a piece that spans it, else blank.</summary>
    private static string ConnectorCell(List<Piece> column, int q, int width)
    {
        var piece = column.FirstOrDefault(p => p.Top <= q && q + 1 <= p.Bottom);
        char mark = piece is null ? ' '
            : !piece.IsBarrier ? '│'
            : piece.Labels.ContainsKey(q) && piece.Labels.ContainsKey(q + 1) ? '░' : ' ';
        var cell = new string(' ', width).ToCharArray();
        cell[(width - 1) / 2] = mark;
        return new string(cell);
    }

    private Piece PieceOf(Operation op)
    {
        var labels = LabelsOf(op);
        return new Piece(labels.Keys.Min(), labels.Keys.Max(), labels, op is BarrierOperation);
    }

    private Dictionary<int, string> LabelsOf(Operation op)
    {
        switch (op)
        {
            case GateOperation gate:
                return GateLabels.Of(gate);
            case MeasureOperation measure:
                return new() { [measure.Qubit] = "M→" + ClbitName(measure.Clbit) };
            case ResetOperation reset:
                return new() { [reset.Qubit] = "|0⟩" };
            case BarrierOperation barrier:
                return barrier.Qubits.Distinct().ToDictionary(q => q, _ => "░");
            case ConditionalOperation conditional:
                // The condition follows the symbol on the body's last qubit: the target of a controlled gate.
                var labels = LabelsOf(conditional.Body);
                int last = conditional.Body.Qubits[^1];
                labels[last] += " if " + ConditionText(conditional.Condition);
                return labels;
            default:
                throw new NotSupportedException($"Drawing '{op.GetType().Name}' is not supported.");
        }
    }

    /// <summary><c>c==3</c> for a whole register, <c>c[1]==1</c> for one bit, <c>{c[0],c[2]}==1</c> otherwise.</summary>
    private string ConditionText(ClassicalCondition condition)
    {
        var register = _circuit.ClassicalRegisters.FirstOrDefault(r =>
            r.Size == condition.Clbits.Length && condition.Clbits.Select((bit, i) => bit == r.Offset + i).All(same => same));
        string bits = register is not null ? register.Name
            : condition.Clbits.Length == 1 ? ClbitName(condition.Clbits[0])
            : "{" + string.Join(",", condition.Clbits.Select(ClbitName)) + "}";
        return $"{bits}=={condition.Value}";
    }

    private string QubitName(int qubit) => BitName(_circuit.QuantumRegisters, qubit);

    private string ClbitName(int clbit) => BitName(_circuit.ClassicalRegisters, clbit);

    private static string BitName(IReadOnlyList<Register> registers, int index)
    {
        var register = registers.First(r => r.Offset <= index && index < r.Offset + r.Size);
        return $"{register.Name}[{index - register.Offset}]";
    }
}
