using System.Text.Json;
using static QSim.Tests.Cli.CliHarness;

namespace QSim.Tests.Cli;

/// <summary><c>--optimize</c> on run and info.</summary>
public class OptimizeOptionTests : TempFolderFixture
{
    [Test]
    public void Run_EveryOptimizationLevel_GivesTheSameStateVector()
    {
        double[][] Amplitudes(int level)
        {
            var result = Run("run", Example("qft4.qasm"), "--output", "statevector", "--precision", "double", "--format", "json", "--optimize", level.ToString());
            using var json = JsonDocument.Parse(result.Out);
            return json.RootElement.GetProperty("statevector").EnumerateArray()
                .Select(a => a.EnumerateArray().Select(x => x.GetDouble()).ToArray()).ToArray();
        }

        var expected = Amplitudes(0);
        foreach (int level in new[] { 1, 2, 3 })
        {
            var actual = Amplitudes(level);
            Assert.That(actual, Has.Length.EqualTo(expected.Length), $"level {level}");
            for (int i = 0; i < expected.Length; i++)
                Assert.That(actual[i], Is.EqualTo(expected[i]).Within(1e-12), $"level {level}, amplitude {i}");
        }
    }

    [TestCase("-1")]
    [TestCase("4")]
    public void Run_LevelOutOfRange_ExitsTwoNamingTheOption(string level)
    {
        var result = Run("run", Example("ghz.qasm"), "--optimize", level);

        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.Error, Does.Contain("--optimize: the level is 0 to 3"));
        Assert.That(result.Out, Is.Empty);
    }

    /// <summary>Every output runs the plan the optimizer made at the level asked for: --verbose shows it on stderr.</summary>
    [TestCase("counts")]
    [TestCase("probabilities")]
    [TestCase("statevector")]
    [TestCase("expectation")]
    public void Run_Verbose_EveryOutputRunsThePlanOfTheLevelAskedFor(string output)
    {
        // The QFT fuses at level 3 (its controlled phases are complex); counts need it measured.
        string file = output == "counts"
            ? Write("circuit.qasm", File.ReadAllText(Example("qft4.qasm")) + "creg c[4];\nmeasure q -> c;\n")
            : Example("qft4.qasm");
        string Statistics(string level)
        {
            string[] args = ["run", file, "-o", output, "--optimize", level, "--verbose"];
            if (output == "expectation") args = [.. args, "--observable", "Z0 + X1"];
            var result = Run(args);
            Assert.That(result.ExitCode, Is.EqualTo(0), result.Error);
            return result.Error;
        }

        string level0 = Statistics("0"), level3 = Statistics("3");
        Assert.That(level0, Does.Contain("optimization level 0 for cpu"));
        Assert.That(level3, Does.Contain("optimization level 3 for cpu"));
        int Steps(string text) => int.Parse(System.Text.RegularExpressions.Regex.Match(text, @"kernel steps (\d+)").Groups[1].Value);
        Assert.That(Steps(level3), Is.LessThan(Steps(level0)), "level 3 fuses");
    }

    [Test]
    public void Info_Json_ReportsOptimizerStatistics()
    {
        var result = Run("info", Example("qft4.qasm"), "--optimize", "3", "--format", "json");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.Error);
        using var json = JsonDocument.Parse(result.Out);
        var optimization = json.RootElement.GetProperty("optimization");
        Assert.Multiple(() =>
        {
            Assert.That(optimization.GetProperty("level").GetInt32(), Is.EqualTo(3));
            Assert.That(optimization.GetProperty("gates_in").GetInt32(), Is.EqualTo(14));
            Assert.That(optimization.GetProperty("kernel_steps").GetInt32(), Is.LessThan(14));
            Assert.That(optimization.GetProperty("passes").GetArrayLength(), Is.GreaterThan(0));
        });
    }

    [Test]
    public void Info_Text_ShowsThePassTable()
    {
        var result = Run("info", Example("qft4.qasm"), "-O", "0");

        Assert.That(result.Out, Does.Contain("optimized:  level 0: 14 gates in 14 kernel steps"));
    }
}
