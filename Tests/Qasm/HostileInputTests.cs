using System.Text;
using QSim.Circuits;
using QSim.Parameters;
using QSim.Qasm;

namespace QSim.Tests.Qasm;

/// <summary>
/// Inputs built to exhaust the stack, the memory or the patience of the front end: each must end in a diagnostic
/// (or a circuit) within the limits of <see cref="QasmLimits"/>. Each runs on a thread with a 1 MiB stack, less than a
/// .NET thread gets by default, so that a recursion the limits miss fails here rather than only on a smaller stack.
/// </summary>
public class HostileInputTests
{
    private const string Qasm3 = "OPENQASM 3.0;\ninclude \"stdgates.inc\";\n";

    /// <summary>Parses on a thread with a 1 MiB stack; returns the diagnostics, or none when it parsed.</summary>
    internal static IReadOnlyList<Diagnostic> Diagnostics(string text)
    {
        IReadOnlyList<Diagnostic> diagnostics = [];
        Exception? unexpected = null;
        var thread = new Thread(() =>
        {
            try
            {
                QasmParser.Parse(text, "hostile.qasm");
            }
            catch (QasmException e)
            {
                diagnostics = e.Diagnostics;
            }
            catch (Exception e)
            {
                unexpected = e;
            }
        }, maxStackSize: 1 << 20);
        thread.Start();
        thread.Join();
        if (unexpected is not null) Assert.Fail($"{unexpected.GetType().Name}: {unexpected.Message}");
        return diagnostics;
    }

    private static Diagnostic FirstDiagnostic(string text)
    {
        var diagnostics = Diagnostics(text);
        Assert.That(diagnostics, Is.Not.Empty, "expected a diagnostic");
        return diagnostics[0];
    }

    private static string Repeat(string text, int count) => new StringBuilder(text.Length * count).Insert(0, text, count).ToString();

    [TestCase("(", 9_000, ")", TestName = "Parse_NineThousandNestedParentheses_ReportsNestingTooDeep")]
    [TestCase("-", 50_000, "1", TestName = "Parse_FiftyThousandUnaryMinuses_ReportsNestingTooDeep")]
    [TestCase("1^", 50_000, "1", TestName = "Parse_FiftyThousandLongExponentChain_ReportsNestingTooDeep")]
    [TestCase("sin(", 20_000, ")", TestName = "Parse_TwentyThousandNestedCalls_ReportsNestingTooDeep")]
    public void Parse_DeeplyNestedExpression_ReportsNestingTooDeep(string open, int count, string close)
    {
        string expression = Repeat(open, count) + (close == ")" ? "1" : close) + (close == ")" ? Repeat(")", count) : "");

        var diagnostic = FirstDiagnostic(Qasm3 + $"qubit q;\nrx({expression}) q;\n");

        Assert.That(diagnostic.Message, Does.StartWith($"expression nested too deeply (more than {QasmLimits.MaxExpressionDepth} levels"));
        Assert.That(diagnostic.Line, Is.EqualTo(4));
    }

    [TestCase(" + 1", TestName = "Parse_HundredThousandTermSum_ReportsNestingTooDeep")]
    [TestCase(" * 1", TestName = "Parse_HundredThousandFactorProduct_ReportsNestingTooDeep")]
    public void Parse_LongOperatorChain_ReportsNestingTooDeep(string term)
    {
        var diagnostic = FirstDiagnostic(Qasm3 + $"qubit q;\nrx(1{Repeat(term, 100_000)}) q;\n");

        Assert.That(diagnostic.Message, Does.Contain("a chain such as 'a + b + c' counts one level per operator"));
    }

    [Test]
    public void Parse_ExpressionAtTheDepthLimit_IsAccepted()
    {
        // Depth counts the leaf: 255 signs on a number make 256 levels.
        var circuit = QasmParser.Parse(Qasm3 + $"qubit q;\nrx({Repeat("-", QasmLimits.MaxExpressionDepth - 1)}1) q;\n");

        Assert.That(((GateOperation)circuit.Operations[0]).Parameters[0].Evaluate(ParameterBinding.Empty), Is.EqualTo(-1.0));
    }

    [Test]
    public void Parse_FiftyThousandNestedIfs_ReportsBlocksTooDeep()
    {
        var diagnostic = FirstDiagnostic(Qasm3 + "qubit q;\nbit c;\n" + Repeat("if (c) ", 50_000) + "x q;\n");

        Assert.That(diagnostic.Message, Does.StartWith($"'if' statements nested too deeply (more than {QasmLimits.MaxBlockDepth} levels)"));
    }

    [Test]
    public void Parse_FiftyThousandNestedIfBlocks_ReportsBlocksTooDeep()
    {
        var diagnostic = FirstDiagnostic(Qasm3 + "qubit q;\nbit c;\n" + Repeat("if (c) { ", 50_000) + Repeat("}", 50_000));

        Assert.That(diagnostic.Message, Does.StartWith("'if' statements nested too deeply"));
    }

