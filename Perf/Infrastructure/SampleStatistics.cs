namespace QSim.Perf.Infrastructure;

/// <summary>Summaries of repeated measurements shared by the Perf commands.</summary>
internal static class SampleStatistics
{
    /// <summary>The middle value (the upper middle of an even count).</summary>
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted[sorted.Length / 2];
    }
}
