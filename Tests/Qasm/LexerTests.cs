using QSim.Qasm;
using QSim.Qasm.Lexing;

namespace QSim.Tests.Qasm;

public class LexerTests
{
    private static IReadOnlyList<Token> Lex(string text) => Lexer.Tokenize(new SourceText(text, "t.qasm"));

    [TestCase("1e-3", 1e-3)]
    [TestCase(".5", 0.5)]
    [TestCase("2.", 2.0)]
    [TestCase("1.5E+2", 150.0)]
    public void Tokenize_RealLiterals_AreOneRealToken(string text, double value)
    {
        var tokens = Lex(text);

        Assert.That(tokens[0].Kind, Is.EqualTo(TokenKind.Real));
        Assert.That(double.Parse(tokens[0].Text, System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(value));
        Assert.That(tokens[1].Kind, Is.EqualTo(TokenKind.EndOfFile));
    }

    [Test]
    public void Tokenize_Comments_AreSkipped()
    {
        var tokens = Lex("h // line comment\n/* block\ncomment */ q;");

        Assert.That(tokens.Select(t => t.Text), Is.EqualTo(new[] { "h", "q", ";", "" }));
    }

    [Test]
    public void Tokenize_Tokens_CarryLineAndColumn()
    {
        var tokens = Lex("OPENQASM 2.0;\n  qreg q[2];");

        var qreg = tokens.First(t => t.Text == "qreg");
        Assert.That((qreg.Span.Line, qreg.Span.Column), Is.EqualTo((2, 3)));
    }

    [Test]
    public void Tokenize_TwoCharacterOperators_AreOneToken()
    {
        var kinds = Lex("-> == ** != <=").Select(t => t.Kind).ToArray();

        Assert.That(kinds, Is.EqualTo(new[] { TokenKind.Arrow, TokenKind.EqualsEquals, TokenKind.DoubleStar, TokenKind.NotEquals, TokenKind.LessEquals, TokenKind.EndOfFile }));
    }

    [Test]
    public void Tokenize_String_HoldsContentWithoutQuotes()
    {
        Assert.That(Lex("include \"qelib1.inc\";")[1], Has.Property("Kind").EqualTo(TokenKind.String).And.Property("Text").EqualTo("qelib1.inc"));
    }

    [Test]
    public void Tokenize_SeveralStrayCharacters_ReportsEach()
    {
        var error = Assert.Throws<QasmException>(() => Lex("h # q;\nx ` q;"))!;

        Assert.That(error.Diagnostics.Select(d => (d.Line, d.Column)), Is.EqualTo(new[] { (1, 3), (2, 3) }));
    }

    [Test]
    public void Tokenize_IntegerTooLarge_ReportsIt()
    {
        var error = Assert.Throws<QasmException>(() => Lex("qreg q[99999999999999999999];"))!;

        Assert.That(error.Diagnostics[0].Message, Does.Contain("too large"));
    }
}