    [Test]
    public void Parse_TenThousandChainedGateDefinitions_ReportsDefinitionsTooDeep()
    {
        var text = new StringBuilder(Qasm3).Append("gate g0 a { x a; }\n");
        for (int i = 1; i < 10_000; i++) text.Append($"gate g{i} a {{ g{i - 1} a; }}\n");
        text.Append("qubit q;\ng9999 q;\n");

        var diagnostic = FirstDiagnostic(text.ToString());

        Assert.That(diagnostic.Message, Does.StartWith("gate definitions nested too deeply"));
        Assert.That(diagnostic.Line, Is.EqualTo(3 + QasmLimits.MaxGateNesting));
    }

    [Test]
    public void Parse_ChainedGateDefinitionsWithinTheLimit_ExpandToTheInnermostGate()
    {
        var text = new StringBuilder(Qasm3).Append("gate g0 a { x a; }\n");
        for (int i = 1; i < 200; i++) text.Append($"gate g{i} a {{ g{i - 1} a; }}\n");

        var circuit = QasmParser.Parse(text.Append("qubit q;\ng199 q;\n").ToString());

        Assert.That(circuit.Operations, Has.Count.EqualTo(1));
    }

    [Test]
    public void Parse_DefinitionsThatSquareTheirArgument_ReportExpressionTooLarge()
    {
        // Each level uses its argument twice: the expression doubles with every definition it passes through.
        var text = new StringBuilder(Qasm3).Append("input float[64] t;\ngate g0(a) q { rx(a) q; }\n");
        for (int i = 1; i <= 40; i++) text.Append($"gate g{i}(a) q {{ g{i - 1}(a * a) q; }}\n");

        var diagnostic = FirstDiagnostic(text.Append("qubit q;\ng40(t) q;\n").ToString());

        Assert.That(diagnostic.Message, Does.Contain("is too large once gate arguments are substituted into it"));
    }

    [Test]
    public void Parse_DefinitionsThatDeepenTheirArgument_ReportExpressionTooLarge()
    {
        var text = new StringBuilder(Qasm3).Append("input float[64] t;\ngate g0(a) q { rx(a) q; }\n");
        for (int i = 1; i <= 200; i++) text.Append($"gate g{i}(a) q {{ g{i - 1}(sin(a) + 1) q; }}\n");

        var diagnostic = FirstDiagnostic(text.Append("qubit q;\ng200(t) q;\n").ToString());

        Assert.That(diagnostic.Message, Does.Contain("is too large once gate arguments are substituted into it"));
    }

    [Test]
    public void Parse_OneLineOfThirtyThousandStrayCharacters_ReportsTheCapWithShortExcerpts()
    {
        var diagnostics = Diagnostics(Qasm3 + Repeat("`", 30_000));

        Assert.That(diagnostics, Has.Count.EqualTo(QasmLimits.MaxDiagnosticsPerFile + 1));
        Assert.That(diagnostics[^1].Message, Is.EqualTo($"too many errors in this file; only the first {QasmLimits.MaxDiagnosticsPerFile} are shown"));
        Assert.That(diagnostics.Max(d => d.SourceLine.Length), Is.LessThanOrEqualTo(QasmLimits.ExcerptWidth + 6));
    }

    [Test]
    public void Format_DiagnosticOnALongLine_ShowsAWindowWithTheCaretUnderTheColumn()
    {
        string line = Repeat("h q; ", 100) + "bogus q;" + Repeat(" h q;", 100);

        var diagnostic = FirstDiagnostic(Qasm3 + "qubit q;\n" + line + "\n");

        string[] shown = diagnostic.Format().Split('\n');
        Assert.That(shown[1], Does.StartWith("...").And.EndWith("..."));
        Assert.That(shown[1].Length, Is.EqualTo(QasmLimits.ExcerptWidth + 6));
        Assert.That(shown[1][(shown[2].Length - 1)..], Does.StartWith("bogus"), diagnostic.Format());
    }

    [Test]
    public void Format_ControlCharactersInTheSource_AreShownAsQuestionMarksNotSentToTheTerminal()
    {
        var diagnostic = FirstDiagnostic(Qasm3 + "qubit q;\nh q; \u001b[2J \u202e x q;\n");

        Assert.That(diagnostic.Message, Is.EqualTo("unexpected character 'U+001B'"));
        Assert.That(diagnostic.Format(), Does.Not.Contain("\u001b").And.Not.Contain("\u202e"));
    }

