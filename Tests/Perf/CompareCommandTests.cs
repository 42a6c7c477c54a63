using System.Text.RegularExpressions;
using QSim.Perf.Regression;

namespace QSim.Tests.Perf;

public class CompareCommandTests
{
    private static (int ExitCode, string Output, string Error) Compare(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int exitCode = CompareCommand.Run(args, output, error);
        return (exitCode, output.ToString(), error.ToString());
    }

    private static string RowOf(string output, string method) =>
        output.Split('\n').Single(line => line.Contains($"| {method} |"));

    [Test]
    public void Compare_SameCodeOnFasterMachine_ExitsZeroBecauseRatiosToTheFloorCancelMachineSpeed()
    {
        var (exitCode, output, error) = Compare(PerfSamples.Baseline, PerfSamples.UnchangedOnFasterMachine);

        Assert.That(exitCode, Is.Zero, error);
        Assert.That(RowOf(output, "Dense1"), Does.Contain("| 1.1 | 1.1 | 0.0% |").And.EndWith("| Unchanged |"));
        Assert.That(output, Does.Contain("4 figures compared: 0 slower, 1 faster beyond the 15.0% threshold plus noise (95% confidence)."));
    }

    [Test]
    public void Compare_FigureFasterBeyondThresholdAndNoise_IsMarkedFaster()
    {
        var (_, output, _) = Compare(PerfSamples.Baseline, PerfSamples.UnchangedOnFasterMachine);

        Assert.That(RowOf(output, "Fused5"), Does.Contain("| 5 | 3.5 | -30.0% |").And.EndWith("| Faster |"));
    }

    [Test]
    public void Compare_SlowdownInsideTheRunsNoise_IsNotARegressionEvenWithZeroThreshold()
    {
        var (exitCode, output, _) = Compare(PerfSamples.Baseline, PerfSamples.UnchangedOnFasterMachine, "--threshold", "0");

        Assert.That(exitCode, Is.Zero);
        Assert.That(RowOf(output, "EndToEnd"), Does.Contain("| +20.0% | ±39.5% |").And.EndWith("| Unchanged |"));
    }

    [Test]
    public void Compare_FigureSlowerBeyondThresholdAndNoise_ExitsOneAndMarksItSlower()
    {
        var (exitCode, output, _) = Compare(PerfSamples.Baseline, PerfSamples.Dense2Regressed);

        Assert.That(exitCode, Is.EqualTo(CompareCommand.Regression));
        Assert.That(output, Does.StartWith("| Suite | Benchmark | Parameters | Baseline / floor | New / floor | Change | Noise | Verdict |"));
        Assert.That(RowOf(output, "Dense2"), Is.EqualTo(
            "| KernelPassBenchmarks | Dense2 | Placement=Low&Precision=Single&Qubits=20&Threads=2 | 1.3 | 1.82 | +40.0% | ±5.6% | Slower |"));
        Assert.That(output, Does.Contain("4 figures compared: 1 slower, 0 faster"));
    }

    [Test]
    public void Compare_ThresholdAboveTheSlowdown_AcceptsIt()
    {
        var (exitCode, output, _) = Compare(PerfSamples.Baseline, PerfSamples.Dense2Regressed, "--threshold", "50");

        Assert.That(exitCode, Is.Zero);
        Assert.That(RowOf(output, "Dense2"), Does.EndWith("| Unchanged |"));
    }

    [Test]
    public void Compare_HigherConfidenceLevel_WidensTheNoiseBand()
    {
        // Every mean has N = 5 and a 1 % standard error: at 95 % the change's band is 2 x t(0.975, 4) x 1 % = 5.6 %,
        // at BenchmarkDotNet's 99.9 % it is 2 x t(0.9995, 4) x 1 % = 17.2 %.
        var (atDefault, _, _) = Compare(PerfSamples.Baseline, PerfSamples.Dense2Regressed, "--threshold", "25");
        var (atHigher, output, _) = Compare(PerfSamples.Baseline, PerfSamples.Dense2Regressed, "--threshold", "25", "--level", "99.9");

        Assert.That(atDefault, Is.EqualTo(CompareCommand.Regression));
        Assert.That(atHigher, Is.Zero);
        Assert.That(RowOf(output, "Dense2"), Does.Contain("| +40.0% | ±17.2% | Unchanged |"));
        Assert.That(output, Does.Contain("plus noise (99.9% confidence)."));
    }

