using QSim.Qasm;
using QSim.Qasm.Parsing;

namespace QSim.Tests.Qasm;

public class ParserTests
{
    private static ProgramSyntax Parse(string text) => Parser.Parse(new SourceText(text, "t.qasm"));

    [Test]
    public void Parse_GateCall_HasNameParametersOperandsAndSpan()
    {
        var call = (GateCallSyntax)Parse("OPENQASM 2.0;\ncu1(pi/2) q[0], r;").Statements[1];

        Assert.That(call.Name, Is.EqualTo("cu1"));
        Assert.That(call.Parameters, Has.Count.EqualTo(1));
        Assert.That(call.Operands.Select(o => o.ToString()), Is.EqualTo(new[] { "q[0]", "r" }));
        Assert.That((call.Span.Line, call.Span.Column, call.Span.ToString()), Is.EqualTo((2, 1, "cu1(pi/2) q[0], r;")));
    }

    [Test]
    public void Parse_GateDefinition_HasParametersQubitsAndBody()
    {
        var gate = (GateDefinitionSyntax)Parse("gate g(a, b) x, y { rx(a) x; barrier x, y; cx x, y; }").Statements[0];

        Assert.That(gate.Parameters.Select(p => p.Name), Is.EqualTo(new[] { "a", "b" }));
        Assert.That(gate.Qubits.Select(q => q.Name), Is.EqualTo(new[] { "x", "y" }));
        Assert.That(gate.Body, Has.Count.EqualTo(3));
        Assert.That(gate.IsOpaque, Is.False);
    }

    [Test]
    public void Parse_Modifiers_AreKeptInOrder()
    {
        var call = (GateCallSyntax)Parse("ctrl(2) @ inv @ pow(3) @ x a, b, c;").Statements[0];

        Assert.That(call.Modifiers.Select(m => m.Kind), Is.EqualTo(new[] { "ctrl", "inv", "pow" }));
    }

    [TestCase("measure q -> c;")]
    [TestCase("c = measure q;")]
    [TestCase("c[0] = measure q[0];")]
    public void Parse_MeasureForms_AllGiveMeasureStatements(string text) =>
        Assert.That(Parse(text).Statements[0], Is.TypeOf<MeasureSyntax>().With.Property("Target").Not.Null);

    [Test]
    public void Parse_IfWithBlock_HoldsEveryStatement()
    {
        var conditional = (IfSyntax)Parse("if (c[1]) { x q[0]; reset q[1]; }").Statements[0];

        Assert.That(conditional.Value, Is.Null);
        Assert.That(conditional.Body, Has.Count.EqualTo(2));
    }

    [Test]
    public void Parse_ErrorsInSeparateStatements_RecoverAtSemicolonAndReportEach()
    {
        var error = Assert.Throws<QasmException>(() => Parse("qreg q[;\nh q[0];\ncx q[0] q[1];\nx q[0];\nrx(1 +) q;"))!;

        Assert.That(error.Diagnostics.Select(d => d.Line), Is.EqualTo(new[] { 1, 3, 5 }));
    }

    [Test]
    public void Parse_ErrorInGateBody_RecoversInsideTheBody()
    {
        var error = Assert.Throws<QasmException>(() => Parse("gate g a { h ; x a; y ; }\nqreg q[1;"))!;

        Assert.That(error.Diagnostics.Select(d => (d.Line, d.Column)), Is.EqualTo(new[] { (1, 14), (1, 23), (2, 9) }));
    }

    [TestCase("while (true) { }", "not supported: while loops")]
    [TestCase("box { h q; }", "not supported: timing (box)")]
    [TestCase("defcal x q { }", "not supported: pulse calibrations (defcal)")]
    [TestCase("float x = 1;", "not supported: classical variables (float)")]
    [TestCase("@annotation h q;", "not supported: annotations")]
    [TestCase("h q[0:2];", "not supported: index ranges")]
    [TestCase("if (c != 1) x q;", "not supported: '!=' in a condition")]
    public void Parse_UnsupportedOpenQasm3_SaysNotSupportedAtItsLine(string text, string message)
    {
        var error = Assert.Throws<QasmException>(() => Parse("OPENQASM 3.0;\n" + text))!;

        Assert.That(error.Diagnostics[0].Line, Is.EqualTo(2));
        Assert.That(error.Diagnostics[0].Message, Does.StartWith(message));
    }
}