    [TestCase("identifier", "qubit q;\nx{0} q;\n")]
    [TestCase("number", "qubit q;\nrx(1{0}) q;\n")]
    [TestCase("string", "include \"{0}\";\n")]
    public void Parse_TokenLongerThanTheLimit_IsReportedWithoutQuotingItWhole(string what, string template)
    {
        string text = Qasm3 + string.Format(template, Repeat("9", 100_000));

        var diagnostics = Diagnostics(text);

        Assert.That(diagnostics.Select(d => d.Message), Has.Some.StartWith($"{what} is too long (100001 characters").Or.Some.StartWith($"{what} is too long (100002 characters"));
        Assert.That(diagnostics.Sum(d => d.Format().Length), Is.LessThan(2_000));
    }

    [Test]
    public void Parse_TextStartingWithAByteOrderMark_IsAccepted()
    {
        Assert.That(QasmParser.Parse("\uFEFF" + Qasm3 + "qubit q;\nx q;\n").Operations, Has.Count.EqualTo(1));
    }

    [Test]
    public void Parse_ConditionOnSeventyBits_SaysSoWithoutNamingAnInternalParameter()
    {
        var diagnostic = FirstDiagnostic("OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[1];\ncreg c[70];\nif (c==0) x q[0];\n");

        Assert.That(diagnostic.Message, Is.EqualTo("a condition reads at most 63 classical bits; 'c' has 70"));
        Assert.That((diagnostic.Line, diagnostic.Column), Is.EqualTo((5, 5)));
    }

    [Test]
    public void Parse_ControlCountsThatOverflowAnInteger_AreACountMismatchNotAnOverflow()
    {
        var diagnostic = FirstDiagnostic(Qasm3 + "qubit q;\nctrl(2147483647) @ ctrl(2147483647) @ x q;\n");

        Assert.That(diagnostic.Message, Does.Contain("acts on 4294967295 qubit(s); got 1"));
    }

    [Test]
    public void Parse_RegistersPastTheQubitLimit_AreRefused()
    {
        var diagnostic = FirstDiagnostic($"OPENQASM 2.0;\nqreg a[{QasmLimits.MaxBits}];\nqreg b[1];\n");

        Assert.That(diagnostic.Message, Does.Contain($"makes more than {QasmLimits.MaxBits} qubits"));
        Assert.That(diagnostic.Line, Is.EqualTo(3));
    }

    [Test]
    public void Parse_BarriersOverAHugeRegister_StopAtTheCircuitSizeLimit()
    {
        // Each statement is 10 bytes but holds a million qubits: the circuit, not the text, is what must stay bounded.
        var diagnostics = Diagnostics($"OPENQASM 2.0;\nqreg q[{QasmLimits.MaxBits}];\n" + Repeat("barrier q;\n", 10_000));

        Assert.That(diagnostics, Has.Count.EqualTo(1));
        Assert.That(diagnostics[0].Message, Does.StartWith("the program is too large"));
    }

    [Test]
    public void Parse_ManyQubitsInOneCall_AreCheckedForRepeatsInLinearTime()
    {
        const int controls = 100_000;
        string operands = string.Join(", ", Enumerable.Range(0, controls).Select(i => $"q[{i}]"));

        var diagnostic = FirstDiagnostic(Qasm3 + $"qubit[{controls}] q;\nctrl({controls}) @ x {operands}, q[5];\n");

        Assert.That(diagnostic.Message, Is.EqualTo("qubit q[5] is used twice in one gate call"));
    }

    [Test]
    public void Parse_HundredThousandInputsEachUsedOnce_ListsTheSymbolsInLinearTime()
    {
        const int inputs = 100_000;
        var text = new StringBuilder(Qasm3).Append("qubit q;\n");
        for (int i = 0; i < inputs; i++) text.Append($"input float[64] t{i};\nrz(t{i}) q;\n");

        var circuit = QasmParser.Parse(text.ToString());

        Assert.That(circuit.Symbols, Has.Count.EqualTo(inputs));
    }

    [Test]
    public void Export_GateWithThirtyControlsAndNoStdgatesForm_IsWrittenWithoutSearchingEverySplit()
    {
        // rzz has a name only in qelib1.inc: the stdgates.inc search fails first, and used to try every way of
        // splitting the 30 controls (2^30 of them) before the qelib1.inc search.
        string operands = string.Join(", ", Enumerable.Range(0, 32).Select(i => $"q[{i}]"));
        var circuit = QasmParser.Parse(Qasm3 + $"include \"qelib1.inc\";\nqubit[32] q;\nctrl(30) @ rzz(0.5) {operands};\n");

        string exported = QasmExporter.Export(circuit);

        Assert.That(exported, Does.Contain(string.Concat(Enumerable.Repeat("ctrl @ ", 30)) + "rzz(0.5) q[0]"));
        Assert.That(QasmParser.Parse(exported).Operations, Has.Count.EqualTo(1));
    }
}
