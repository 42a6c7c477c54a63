using System.Globalization;
using System.Text;
using QSim.Circuits;
using QSim.Gates;
using QSim.Qasm.Semantics;

namespace QSim.Qasm;

/// <summary>A circuit holds something OpenQASM cannot express (e.g. an arbitrary unitary matrix).</summary>
public sealed class QasmExportException(string message) : InvalidOperationException(message);

/// <summary>
/// Writes a circuit as OpenQASM: version 2.0 with <c>qelib1.inc</c> when every operation has a qelib1 name,
/// else version 3.0 with <c>stdgates.inc</c> (needed for symbols, which become <c>input float[64]</c>, for
/// <c>gphase</c>, for gates written with <c>ctrl @</c> / <c>inv @</c> modifiers, and for conditions on single bits).
/// Parsing the output gives the same circuit.
/// </summary>
public static class QasmExporter
{
    private static readonly HashSet<string> Qelib1 = new(StandardIncludes.Qelib1Names, StringComparer.Ordinal);
    private static readonly HashSet<string> Stdgates = new(StandardIncludes.StdgatesNames, StringComparer.Ordinal);

    /// <summary>The circuit as OpenQASM text.</summary>
    /// <exception cref="QasmExportException">An operation cannot be written in OpenQASM (the message names it).</exception>
    public static string Export(Circuit circuit)
    {
        bool version3 = circuit.Symbols.Count > 0 || circuit.Operations.Any(op => NeedsVersion3(circuit, op));
        var writer = new Writer(circuit, version3);
        return writer.Write();
    }

    private static bool NeedsVersion3(Circuit circuit, Operation op) => op switch
    {
        GateOperation g => Qelib1Name(g.Gate) is null,
        ConditionalOperation c => FindRegister(circuit.ClassicalRegisters, c.Condition) is null || NeedsVersion3(circuit, c.Body),
        _ => false,
    };

    private static string? Qelib1Name(GateDefinition gate) =>
        Qelib1.Contains(gate.Name) && ReferenceEquals(GateLibrary.Find(gate.Name), gate) ? gate.Name : null;

    /// <summary>
    /// The gate as OpenQASM 3 text: a stdgates.inc name or <c>ctrl @</c> / <c>inv @</c> modifiers on one; failing that
    /// (a QSim extension), the same over qelib1.inc's names too, e.g. <c>inv @ rccx</c> or <c>ctrl @ rzz</c>. Null when there is none.
    /// </summary>
    private static string? Version3Name(GateDefinition gate) => StdgatesForm(gate) ?? Written(gate, Qelib1AndStdgates, allowInverse: true);

    private static string? StdgatesForm(GateDefinition gate) => Written(gate, Stdgates, allowInverse: true);

    private static readonly HashSet<string> Qelib1AndStdgates = [.. Qelib1, .. Stdgates];

    /// <summary>
    /// The gate as a library row named in <paramref name="names"/>, with modifiers: <c>ctrl @</c> for each control peeled
    /// off a controlled gate, as few as possible (so a controlled cu is written "ctrl @ cu"), or <c>inv @</c> on the
    /// gate's inverse (once, as the inverse's inverse is the gate itself).
    /// </summary>
    private static string? Written(GateDefinition gate, HashSet<string> names, bool allowInverse)
    {
        if (LibraryName(gate, names) is { } name) return name;
        if (ReferenceEquals(gate, GateLibrary.GPhase)) return "gphase";
        if (gate.ControlCount > 0)
        {
            // Only library rows carry a name with controls, and none has more than a few: look no further down than
            // that (a gate with thousands of controls is not searched control by control).
            for (int kept = Math.Min(gate.ControlCount - 1, MostLibraryControls); kept >= 0; kept--)
            {
                var inner = GateAlgebra.Controlled(gate.Target!, kept);
                if ((kept == 0 ? Written(inner, names, allowInverse) : LibraryName(inner, names)) is { } innerName)
                    return string.Concat(Enumerable.Repeat("ctrl @ ", gate.ControlCount - kept)) + innerName;
            }
            return null;
        }
        var inverse = gate.Inverse();
        return allowInverse && !ReferenceEquals(inverse, gate) && Written(inverse, names, allowInverse: false) is { } inverted ? "inv @ " + inverted : null;
    }

