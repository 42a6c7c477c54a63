using System.Text.RegularExpressions;
using QSim.Circuits;
using QSim.Qasm;

namespace QSim.Perf.Circuits;

/// <summary>
/// One end-to-end workload: OpenQASM text and what it holds. Its label (<see cref="ToString"/>) is the
/// benchmark parameter, and carries the qubit and gate counts so the report can read them back from the results.
/// </summary>
public sealed partial record CircuitCase(string Name, string Qasm, int Qubits, int Gates)
{
    /// <summary>Parses <paramref name="qasm"/> once to count its qubits and gates.</summary>
    public static CircuitCase FromQasm(string name, string qasm)
    {
        var circuit = QasmParser.Parse(qasm, name);
        if (!circuit.IsUnitary) throw new InvalidOperationException($"Benchmark circuit '{name}' measures or resets: end-to-end runs need a unitary circuit.");
        return new CircuitCase(name, qasm, circuit.QubitCount, circuit.Operations.Count(op => op is GateOperation));
    }

    public override string ToString() => $"{Name} ({Qubits} qubits, {Gates} gates)";

    /// <summary>Reads the qubit and gate counts back from a label.</summary>
    public static bool TryParseLabel(string label, out int qubits, out int gates)
    {
        var match = LabelPattern().Match(label);
        qubits = match.Success ? int.Parse(match.Groups[1].Value) : 0;
        gates = match.Success ? int.Parse(match.Groups[2].Value) : 0;
        return match.Success;
    }

    [GeneratedRegex(@"\((\d+) qubits, (\d+) gates\)$")]
    private static partial Regex LabelPattern();
}