    [Test]
    public void Compare_FloorAndCopy_AreReferencesNotCompared()
    {
        var (_, output, _) = Compare(PerfSamples.Baseline, PerfSamples.Dense2Regressed);

        Assert.That(output, Does.Not.Contain("| InPlaceFloor |").And.Not.Contain("| Copy |"));
    }

    [Test]
    public void Compare_FolderOfExports_ReadsEveryFileInIt()
    {
        using var folder = new TempFolder();
        folder.WriteExport("Suite", File.ReadAllText(PerfSamples.Dense2Regressed));

        var (exitCode, _, _) = Compare(PerfSamples.Baseline, folder.Path);

        Assert.That(exitCode, Is.EqualTo(CompareCommand.Regression));
    }

    [Test]
    public void Compare_ParametersInAnotherOrder_StillMatchesEveryFigure()
    {
        using var folder = new TempFolder();
        // Real exports list Precision before Qubits; write every parameter set of the sample in reverse order.
        string reordered = Regex.Replace(File.ReadAllText(PerfSamples.Baseline), "\"Parameters\": \"([^\"]*)\"",
            m => $"\"Parameters\": \"{string.Join('&', m.Groups[1].Value.Split('&').Reverse())}\"");
        Assert.That(reordered, Does.Contain("Placement=Low&Threads=2&Precision=Single&Qubits=20"));

        var (exitCode, output, error) = Compare(PerfSamples.Baseline, folder.WriteExport("Reordered", reordered));

        Assert.That(exitCode, Is.Zero, error);
        Assert.That(output, Does.Contain("4 figures compared").And.Not.Contain("Only in"));
    }

    [Test]
    public void Compare_SameFigureInTwoFilesOfAFolder_ExitsTwoNamingTheFigureAndBothFiles()
    {
        using var folder = new TempFolder();
        string joined = folder.WriteExport("Joined", File.ReadAllText(PerfSamples.Baseline));
        string perSuite = folder.WriteExport("QSim.Perf.Kernels.KernelPassBenchmarks", File.ReadAllText(PerfSamples.Baseline));

        var (exitCode, output, error) = Compare(PerfSamples.Baseline, folder.Path);

        Assert.That(exitCode, Is.EqualTo(CompareCommand.BadInput));
        Assert.That(error, Does.StartWith($"compare: {folder.Path}: KernelPassBenchmarks.").And.Contain($"appears in both {joined} and {perSuite}")
            .And.Not.Contain("   at "));
        Assert.That(output, Is.Empty);
    }

