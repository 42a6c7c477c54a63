using System.Text.Json;
using static QSim.Tests.Cli.CliHarness;

namespace QSim.Tests.Cli;

public class InfoCommandTests : TempFolderFixture
{
    [Test]
    public void Info_Text_ListsQubitsGatesDepthParametersAndMemory()
    {
        var result = RunWithStdin(Parameterized, "info", "-");

        Assert.That(result.ExitCode, Is.EqualTo(0));
        Assert.That(result.Out, Does.Contain("qubits:     1"));
        Assert.That(result.Out, Does.Contain("depth:      1"));
        Assert.That(result.Out, Does.Contain("parameters: theta"));
        Assert.That(result.Out, Does.Contain("memory:     16 B (single), 32 B (double)"));
        Assert.That(result.Out, Does.Contain("  rx  1"));
    }

    [Test]
    public void Info_Json_HasGateCounts()
    {
        var result = RunWithStdin(Bell, "info", "-", "--format", "json");

        using var json = JsonDocument.Parse(result.Out);
        Assert.That(json.RootElement.GetProperty("gates").GetProperty("measure").GetInt32(), Is.EqualTo(2));
        Assert.That(json.RootElement.GetProperty("clbits").GetInt32(), Is.EqualTo(2));
    }

    [Test]
    public void Info_InvalidQasm_ExitsTwo() => Assert.That(RunWithStdin("OPENQASM 9;", "info", "-").ExitCode, Is.EqualTo(2));

    [Test]
    public void Info_FileExpandingPastTheOperationLimit_ExitsTwoAtTheCrossingStatement()
    {
        // Ten levels of gates each applying the one below 4 times: the last call would be 4^10 > 10^6 operations.
        var lines = new List<string> { "OPENQASM 3.0;", "include \"stdgates.inc\";", "qubit[1] q;", "gate g0 a { x a; }" };
        for (int level = 1; level <= 9; level++) lines.Add($"gate g{level} a {{ pow(4) @ g{level - 1} a; }}");
        lines.Add("pow(4) @ g9 q[0];");
        string path = Write("circuit.qasm", string.Join("\n", lines));

        var result = Run("info", path);

        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.Error, Does.StartWith($"{path}:14:1: error: this statement expands to more than 1000000 operations"));
    }

    [Test]
    public void NoVerb_ExitsTwoWithUsageHint()
    {
        var result = Run("frobnicate");

        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.Error, Does.Contain("qsim --help"));
    }
}
