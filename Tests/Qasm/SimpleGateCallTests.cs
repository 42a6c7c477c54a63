using System.Globalization;
using System.Text;
using QSim.Circuits;
using QSim.Numerics;
using QSim.Qasm;
using QSim.Qasm.Lexing;
using QSim.Qasm.Parsing;
using QSim.Qasm.Semantics;

namespace QSim.Tests.Qasm;

/// <summary>
/// The fast path for plain gate calls (<see cref="SimpleGateCall"/>) against the general parser and binder: on every
/// statement, tricky or mutated, both must give the same syntax, the same circuit and the same diagnostics.
/// </summary>
public class SimpleGateCallTests
{
    private const string Header = "OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[5];\nqreg r[2];\ncreg c[2];\n";

    private static readonly string LongName = new('a', QasmLimits.MaxTokenLength + 1);

    /// <summary>Statements at the edge of the simple shape: the ones it takes, and the ones it must leave to the general parser.</summary>
    private static readonly string[] TrickyStatements =
    [
        "rz(0.5) q[0];", "rz(-0.5) q[0];", "rz(- 0.5) q[0];", "rz(-0) q[0];", "rz(0) q[0];", "rz(1e-3) q[0];", "rz(1E+2) q[0];",
        "rz(.5) q[0];", "rz(2.) q[0];", "rz(0.98110000000000000001) q[0];", "rz(123456789012345678) q[0];",
        "rz(1234567890123456789) q[0];", "rz(1e400) q[0];", "rz(-1e400) q[0];", "rz(1e) q[0];", "rz(1e+) q[0];",
        "rz(2pi) q[0];", "rz(1.5x) q[0];", "rz(1.2.3) q[0];", "rz(100ns) q[0];", "rz(1_000) q[0];", "rz(0x10) q[0];",
        "rz() q[0];", "rz(0.5,) q[0];", "rz(,0.5) q[0];", "rz(0.5, 0.25) q[0];", "rz q[0];", "rz(--1) q[0];",
        "rz(-.5) q[0];", "rz(+1) q[0];", "rz(pi/2) q[0];", "rz(-pi) q[0];", "rz(0.5 ^ 2) q[0];", "rz(1 - 2) q[0];",
        "rz((0.5)) q[0];", "rz(0.5\u0661) q[0];", "rz(\u0661) q[0];", "rz(0.5", "rz(0.5) ", "rz(-", "rz(-> q[0];",
        "u3(0.1,0.2,0.3) q[1];", "u3(0.1, -0.2 ,0.3)q[1];", "U(0.1,0.2,0.3) q[0];", "u3(1,2,3,4,5) q[0];",
        "cx q[0],q[1];", "CX q[0],q[1];", "cx q[0],q[0];", "cx q[0], q[9];", "cx q[0];", "cx q[0],q[1],q[2];", "cx q, r;",
        "cx q[0], r;", "h q;", "h c[0];", "h z[0];", "foo q[0];", "h q[0]", "h q[0] h q[1];", "h q[0]\nh q[1];",
        "h q[99999999999999999999];", "h q[2147483648];", "h q[ 2 ];", "h q [2];", "h q[007];", "h\tq[1]\r\n;",
        "h q[0]; // comment", "h /* comment */ q[0];", "h q[1.5];", "h q[0:1];", "h q[-1];", "h q[i];", "h q[0],;",
        "h ,q[0];", "h q[0];;", "h q[0] ,q[1];", "h q$[0];", "h q\u00e9[0];", "h\u00e9 q[0];", "h q[0]\u00a0;",
        "rz(0.5)\u00a0q[0];", "h q[0]\u000b;", $"h {LongName}[0];", $"{LongName} q[0];", $"rz(0.{new string('1', 1100)}) q[0];",
        "measure q[0] -> c[0];", "c[0] = measure q[0];", "reset q[0];", "barrier q[0],q[1];", "gphase(0.5);",
        "ctrl @ x q[0], q[1];", "inv @ h q[0];", "pow(2) @ h q[0];", "negctrl @ x q[0], q[1];", "if (c==1) x q[0];",
        "x q[0]; OPENQASM 2.0;", "c3x q[0],q[1],q[2],q[3];", "c4x q[0],q[1],q[2],q[3],q[4];", "for q[0];", "float q[0];",
        "let q[0];", "pragma q[0];", "else q[0];", "h $0;", "gate my a { h a; } my q[0];", "opaque op a; op q[0];",
        "gate g(t) a { rz(t) a; } g(0.5) q[1];", "measure q[0];", "h q[0]; h q[0]; cx q[1], q[0]; rz(0.25) q[4]; rz(0.25) q[3];",
        "\u0001 h q[0];", "h q[0]; \u0001", "h q[0] \u0001;", "\"h\" q[0];",
    ];

