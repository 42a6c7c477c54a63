using QSim.Circuits;
using QSim.Gates;
using QSim.Qasm;
using QSim.Qasm.Semantics;

namespace QSim.Tests.Conformance;

/// <summary>parse → export → parse gives the same circuit, on every corpus file and on OpenQASM 3 constructs.</summary>
public class RoundTripTests
{
    [TestCaseSource(typeof(Corpus), nameof(Corpus.Names))]
    public void Export_CorpusFile_ParsesBackToSameCircuit(string name)
    {
        var original = QasmParser.ParseFile(Corpus.QasmPath(name));

        string exported = QasmExporter.Export(original);

        Assert.That(exported, Does.StartWith("OPENQASM 2.0;"));
        AssertSameCircuit(QasmParser.Parse(exported, "exported.qasm"), original);
    }

    [TestCase("input float[64] theta; qubit[2] q; rx(theta / 2) q[0]; cx q[0], q[1];")]
    [TestCase("qubit[4] q; ctrl(2) @ x q[0], q[1], q[2]; ctrl @ ccx q[0], q[1], q[2], q[3];")]
    [TestCase("qubit[2] q; inv @ sx q[0]; inv @ s q[1]; ctrl @ sx q[0], q[1]; gphase(pi/3);")]
    [TestCase("qubit[2] q; bit[2] c; h q[0]; c[0] = measure q[0]; if (c[0] == 1) x q[1]; if (c == 2) reset q[1];")]
    [TestCase("include \"qelib1.inc\"; input float[64] gamma; qubit[2] q; rzz(gamma) q[0], q[1]; rxx(0.5) q[0], q[1];")]
    [TestCase("qubit[3] q; negctrl @ ctrl @ rz(0.25) q[0], q[1], q[2]; pow(2) @ t q[0]; inv @ u3(0.1, 0.2, 0.3) q[1];")]
    public void Export_OpenQasm3Program_ParsesBackToSameCircuit(string body)
    {
        var original = QasmParser.Parse("OPENQASM 3.0;\ninclude \"stdgates.inc\";\n" + body);

        string exported = QasmExporter.Export(original);

        AssertSameCircuit(QasmParser.Parse(exported, "exported.qasm"), original);
    }

    /// <summary>Every gate of qelib1.inc and stdgates.inc, plain and under inv @ and ctrl @, with distinct parameters.</summary>
    private static IEnumerable<TestCaseData> ModifiedLibraryGates() =>
        from name in StandardIncludes.Qelib1Names.Union(StandardIncludes.StdgatesNames).Append("gphase")
        from modifiers in new[] { "", "inv @ ", "ctrl @ ", "inv @ ctrl @ ", "ctrl @ inv @ " }
        let gate = GateLibrary.Find(name)!
        let parameters = gate.ParameterCount == 0 ? "" : $"({string.Join(", ", Enumerable.Range(1, gate.ParameterCount).Select(k => 0.1 * k))})"
        let qubits = string.Join(", ", Enumerable.Range(0, gate.QubitCount + (modifiers.Contains("ctrl") ? 1 : 0)).Select(q => $"q[{q}]"))
        select new TestCaseData($"{modifiers}{name}{parameters} {qubits};".Replace(" ;", ";")).SetArgDisplayNames(modifiers + name);

    [TestCaseSource(nameof(ModifiedLibraryGates))]
    public void Export_LibraryGateWithModifiers_ParsesBackToSameCircuit(string call)
    {
        var original = QasmParser.Parse($"OPENQASM 3.0;\ninclude \"stdgates.inc\";\ninclude \"qelib1.inc\";\nqubit[6] q;\n{call}");

        string exported = QasmExporter.Export(original);

        AssertSameCircuit(QasmParser.Parse(exported, "exported.qasm"), original);
    }

    [Test]
    public void Export_ArbitraryUnitary_ThrowsNamingTheGate()
    {
        var circuit = new Circuit(1).Unitary(Numerics.ComplexMatrix.Identity(2), 0);

        Assert.That(() => QasmExporter.Export(circuit), Throws.TypeOf<QasmExportException>().With.Message.Contains("'unitary'"));
    }

    private static void AssertSameCircuit(Circuit actual, Circuit expected)
    {
        Assert.That(actual.QuantumRegisters, Is.EqualTo(expected.QuantumRegisters));
        Assert.That(actual.ClassicalRegisters, Is.EqualTo(expected.ClassicalRegisters));
        Assert.That(actual.Symbols, Is.EqualTo(expected.Symbols));
        Assert.That(actual.Operations, Is.EqualTo(expected.Operations));
    }
}