    [Test]
    public void Compare_FigureMissingFromNewRun_IsListedNotFailed()
    {
        string file = WriteTemp(File.ReadAllText(PerfSamples.Baseline).Replace("\"Fused5\"", "\"Fused6\""));
        try
        {
            var (exitCode, output, _) = Compare(PerfSamples.Baseline, file);
            Assert.That(exitCode, Is.Zero);
            Assert.That(output, Does.Contain("Only in the baseline: KernelPassBenchmarks.Fused5(").And.Contain("Only in the new run: KernelPassBenchmarks.Fused6("));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Test]
    public void Compare_NoFigureInBothRuns_ExitsTwoNamingBothAndListingWhatIsMissing()
    {
        using var folder = new TempFolder();
        folder.WriteExport("Renamed", File.ReadAllText(PerfSamples.Baseline)
            .Replace("\"KernelPassBenchmarks\"", "\"KernelBenchmarks\"").Replace("\"EndToEndCircuitBenchmarks\"", "\"CircuitBenchmarks\""));

        var (exitCode, output, error) = Compare(PerfSamples.Baseline, folder.Path);

        Assert.That(exitCode, Is.EqualTo(CompareCommand.BadInput));
        Assert.That(error.TrimEnd(), Is.EqualTo(
            $"compare: no figure is in both {PerfSamples.Baseline} and {folder.Path} (matched by suite, method and parameters): nothing compared."));
        Assert.That(output, Does.Contain("Only in the baseline: KernelPassBenchmarks.Dense1(").And.Contain("Only in the new run: KernelBenchmarks.Dense1("));
    }

    [TestCase("{ not json", "malformed JSON")]
    [TestCase("{\"Title\": \"x\"}", "not a BenchmarkDotNet JSON export")]
    [TestCase("{\"Benchmarks\": [{\"Type\": \"T\", \"Method\": \"M\", \"Parameters\": \"\", \"Statistics\": {\"N\": 5, \"Mean\": 1, \"StandardError\": 0}}]}", "T.M () has no InPlaceFloor")]
    [TestCase("{\"Benchmarks\": [{\"Method\": \"M\"}]}", "has no \"Type\" string")]
    [TestCase("{\"Benchmarks\": [{\"Type\": \"T\", \"Method\": \"M\", \"Statistics\": {\"Mean\": 1, \"StandardError\": 0}}]}", "have no \"N\" number")]
    [TestCase("{\"Benchmarks\": [{\"Type\": \"T\", \"Method\": \"M\", \"Statistics\": {\"N\": 1, \"Mean\": 1, \"StandardError\": 0}}]}", "T.M() has 1 measurement(s), too few for a confidence interval")]
    [TestCase("{\"Benchmarks\": [{\"Type\": \"T\", \"Method\": \"M\", \"Statistics\": {\"N\": 5, \"Mean\": 1, \"StandardError\": 0}}, " +
        "{\"Type\": \"T\", \"Method\": \"M\", \"Statistics\": {\"N\": 5, \"Mean\": 2, \"StandardError\": 0}}]}", "T.M() appears twice in this file")]
    public void Compare_BadResultFile_ExitsTwoWithAMessageNamingTheFile(string content, string message)
    {
        string file = WriteTemp(content);
        try
        {
            var (exitCode, output, error) = Compare(PerfSamples.Baseline, file);
            Assert.That(exitCode, Is.EqualTo(CompareCommand.BadInput));
            Assert.That(error, Does.StartWith($"compare: {file}: ").And.Contain(message).And.Not.Contain("   at "));
            Assert.That(output, Is.Empty);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Test]
    public void Compare_MissingFile_ExitsTwoAndSaysSo()
    {
        var (exitCode, _, error) = Compare(PerfSamples.Baseline, "no/such/results.json");

        Assert.That(exitCode, Is.EqualTo(CompareCommand.BadInput));
        Assert.That(error.TrimEnd(), Is.EqualTo("compare: no/such/results.json: no such file or folder."));
    }

    [TestCase]
    [TestCase("only-one.json")]
    [TestCase("a.json", "b.json", "c.json")]
    [TestCase("a.json", "b.json", "--threshold")]
    [TestCase("a.json", "b.json", "--threshold", "-5")]
    [TestCase("a.json", "b.json", "--threshold", "fifteen")]
    [TestCase("a.json", "b.json", "--threshold", "NaN")]
    public void Compare_BadArguments_ExitsTwoWithUsage(params string[] args)
    {
        var (exitCode, _, error) = Compare(args);

        Assert.That(exitCode, Is.EqualTo(CompareCommand.BadInput));
        Assert.That(error, Does.StartWith("compare: ").And.Contain("threshold"));
    }

    [TestCase("a.json", "b.json", "--level")]
    [TestCase("a.json", "b.json", "--level", "0")]
    [TestCase("a.json", "b.json", "--level", "100")]
    [TestCase("a.json", "b.json", "--level", "NaN")]
    public void Compare_BadLevel_ExitsTwoSayingWhatLevelTakes(params string[] args)
    {
        var (exitCode, _, error) = Compare(args);

        Assert.That(exitCode, Is.EqualTo(CompareCommand.BadInput));
        Assert.That(error, Does.StartWith("compare: --level takes a percentage between 0 and 100"));
    }

    [Test]
    public void Compare_Help_PrintsUsageWithTheNoiseRuleAndExitCodes()
    {
        var (exitCode, output, _) = Compare("--help");

        Assert.That(exitCode, Is.Zero);
        Assert.That(output, Does.Contain("--level").And.Contain("Student t").And.Contain("exit codes"));
    }

    private static string WriteTemp(string content)
    {
        string file = Path.Combine(Path.GetTempPath(), $"qsim-perf-{Guid.NewGuid():N}.json");
        File.WriteAllText(file, content);
        return file;
    }
}