    private static IEnumerable<TestCaseData> TrickyCases() =>
        TrickyStatements.Select((s, i) => new TestCaseData(s).SetArgDisplayNames($"statement{i}"));

    [TestCaseSource(nameof(TrickyCases))]
    public void Bind_TrickyStatement_SameCircuitAndDiagnosticsWithAndWithoutFastPath(string statement)
    {
        AssertSameOutcome(Header + statement);
        AssertSameOutcome(statement); // no header: unknown gates and registers, and an included-less program
    }

    [TestCaseSource(nameof(TrickyCases))]
    public void Parse_TrickyStatement_FastPathBuildsTheGeneralParsersSyntax(string statement)
    {
        var source = new SourceText(Header + statement, "t.qasm");
        var simple = new SimpleGateCall();
        var general = Parser.ReadStatements(source, new DiagnosticBag(), simple: null).Select(s => Dump(s!)).ToList();
        var fast = Parser.ReadStatements(source, new DiagnosticBag(), simple).Select(s => Dump(s ?? simple.ToSyntax())).ToList();

        Assert.That(fast, Is.EqualTo(general));
    }

    [Test]
    public void Parse_PlainGateCall_TakesTheFastPath()
    {
        var source = new SourceText("rz(-0.5) q[1], r[12];\n", "t.qasm");
        var simple = new SimpleGateCall();

        var statements = Parser.ReadStatements(source, new DiagnosticBag(), simple).ToList();

        Assert.That(statements, Is.EqualTo(new StatementSyntax?[] { null }));
        Assert.That((simple.Name, simple.ParameterCount, simple.Parameters[0].Value, simple.OperandCount), Is.EqualTo(("rz", 1, -0.5, 2)));
        Assert.That(simple.Operands[1] is { Register: "r", Index: 12 }, Is.True);
        Assert.That(simple.Span.ToString(), Is.EqualTo("rz(-0.5) q[1], r[12];"));
    }

    [Test]
    public void Bind_ManyErrorsMixedWithFastCalls_SameCappedDiagnostics()
    {
        var text = new StringBuilder(Header);
        for (int i = 0; i < 3 * (QasmLimits.MaxDiagnosticsPerFile + 10); i++) text.Append(i % 3 == 0 ? $"h q[{5 + i}];\n" : $"rz(0.{i}) q[{i % 5}];\n");

        var diagnostics = AssertSameOutcome(text.ToString());

        Assert.That(diagnostics, Has.Count.EqualTo(QasmLimits.MaxDiagnosticsPerFile + 1));
    }

    [Test]
    public void Bind_SeededMutations_SameCircuitAndDiagnosticsWithAndWithoutFastPath()
    {
        var sources = MutationTests.Sources();
        if (sources.Count == 0) Assert.Ignore("Neither the examples nor the shared corpus were found above the test directory.");
        for (int i = 0; i < 3000; i++)
        {
            var rng = new SeededRandom(7_000_000UL + (ulong)i);
            string text = MutationTests.Mutate(sources[i % sources.Count].Text, sources, rng, out _);
            AssertSameOutcome(text);
        }
    }

