using System.Globalization;

namespace QSim.Perf.Regression;

/// <summary>
/// <c>compare BASELINE NEW [--threshold PERCENT] [--level PERCENT]</c>: the floor ratios of a new run against a baseline's.
/// Exit codes: 0 no figure slower, 1 a figure slower than the threshold beyond the noise, 2 bad arguments or input,
/// or no figure in both runs.
/// </summary>
public static class CompareCommand
{
    public const string Name = "compare";
    public const double DefaultThresholdPercent = 15;
    public const int Regression = 1, BadInput = 2;
    private const string Usage =
        "usage: compare BASELINE NEW [--threshold PERCENT] [--level PERCENT]  (each a BenchmarkDotNet JSON export or a folder of them)\n" +
        "  --threshold  allowed slowdown, in percent, of a figure's ratio to the in-place floor beyond the noise (default 15)\n" +
        "  --level      confidence level, in percent, of the noise band (default 95): each mean's interval is computed as\n" +
        "               BenchmarkDotNet does (Student t for N - 1 degrees of freedom x standard error), and the relative\n" +
        "               half-widths of figure and floor in both runs add in quadrature\n" +
        "exit codes: 0 nothing slower, 1 a figure slower, 2 bad arguments or input, or no figure in both runs";

    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        if (args is ["--help"] or ["-h"])
        {
            output.WriteLine(Usage);
            return 0;
        }
        var paths = new List<string>();
        double thresholdPercent = DefaultThresholdPercent, levelPercent = Comparison.DefaultLevel * 100;
        for (int i = 0; i < args.Count; i++)
        {
            if (args[i] == "--threshold")
            {
                if (!TryReadPercent(args, ++i, out thresholdPercent) || thresholdPercent < 0)
                    return Fail(error, "--threshold takes a non-negative percentage, e.g. --threshold 15");
            }
            else if (args[i] == "--level")
            {
                if (!TryReadPercent(args, ++i, out levelPercent) || levelPercent is <= 0 or >= 100)
                    return Fail(error, "--level takes a percentage between 0 and 100, e.g. --level 95");
            }
            else paths.Add(args[i]);
        }
        if (paths.Count != 2) return Fail(error, Usage);
        try
        {
            var baseline = FloorRatio.Of(ResultFile.Load(paths[0]), paths[0]);
            var current = FloorRatio.Of(ResultFile.Load(paths[1]), paths[1]);
            var comparison = Comparison.Of(baseline, current, thresholdPercent / 100, levelPercent / 100);
            if (comparison.Rows.Count == 0)
            {
                // A renamed suite, another parameter set or a filtered run would otherwise pass with nothing checked.
                ComparisonTable.WriteUnmatched(comparison, output);
                return Fail(error, $"no figure is in both {paths[0]} and {paths[1]} (matched by suite, method and parameters): nothing compared.");
            }
            ComparisonTable.Write(comparison, output);
            return comparison.HasRegression ? Regression : 0;
        }
        catch (ResultFileException e)
        {
            return Fail(error, e.Message);
        }
    }

    private static bool TryReadPercent(IReadOnlyList<string> args, int index, out double percent)
    {
        percent = 0;
        // TryParse also reads "NaN" and "Infinity", which would pass the range checks and make every figure Unchanged.
        return index < args.Count && double.TryParse(args[index], NumberStyles.Float, CultureInfo.InvariantCulture, out percent) && double.IsFinite(percent);
    }

    private static int Fail(TextWriter error, string message)
    {
        error.WriteLine($"compare: {message}");
        return BadInput;
    }
}
