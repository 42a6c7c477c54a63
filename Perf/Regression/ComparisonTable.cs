using System.Globalization;

namespace QSim.Perf.Regression;

/// <summary>Writes a <see cref="Comparison"/> as a markdown table, then the figures found in only one run, then a verdict line.</summary>
public static class ComparisonTable
{
    public static void Write(Comparison comparison, TextWriter output)
    {
        output.WriteLine("| Suite | Benchmark | Parameters | Baseline / floor | New / floor | Change | Noise | Verdict |");
        output.WriteLine("|---|---|---|---:|---:|---:|---:|---|");
        foreach (var row in comparison.Rows)
            output.WriteLine(FormattableString.Invariant(
                $"| {row.Type} | {row.Method} | {row.Parameters} | {row.BaselineRatio:G4} | {row.NewRatio:G4} | {Percent(row.Change, signed: true)} | ±{Percent(row.Noise, signed: false)} | {row.Verdict} |"));
        WriteUnmatched(comparison, output);
        int slower = comparison.Rows.Count(r => r.Verdict == Verdict.Slower), faster = comparison.Rows.Count(r => r.Verdict == Verdict.Faster);
        output.WriteLine(FormattableString.Invariant(
            $"{comparison.Rows.Count} figures compared: {slower} slower, {faster} faster beyond the {Percent(comparison.Threshold, signed: false)} threshold plus noise ({comparison.Level * 100:0.##}% confidence)."));
    }

    /// <summary>Lists the figures found in only one of the two runs.</summary>
    public static void WriteUnmatched(Comparison comparison, TextWriter output)
    {
        foreach (var key in comparison.OnlyInBaseline) output.WriteLine($"Only in the baseline: {key}");
        foreach (var key in comparison.OnlyInNew) output.WriteLine($"Only in the new run: {key}");
    }

    private static string Percent(double fraction, bool signed) =>
        (fraction * 100).ToString(signed ? "+0.0;-0.0;0.0" : "0.0", CultureInfo.InvariantCulture) + "%";
}
