using System.Text.RegularExpressions;
using QSim.Circuits;
using QSim.Qasm;

namespace QSim.Perf.Circuits;

/// <summary>
/// One end-to-end workload: OpenQASM text and what it holds. Its label (<see cref="ToString"/>, e.g.
/// <c>qft 20q 230g</c>) is the benchmark parameter and carries the qubit and gate counts, so the report can read
/// them back from the results.
/// </summary>
public sealed partial record CircuitCase(string Name, string Qasm, int Qubits, int Gates)
{
    /// <summary>Longest label BenchmarkDotNet writes into its exports unabridged.</summary>
    public const int MaxLabelLength = 20;

    /// <summary>Parses <paramref name="qasm"/> once to count its qubits and gates; the name leaves out the qubit count, which the label adds.</summary>
    /// <exception cref="InvalidOperationException">The circuit is not unitary, or the label would be too long for the exports.</exception>
    public static CircuitCase FromQasm(string name, string qasm)
    {
        var circuit = QasmParser.Parse(qasm, name);
        if (!circuit.IsUnitary) throw new InvalidOperationException($"Benchmark circuit '{name}' measures or resets: end-to-end runs need a unitary circuit.");
        var result = new CircuitCase(name, qasm, circuit.QubitCount, circuit.Operations.Count(op => op is GateOperation));
        if (result.ToString().Length > MaxLabelLength)
            throw new InvalidOperationException($"Benchmark circuit label '{result}' is longer than {MaxLabelLength} characters, which BenchmarkDotNet abridges in its exports: shorten the name.");
        return result;
    }

    public override string ToString() => $"{Name} {Qubits}q {Gates}g";

    /// <summary>Reads the qubit and gate counts back from a label.</summary>
    public static bool TryParseLabel(string label, out int qubits, out int gates)
    {
        var match = LabelPattern().Match(label);
        qubits = match.Success ? int.Parse(match.Groups[1].Value) : 0;
        gates = match.Success ? int.Parse(match.Groups[2].Value) : 0;
        return match.Success;
    }

    [GeneratedRegex(@" (\d+)q (\d+)g$")]
    private static partial Regex LabelPattern();
}