    [Test]
    public void Bind_CorpusAndExamples_SameCircuitWithAndWithoutFastPath()
    {
        var sources = MutationTests.Sources();
        if (sources.Count == 0) Assert.Ignore("Neither the examples nor the shared corpus were found above the test directory.");
        foreach (var (_, text) in sources) AssertSameOutcome(text);
    }

    [Test]
    public void NumberLiteral_SeededDecimals_EqualTheRuntimesParse()
    {
        var rng = new SeededRandom(20261208);
        for (int i = 0; i < 100_000; i++)
        {
            string digits = Digits(rng, 1 + (int)(rng.NextDouble() * 20));
            string text = (int)(rng.NextDouble() * 5) switch
            {
                0 => digits,
                1 => $"{digits}.{Digits(rng, (int)(rng.NextDouble() * 20))}",
                2 => $".{digits}",
                3 => $"{digits}e{(rng.NextDouble() < 0.5 ? "-" : "+")}{(int)(rng.NextDouble() * 40)}",
                _ => $"{digits}.{Digits(rng, 4)}E{(int)(rng.NextDouble() * 400) - 200}",
            };
            double expected = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

            Assert.That(BitConverter.DoubleToInt64Bits(NumberLiteral.Value(text)), Is.EqualTo(BitConverter.DoubleToInt64Bits(expected)), text);
        }
    }

    private static string Digits(SeededRandom rng, int count)
    {
        var text = new StringBuilder(count);
        for (int i = 0; i < count; i++) text.Append((char)('0' + (int)(rng.NextDouble() * 10)));
        return text.ToString();
    }

    /// <summary>Binds <paramref name="text"/> both ways and asserts the same circuit or the same diagnostics; returns the diagnostics.</summary>
    private static IReadOnlyList<Diagnostic> AssertSameOutcome(string text)
    {
        var (fastCircuit, fastDiagnostics) = Bind(text, readSimpleCalls: true);
        var (circuit, diagnostics) = Bind(text, readSimpleCalls: false);

        Assert.That(fastDiagnostics.Select(d => d.Format()), Is.EqualTo(diagnostics.Select(d => d.Format())), text);
        Assert.That(fastCircuit is null, Is.EqualTo(circuit is null), text);
        if (circuit is not null)
        {
            Assert.That(fastCircuit!.Operations, Is.EqualTo(circuit.Operations), text);
            Assert.That(fastCircuit.QuantumRegisters.Select(r => (r.Name, r.Size)), Is.EqualTo(circuit.QuantumRegisters.Select(r => (r.Name, r.Size))), text);
        }
        return diagnostics;
    }

    private static (Circuit? Circuit, IReadOnlyList<Diagnostic> Diagnostics) Bind(string text, bool readSimpleCalls)
    {
        try
        {
            return (Binder.Bind(new SourceText(text, "t.qasm"), IncludeResolver.Default, QasmLimits.MaxSourceCharacters, readSimpleCalls), []);
        }
        catch (QasmException e)
        {
            return (null, e.Diagnostics);
        }
    }

    /// <summary>A statement's syntax as text, every span and number bit included.</summary>
    private static string Dump(SyntaxNode node) => node switch
    {
        GateCallSyntax call => $"call {call.Name}@{Span(call.NameSpan)} mods[{string.Join(",", call.Modifiers.Select(Dump))}] " +
            $"params[{string.Join(",", call.Parameters.Select(Dump))}] operands[{string.Join(",", call.Operands.Select(Dump))}] {Span(call.Span)}",
        NumberSyntax n => $"num({BitConverter.DoubleToInt64Bits(n.Value)},{n.IsInteger})@{Span(n.Span)}",
        UnarySyntax u => $"unary({u.Operator},{Dump(u.Operand)})@{Span(u.Span)}",
        OperandSyntax o => $"operand({o.Name},{(o.Index is null ? "-" : Dump(o.Index))})@{Span(o.Span)}",
        _ => $"{node.GetType().Name}@{Span(node.Span)}",
    };

    private static string Span(SourceSpan span) => $"{span.Start}+{span.Length}";
}
