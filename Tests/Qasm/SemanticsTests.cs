using System.Globalization;
using System.Numerics;
using QSim.Circuits;
using QSim.Gates;
using QSim.Qasm;
using QSim.Tests.Oracles;

namespace QSim.Tests.Qasm;

/// <summary>Lowering to the circuit IR: registers, broadcasting, gate definitions, modifiers, conditions, includes.</summary>
public class SemanticsTests
{
    private const string Qasm2 = "OPENQASM 2.0;\ninclude \"qelib1.inc\";\n";
    private const string Qasm3 = "OPENQASM 3.0;\ninclude \"stdgates.inc\";\n";

    private static Complex[] State(string text) => ReferenceSimulator.Run(QasmParser.Parse(text));

    private static void AssertSameState(string actual, string expected)
    {
        var a = State(actual);
        var b = State(expected);
        for (int i = 0; i < a.Length; i++) Assert.That(Complex.Abs(a[i] - b[i]), Is.LessThan(1e-12), $"amplitude {i}");
    }

    [Test]
    public void Parse_Registers_NumberQubitsInDeclarationOrder()
    {
        var circuit = QasmParser.Parse(Qasm2 + "qreg a[2];\nqreg b[3];\ncreg c[1];\nx b[1];");

        Assert.That(circuit.QubitCount, Is.EqualTo(5));
        Assert.That(circuit.Operations[0].Qubits, Is.EqualTo(new[] { 3 }));
    }

    [Test]
    public void Parse_BroadcastOverRegisters_RepeatsPerIndex()
    {
        var circuit = QasmParser.Parse(Qasm2 + "qreg a[2];\nqreg b[2];\nqreg s[1];\ncx a, b;\nccx s[0], a, b;\nh a;");

        Assert.That(circuit.Operations.Select(o => string.Join(",", o.Qubits)),
            Is.EqualTo(new[] { "0,2", "1,3", "4,0,2", "4,1,3", "0", "1" }));
    }

    [Test]
    public void Parse_MeasureRegister_MeasuresEachBitIntoItsPartner()
    {
        var circuit = QasmParser.Parse(Qasm2 + "qreg q[2];\ncreg c[2];\nmeasure q -> c;");

        Assert.That(circuit.Operations, Is.EqualTo(new Operation[] { new MeasureOperation(0, 0), new MeasureOperation(1, 1) }));
    }

    [Test]
    public void Parse_GateDefinition_ExpandsInlineIntoLibraryGates()
    {
        var circuit = QasmParser.Parse(Qasm2 + "gate bell(t) a, b { h a; cx a, b; rz(t/2) b; }\ngate twice a, b { bell(pi) a, b; bell(0) b, a; }\nqreg q[2];\ntwice q[0], q[1];");

        Assert.That(circuit.Operations.OfType<GateOperation>().Select(g => g.Gate.Name), Is.EqualTo(new[] { "h", "cx", "rz", "h", "cx", "rz" }));
        Assert.That(circuit.Operations[5].Qubits, Is.EqualTo(new[] { 0 }));
    }

    [Test]
    public void Parse_BuiltinsUAndCX_WorkWithoutInclude()
    {
        var circuit = QasmParser.Parse("OPENQASM 2.0;\nqreg q[2];\nU(pi/2, 0, pi) q[0];\nCX q[0], q[1];");

        Assert.That(circuit.Operations.OfType<GateOperation>().Select(g => g.Gate), Is.EqualTo(new[] { GateLibrary.U3, GateLibrary.CX }));
    }

    [Test]
    public void Parse_EveryQelib1Gate_IsALibraryRow()
    {
        foreach (string name in QSim.Qasm.Semantics.StandardIncludes.Qelib1Names)
            Assert.That(GateLibrary.Find(name), Is.Not.Null, name);
    }