    private static string? LibraryName(GateDefinition gate, HashSet<string> names) =>
        names.Contains(gate.Name) && ReferenceEquals(GateLibrary.Find(gate.Name), gate) ? gate.Name : null;

    private static readonly int MostLibraryControls = GateLibrary.All.Values.Max(g => g.ControlCount);

    private static Register? FindRegister(IReadOnlyList<Register> registers, ClassicalCondition condition) =>
        registers.FirstOrDefault(r => condition.Clbits.SequenceEqual(Enumerable.Range(r.Offset, r.Size)));

    private sealed class Writer(Circuit circuit, bool version3)
    {
        private readonly StringBuilder _text = new();

        public string Write()
        {
            _text.AppendLine(version3 ? "OPENQASM 3.0;" : "OPENQASM 2.0;");
            _text.AppendLine(version3 ? "include \"stdgates.inc\";" : "include \"qelib1.inc\";");
            // QSim extension: qelib1-only gates (rzz, rxx, u0, rccx, ...) keep their names in OpenQASM 3 output, modifiers included.
            if (version3 && circuit.Operations.Any(op => Circuit.UnwrapGate(op) is { } g && StdgatesForm(g.Gate) is null))
                _text.AppendLine("include \"qelib1.inc\";");
            foreach (var symbol in circuit.Symbols) _text.AppendLine($"input float[64] {symbol.Name};");
            foreach (var r in circuit.QuantumRegisters) _text.AppendLine(version3 ? $"qubit[{r.Size}] {r.Name};" : $"qreg {r.Name}[{r.Size}];");
            foreach (var r in circuit.ClassicalRegisters) _text.AppendLine(version3 ? $"bit[{r.Size}] {r.Name};" : $"creg {r.Name}[{r.Size}];");
            foreach (var op in circuit.Operations) _text.AppendLine(Statement(op));
            return _text.ToString();
        }

        private string Statement(Operation op) => op switch
        {
            GateOperation g => GateCall(g),
            MeasureOperation m => version3 ? $"{Clbit(m.Clbit)} = measure {Qubit(m.Qubit)};" : $"measure {Qubit(m.Qubit)} -> {Clbit(m.Clbit)};",
            ResetOperation r => $"reset {Qubit(r.Qubit)};",
            BarrierOperation b => $"barrier {string.Join(", ", b.Qubits.Select(Qubit))};",
            ConditionalOperation c => $"if ({Condition(c.Condition)}) {Statement(c.Body)}",
            _ => throw new QasmExportException($"'{op}' cannot be written in OpenQASM."),
        };

        private string GateCall(GateOperation g)
        {
            string name = (version3 ? Version3Name(g.Gate) : Qelib1Name(g.Gate))
                ?? throw new QasmExportException($"Gate '{g.Gate.Name}' has no OpenQASM {(version3 ? "3 (stdgates.inc)" : "2 (qelib1.inc)")} form and cannot be exported.");
            string parameters = g.Parameters.IsEmpty ? "" : $"({string.Join(", ", g.Parameters)})";
            string qubits = string.Join(", ", g.Qubits.Select(Qubit));
            return qubits.Length == 0 ? $"{name}{parameters};" : $"{name}{parameters} {qubits};";
        }

        private string Condition(ClassicalCondition condition)
        {
            if (FindRegister(circuit.ClassicalRegisters, condition) is { } register)
                return $"{register.Name} == {condition.Value.ToString(CultureInfo.InvariantCulture)}";
            if (version3 && condition.Clbits.Length == 1) return $"{Clbit(condition.Clbits[0])} == {condition.Value.ToString(CultureInfo.InvariantCulture)}";
            throw new QasmExportException("A condition on classical bits that are neither one whole register nor one bit cannot be written in OpenQASM.");
        }

        private string Qubit(int index) => Bit(circuit.QuantumRegisters, index);

        private string Clbit(int index) => Bit(circuit.ClassicalRegisters, index);

        private static string Bit(IReadOnlyList<Register> registers, int index)
        {
            var r = registers.First(r => index >= r.Offset && index < r.Offset + r.Size);
            return $"{r.Name}[{index - r.Offset}]";
        }
    }
}
