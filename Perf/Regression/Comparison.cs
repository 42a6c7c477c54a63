namespace QSim.Perf.Regression;

/// <summary>What a figure's change between two runs means.</summary>
public enum Verdict
{
    Unchanged,
    Faster,
    Slower,
}

/// <summary>One figure in both runs: its floor ratios, the relative change and the noise band it is judged against.</summary>
public sealed record ComparisonRow(string Type, string Method, string Parameters, double BaselineRatio, double NewRatio, double Change, double Noise, Verdict Verdict);

/// <summary>
/// Compares the floor ratios of a new run with a baseline's. A figure is <see cref="Verdict.Slower"/> when its ratio
/// grew by more than the threshold plus the noise of the two runs, where the noise is
/// <see cref="NoiseStandardErrors"/> standard errors of the change (about 95 % confidence), and
/// <see cref="Verdict.Faster"/> in the mirror case.
/// </summary>
public sealed class Comparison
{
    /// <summary>Standard errors of the change that count as the runs' own noise.</summary>
    public const double NoiseStandardErrors = 2;

    private Comparison(IReadOnlyList<ComparisonRow> rows, IReadOnlyList<string> onlyInBaseline, IReadOnlyList<string> onlyInNew, double threshold)
    {
        Rows = rows;
        OnlyInBaseline = onlyInBaseline;
        OnlyInNew = onlyInNew;
        Threshold = threshold;
    }

    /// <summary>Figures present in both runs, in the baseline's order.</summary>
    public IReadOnlyList<ComparisonRow> Rows { get; }

    /// <summary>Figures the new run lacks (renamed, removed, or filtered out).</summary>
    public IReadOnlyList<string> OnlyInBaseline { get; }

    /// <summary>Figures the baseline lacks (new benchmarks).</summary>
    public IReadOnlyList<string> OnlyInNew { get; }

    /// <summary>The allowed slowdown, as a fraction (0.15 for 15 %).</summary>
    public double Threshold { get; }

    /// <summary>True when any figure is <see cref="Verdict.Slower"/>.</summary>
    public bool HasRegression => Rows.Any(r => r.Verdict == Verdict.Slower);

    /// <summary>Matches the figures of the two runs by suite, method and parameters and judges each change.</summary>
    public static Comparison Of(IReadOnlyList<FloorRatio> baseline, IReadOnlyList<FloorRatio> current, double threshold)
    {
        var currentByKey = current.ToDictionary(r => r.Key);
        var rows = new List<ComparisonRow>();
        foreach (var before in baseline)
        {
            if (!currentByKey.TryGetValue(before.Key, out var after)) continue;
            double change = after.Ratio / before.Ratio - 1;
            double noise = NoiseStandardErrors * Math.Sqrt(before.RelativeError * before.RelativeError + after.RelativeError * after.RelativeError);
            var verdict = change > threshold + noise ? Verdict.Slower : change < -(threshold + noise) ? Verdict.Faster : Verdict.Unchanged;
            var figure = before.Figure;
            rows.Add(new ComparisonRow(figure.Type, figure.Method, figure.Parameters, before.Ratio, after.Ratio, change, noise, verdict));
        }
        var baselineKeys = baseline.Select(r => r.Key).ToHashSet();
        return new Comparison(rows,
            baseline.Where(r => !currentByKey.ContainsKey(r.Key)).Select(r => r.Key).ToArray(),
            current.Where(r => !baselineKeys.Contains(r.Key)).Select(r => r.Key).ToArray(),
            threshold);
    }
}
