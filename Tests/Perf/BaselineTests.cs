using System.Text.Json;
using System.Text.RegularExpressions;
using QSim.Perf.Infrastructure;
using QSim.Perf.Regression;

namespace QSim.Tests.Perf;

/// <summary>The committed baseline (Perf/baselines/quick): real BenchmarkDotNet exports, read as <c>compare</c> reads them.</summary>
public class BaselineTests
{
    [Test]
    public void QuickBaseline_EveryGroup_HasAnInPlaceFloor()
    {
        var results = ResultFile.Load(PerfSamples.QuickBaseline);

        Assert.That(results, Is.Not.Empty);
        Assert.That(results.GroupBy(r => r.Group).Where(g => g.All(r => r.Method != FloorBenchmarks.FloorName)).Select(g => g.Key), Is.Empty);
    }

    [Test]
    public void ResultFile_ExportWithAConfidenceInterval_TakesItsSampleCountAndStandardError()
    {
        using var folder = new TempFolder();
        string file = folder.WriteExport("Suite", """
            {"Benchmarks": [{"Type": "T", "Method": "M", "Statistics": {"N": 9, "Mean": 100, "StandardError": 9,
              "ConfidenceInterval": {"N": 5, "Mean": 100, "StandardError": 2, "Level": 12, "Margin": 17.2}}}]}
            """);

        var result = ResultFile.Load(file).Single();

        Assert.That((result.Samples, result.StandardErrorNs), Is.EqualTo((5, 2.0)));
    }

    [Test]
    public void RelativeMargin_AtBenchmarkDotNetsLevel_ReproducesTheMarginItExported()
    {
        // The exports carry BenchmarkDotNet's 99.9 % ConfidenceInterval; ours at that level must be the same numbers.
        var margins = new Dictionary<string, double>();
        foreach (var file in Directory.GetFiles(PerfSamples.QuickBaseline, ResultFile.ExportPattern))
        {
            using var document = JsonDocument.Parse(File.ReadAllText(file));
            foreach (var benchmark in document.RootElement.GetProperty("Benchmarks").EnumerateArray())
            {
                var interval = benchmark.GetProperty("Statistics").GetProperty("ConfidenceInterval");
                string key = $"{benchmark.GetProperty("Type").GetString()}.{benchmark.GetProperty("Method").GetString()}(" +
                    $"{BenchmarkResult.CanonicalParameters(benchmark.GetProperty("Parameters").GetString()!)})";
                margins[key] = interval.GetProperty("Margin").GetDouble() / interval.GetProperty("Mean").GetDouble();
            }
        }

        var results = ResultFile.Load(PerfSamples.QuickBaseline);

        Assert.That(results, Has.Count.EqualTo(margins.Count));
        foreach (var result in results)
            Assert.That(result.RelativeMargin(0.999), Is.EqualTo(margins[result.Key]).Within(1e-9).Percent, result.Key);
    }

    [Test]
    public void Program_CompareBaselineWithItself_ExitsZeroWithEveryFigureUnchanged()
    {
        var output = new StringWriter();
        var error = new StringWriter();

        int exitCode = QSim.Perf.Program.Run([CompareCommand.Name, PerfSamples.QuickBaseline, PerfSamples.QuickBaseline], output, error);

        Assert.That(exitCode, Is.Zero, error.ToString());
        var summary = Regex.Match(output.ToString(), @"(\d+) figures compared: 0 slower, 0 faster");
        Assert.That(summary.Success, output.ToString());
        Assert.That(int.Parse(summary.Groups[1].Value), Is.GreaterThan(0));
        Assert.That(output.ToString(), Does.Not.Contain("Only in"));
    }
}
