using ScottPlot;
using ScottPlot.TickGenerators;

namespace QSim.Cli.Output;

/// <summary>
/// <c>qsim run --plot FILE.png</c>: a bar chart of the counts (or, without counts, the exact probabilities), one bar
/// per outcome in bitstring order, of the outcomes the text output shows (the most likely ones unless <c>--all</c>).
/// </summary>
internal static class HistogramPlot
{
    public const int Width = 800;
    public const int Height = 500;

    /// <summary>Outputs a histogram can draw.</summary>
    public static readonly string[] PlottableOutputs = ["counts", "probabilities"];

    /// <summary>The shown outcomes of <paramref name="table"/> by name.</summary>
    private static Shown<KeyValuePair<string, double>> Named(ProbabilityTable table, Shown<int> shown) =>
        new([.. shown.Entries.Select(i => KeyValuePair.Create(table.Name(i), table.ByIndex[i]))], shown.Omitted, shown.OmittedWeight);

    /// <summary>Writes the PNG of <paramref name="report"/>'s counts or probabilities to <paramref name="path"/>.</summary>
    /// <exception cref="CliException">The run has neither output, or the file cannot be written.</exception>
    public static void Write(RunReport report, OutputLimit limit, string path)
    {
        var (entries, omitted, axis) = report.Counts is { } counts
            ? Select(limit.MostFrequent(counts), count => count, "shots")
            : report.Probabilities is { } probabilities
                ? Select(Named(probabilities, probabilities.MostLikely(limit)), p => p, "probability")
                : throw new CliException($"--plot draws {string.Join(" or ", PlottableOutputs)}; add one of them to --output");

        var plot = new Plot();
        plot.Add.Bars(entries.Select(e => e.Value).ToArray());
        plot.Axes.Bottom.TickGenerator = new NumericManual([.. entries.Select((_, i) => (double)i)], [.. entries.Select(e => e.Key)]);
        plot.Axes.Bottom.TickLabelStyle.Rotation = entries.Count > 8 ? 90 : 0;
        plot.Axes.Bottom.TickLabelStyle.Alignment = entries.Count > 8 ? Alignment.MiddleLeft : Alignment.UpperCenter;
        plot.Axes.Margins(bottom: 0);
        plot.Title(Path.GetFileName(report.File) + (omitted > 0 ? $": the {entries.Count} most likely of {entries.Count + omitted} outcomes" : ""));
        plot.XLabel("outcome");
        plot.YLabel(axis);
        try
        {
            plot.SavePng(path, Width, Height);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new CliException($"--plot: cannot write '{path}': {e.Message}");
        }
    }

    private static (List<KeyValuePair<string, double>> Entries, int Omitted, string Axis) Select<T>(Shown<KeyValuePair<string, T>> shown, Func<T, double> value, string axis) =>
        ([.. shown.Entries.Select(e => KeyValuePair.Create(e.Key, value(e.Value))).OrderBy(e => e.Key, StringComparer.Ordinal)], shown.Omitted, axis);
}
