using System.Globalization;

namespace QSim.Perf.Regression;

/// <summary>
/// <c>compare BASELINE NEW [--threshold PERCENT]</c>: the floor ratios of a new run against a baseline's.
/// Exit codes: 0 no figure slower, 1 a figure slower than the threshold beyond the noise, 2 bad arguments or input.
/// </summary>
public static class CompareCommand
{
    public const string Name = "compare";
    public const double DefaultThresholdPercent = 15;
    public const int Regression = 1, BadInput = 2;
    private const string Usage = "usage: compare BASELINE NEW [--threshold PERCENT]  (each a BenchmarkDotNet JSON export or a folder of them)";

    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        var paths = new List<string>();
        double thresholdPercent = DefaultThresholdPercent;
        for (int i = 0; i < args.Count; i++)
        {
            if (args[i] != "--threshold") { paths.Add(args[i]); continue; }
            if (i + 1 >= args.Count || !double.TryParse(args[++i], NumberStyles.Float, CultureInfo.InvariantCulture, out thresholdPercent) || thresholdPercent < 0)
                return Fail(error, "--threshold takes a non-negative percentage, e.g. --threshold 15");
        }
        if (paths.Count != 2) return Fail(error, Usage);
        try
        {
            var baseline = FloorRatio.Of(ResultFile.Load(paths[0]), paths[0]);
            var current = FloorRatio.Of(ResultFile.Load(paths[1]), paths[1]);
            var comparison = Comparison.Of(baseline, current, thresholdPercent / 100);
            ComparisonTable.Write(comparison, output);
            return comparison.HasRegression ? Regression : 0;
        }
        catch (ResultFileException e)
        {
            return Fail(error, e.Message);
        }
    }

    private static int Fail(TextWriter error, string message)
    {
        error.WriteLine($"compare: {message}");
        return BadInput;
    }
}
