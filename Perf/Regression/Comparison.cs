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
/// grew by more than the threshold plus the noise of the two runs (the half-width of the change's confidence
/// interval at <see cref="Level"/>), and <see cref="Verdict.Faster"/> in the mirror case.
/// </summary>
public sealed class Comparison
{
    /// <summary>
    /// Confidence level of the noise band unless the caller states one. BenchmarkDotNet's own 99.9 % interval is too
    /// wide for a gate: with the quick profile's 5 measurements its margin is 8.6 standard errors.
    /// </summary>
    public const double DefaultLevel = 0.95;

    private Comparison(IReadOnlyList<ComparisonRow> rows, IReadOnlyList<string> onlyInBaseline, IReadOnlyList<string> onlyInNew, double threshold, double level)
    {
        Rows = rows;
        OnlyInBaseline = onlyInBaseline;
        OnlyInNew = onlyInNew;
        Threshold = threshold;
        Level = level;
    }

    /// <summary>Figures present in both runs, in the baseline's order.</summary>
    public IReadOnlyList<ComparisonRow> Rows { get; }

    /// <summary>Figures the new run lacks (renamed, removed, or filtered out).</summary>
    public IReadOnlyList<string> OnlyInBaseline { get; }

    /// <summary>Figures the baseline lacks (new benchmarks).</summary>
    public IReadOnlyList<string> OnlyInNew { get; }

    /// <summary>The allowed slowdown, as a fraction (0.15 for 15 %).</summary>
    public double Threshold { get; }

    /// <summary>Confidence level of the noise band, as a fraction (0.95 for 95 %).</summary>
    public double Level { get; }

    /// <summary>True when any figure is <see cref="Verdict.Slower"/>.</summary>
    public bool HasRegression => Rows.Any(r => r.Verdict == Verdict.Slower);

    /// <summary>Matches the figures of the two runs by suite, method and parameters and judges each change.</summary>
    public static Comparison Of(IReadOnlyList<FloorRatio> baseline, IReadOnlyList<FloorRatio> current, double threshold, double level = DefaultLevel)
    {
        var currentByKey = current.ToDictionary(r => r.Key);
        var rows = new List<ComparisonRow>();
        foreach (var before in baseline)
        {
            if (!currentByKey.TryGetValue(before.Key, out var after)) continue;
            double change = after.Ratio / before.Ratio - 1;
            // The change divides four independent means (figure and floor, in each run); to first order their relative
            // half-widths add in quadrature. Each is t(level, N - 1) x SE / mean, BenchmarkDotNet's interval at our
            // level. At equal N this is a little wider than one Welch-Satterthwaite interval (whose pooled degrees of
            // freedom give a smaller t), so a borderline change is called noise rather than a regression.
            double noise = double.Hypot(before.RelativeMargin(level), after.RelativeMargin(level));
            var verdict = change > threshold + noise ? Verdict.Slower : change < -(threshold + noise) ? Verdict.Faster : Verdict.Unchanged;
            var figure = before.Figure;
            rows.Add(new ComparisonRow(figure.Type, figure.Method, figure.Parameters, before.Ratio, after.Ratio, change, noise, verdict));
        }
        var baselineKeys = baseline.Select(r => r.Key).ToHashSet();
        return new Comparison(rows,
            baseline.Where(r => !currentByKey.ContainsKey(r.Key)).Select(r => r.Key).ToArray(),
            current.Where(r => !baselineKeys.Contains(r.Key)).Select(r => r.Key).ToArray(),
            threshold, level);
    }
}