    [Test]
    public void Parse_CtrlOnLibraryGate_GivesTheLibraryControlledRow()
    {
        var circuit = QasmParser.Parse(Qasm3 + "qubit[4] q;\nctrl @ x q[0], q[1];\nctrl(2) @ x q[0], q[1], q[2];\nctrl @ ctrl(2) @ x q[0], q[1], q[2], q[3];");

        Assert.That(circuit.Operations.OfType<GateOperation>().Select(g => g.Gate), Is.EqualTo(new[] { GateLibrary.CX, GateLibrary.CCX, GateLibrary.C3X }));
    }

    [Test]
    public void Parse_NegCtrl_FlipsTheControlAroundTheGate() =>
        AssertSameState(Qasm3 + "qubit[2] q;\nh q[1];\nnegctrl @ x q[0], q[1];", Qasm3 + "qubit[2] q;\nh q[1];\nx q[0];\ncx q[0], q[1];\nx q[0];");

    [Test]
    public void Parse_InvOfDefinedGate_ReversesAndInvertsItsBody() =>
        AssertSameState(Qasm3 + "gate g(a) x, y { h x; rx(a) y; cx x, y; t y; u2(0.3, 0.7) x; }\nqubit[2] q;\nh q[1];\ng(0.4) q[0], q[1];\ninv @ g(0.4) q[0], q[1];",
            Qasm3 + "qubit[2] q;\nh q[1];");

    [Test]
    public void Parse_PowNegative_RepeatsTheInverse() =>
        AssertSameState(Qasm3 + "qubit[1] q;\nh q[0];\npow(-3) @ t q[0];", Qasm3 + "qubit[1] q;\nh q[0];\ntdg q[0];\ntdg q[0];\ntdg q[0];");

    [Test]
    public void Parse_CtrlOfDefinedGateWithGphase_PutsThePhaseOnTheControl() =>
        AssertSameState(Qasm3 + "gate minus a { gphase(pi); }\nqubit[2] q;\nh q[0];\nctrl @ minus q[0], q[1];", Qasm3 + "qubit[2] q;\nh q[0];\nz q[0];");

    [Test]
    public void Parse_Input_DeclaresACircuitSymbol()
    {
        var circuit = QasmParser.Parse(Qasm3 + "input float[64] theta;\ninput angle phi;\nqubit[1] q;\nrx(phi) q[0];");

        Assert.That(circuit.Symbols.Select(s => s.Name), Is.EqualTo(new[] { "theta", "phi" }));
    }

    [Test]
    public void Parse_IfOnRegisterAndOnBit_ConditionsTheOperations()
    {
        var circuit = QasmParser.Parse(Qasm2 + "qreg q[1];\ncreg c[2];\nif (c == 2) x q[0];\n");

        var conditional = (ConditionalOperation)circuit.Operations[0];
        Assert.That((conditional.Condition.Clbits, conditional.Condition.Value), Is.EqualTo((new[] { 0, 1 }, 2L)));
        var bit = (ConditionalOperation)QasmParser.Parse(Qasm3 + "qubit[1] q;\nbit[2] c;\nif (c[1]) { x q[0]; }").Operations[0];
        Assert.That((bit.Condition.Clbits, bit.Condition.Value), Is.EqualTo((new[] { 1 }, 1L)));
    }

    [Test]
    public void Parse_IncludeOfLocalFile_ResolvesRelativeToTheIncludingFile()
    {
        string folder = Directory.CreateTempSubdirectory("qsim-include").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(folder, "lib"));
            File.WriteAllText(Path.Combine(folder, "lib", "mine.inc"), "gate flip a { x a; }\n");
            File.WriteAllText(Path.Combine(folder, "main.qasm"), Qasm2 + "include \"lib/mine.inc\";\nqreg q[1];\nflip q[0];\n");

            var circuit = QasmParser.ParseFile(Path.Combine(folder, "main.qasm"));

