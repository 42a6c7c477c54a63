using QSim.Observables;

namespace QSim.Tests.Observables;

public sealed class PauliSumParserTests
{
    [TestCase("0.5*Z0*Z1 - 1.2*X3 + Y0*Y1", "0.5*Z0*Z1 - 1.2*X3 + 1*Y0*Y1")]
    [TestCase("Z0 Z1", "1*Z0*Z1")]
    [TestCase("2 Z0 Z1", "2*Z0*Z1")]
    [TestCase("-x 3", "-1*X3")]
    [TestCase("1e-1*Y2 + 0.25", "0.1*Y2 + 0.25*I")]
    [TestCase("Z0 + Z0", "2*Z0")]
    [TestCase("  3 * Z 1 * X 0  ", "3*X0*Z1")]
    public void Parse_ValidText_ReadsTerms(string text, string expected) =>
        Assert.That(PauliSum.Parse(text).ToString(), Is.EqualTo(expected));

    [Test]
    public void Parse_PrintedSum_RoundTrips()
    {
        var sum = PauliSum.Parse("-0.5*Z0*Z1 + 1.25*X3*Y4 - 2*I");
        Assert.That(PauliSum.Parse(sum.ToString()).ToString(), Is.EqualTo(sum.ToString()));
    }

    [TestCase("0.5*Q1", 5, "expected")]
    [TestCase("Z0 Z1 X", 8, "expected a qubit index after 'X'")]
    [TestCase("Z0 * ", 6, "expected a Pauli factor after '*'")]
    [TestCase("Z0 Z0", 4, "qubit 0 appears twice")]
    [TestCase("Z0 Z1 2*X1", 7, "expected '+' or '-' between terms")]
    [TestCase("Z99", 2, "out of range")]
    [TestCase("", 1, "found nothing")]
    [TestCase("Z0 +", 5, "after the sign")]
    public void Parse_BadTerm_ReportsColumn(string text, int column, string message)
    {
        var error = Assert.Throws<PauliSumFormatException>(() => PauliSum.Parse(text))!;
        Assert.That(error.Column, Is.EqualTo(column), error.Message);
        Assert.That(error.Message, Does.Contain(message).And.Contain($"column {column}"));
    }

    [Test]
    public void ParsePauliFile_BenchFormat_ReadsOneTermPerLine()
    {
        var sum = PauliSum.ParsePauliFile("# comment\n1.0 Z0 Z1\n\n-0.5 X 2\r\n2 Y0 Y1 # trailing\n");
        Assert.That(sum.ToString(), Is.EqualTo("1*Z0*Z1 - 0.5*X2 + 2*Y0*Y1"));
    }

    [Test]
    public void ParsePauliFile_SharedTfimFile_MatchesTheChainBuiltInCode()
    {
        string path = Path.Combine(SharedCircuits.Directory, "tfim_n12.pauli");
        if (!File.Exists(path)) Assert.Ignore($"{path} is not on this machine.");
        var parsed = PauliSum.ParsePauliFile(File.ReadAllText(path));
        Assert.That(parsed.ToString(), Is.EqualTo(Hamiltonians.TransverseFieldIsing(12).ToString()));
    }

    [Test]
    public void ParsePauliFile_BadLine_ReportsLineAndColumn()
    {
        var error = Assert.Throws<PauliSumFormatException>(() => PauliSum.ParsePauliFile("1 Z0\n1 Z1 W2\n"))!;
        Assert.That((error.Line, error.Column), Is.EqualTo((2, 6)), error.Message);
    }

    [Test]
    public void ValidateFor_QubitBeyondCircuit_NamesTermAndQubitCount()
    {
        var error = Assert.Throws<ArgumentException>(() => PauliSum.Parse("Z0 + X9").ValidateFor(8))!;
        Assert.That(error.Message, Does.Contain("X9").And.Contain("qubit 9").And.Contain("8 qubit(s)"));
    }
}