            Assert.That(((GateOperation)circuit.Operations[0]).Gate, Is.EqualTo(GateLibrary.X));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Test]
    public void Parse_SeveralSemanticErrors_ReportsEachStatement()
    {
        var error = Assert.Throws<QasmException>(() => QasmParser.Parse(Qasm2 + "qreg q[2];\nh r;\ncx q[0], q[0];\nrx q[0];\nqreg q[1];"))!;

        Assert.That(error.Diagnostics.Select(d => d.Line), Is.EqualTo(new[] { 4, 5, 6, 7 }));
    }

    [Test]
    public void Parse_MissingVersionHeader_IsReadAsOpenQasm3()
    {
        Assert.That(QasmParser.Parse("include \"stdgates.inc\";\nqubit[1] q;\nh q[0];").Operations, Has.Count.EqualTo(1));
    }

    [Test]
    public void Parse_DefinitionExpandingPastTheOperationLimit_ReportsAtTheDefinition()
    {
        var error = Assert.Throws<QasmException>(() => QasmParser.Parse(Qasm3 + "gate g a { pow(1000) @ x a; }\ngate big a { pow(1001) @ g a; }\n"))!;

        Assert.That((error.Diagnostics[0].Line, error.Diagnostics[0].Column), Is.EqualTo((4, 6)));
        Assert.That(error.Diagnostics[0].Message, Does.Contain($"gate 'big' expands to more than {QasmParser.MaxOperations} operations"));
    }

    // A call crossing the limit alone, and a broadcast whose copies stay under it but whose statement does not.
    [TestCase("qubit[1] q;\ngate g a { pow(1000) @ x a; }\nx q[0];\npow(1001) @ g q[0];\n", 6, TestName = "Parse_CallCrossingTheOperationLimit_ReportsAtTheCall")]
    [TestCase("qubit[3] q;\ngate g a { pow(400) @ x a; }\npow(1000) @ g q;\n", 5, TestName = "Parse_BroadcastCrossingTheOperationLimit_ReportsAtTheStatement")]
    public void Parse_StatementCrossingTheOperationLimit_ReportsAtTheStatement(string body, int line)
    {
        var error = Assert.Throws<QasmException>(() => QasmParser.Parse(Qasm3 + body))!;

        Assert.That((error.Diagnostics[0].Line, error.Diagnostics[0].Column), Is.EqualTo((line, 1)));
        Assert.That(error.Diagnostics[0].Message, Does.Contain($"this statement expands to more than {QasmParser.MaxOperations} operations"));
    }

    [Test]
    public void Parse_RepeatedParameterFreeGates_ShareOneOperationPerGateAndQubits()
    {
        var ops = QasmParser.Parse(Qasm2 + "qreg q[3];\nh q[1];\ncx q[0], q[2];\nh q[1];\ncx q[0], q[2];\ncx q[2], q[0];\nh q[0];").Operations;

        Assert.That(ops[2], Is.SameAs(ops[0]));
        Assert.That(ops[3], Is.SameAs(ops[1]));
        Assert.That(ops[4], Is.Not.SameAs(ops[1]));
        Assert.That(ops[4].Qubits, Is.EqualTo(new[] { 2, 0 }));
        Assert.That(ops[5], Is.Not.SameAs(ops[0]));
        Assert.That(ops[5].Qubits, Is.EqualTo(new[] { 0 }));
    }

    [Test]
    public void Parse_MoreDistinctAnglesThanAreShared_KeepsEveryAngle()
    {
        const int count = 70_000;
        var text = new System.Text.StringBuilder(Qasm2 + "qreg q[2];\n");
        for (int i = 0; i < count; i++) text.Append(CultureInfo.InvariantCulture, $"rz({i}e-6) q[{i % 2}];\n");
        text.Append("rz(0) q[1];\n");

        var ops = QasmParser.Parse(text.ToString()).Operations.Cast<GateOperation>().ToList();

        for (int i = 0; i < count; i++) Assert.That(((Parameters.Constant)ops[i].Parameters[0]).Value, Is.EqualTo(double.Parse($"{i}e-6", CultureInfo.InvariantCulture)), $"gate {i}");
        Assert.That(ops[count].Parameters[0], Is.SameAs(ops[0].Parameters[0]), "an angle seen before is shared");
        Assert.That(ops[count].Qubits, Is.EqualTo(new[] { 1 }));
    }
}
