using QSim.Perf.Infrastructure;

namespace QSim.Perf.Regression;

/// <summary>
/// A figure divided by the in-place floor of its own group (same suite, same parameters, same run), so that
/// machine speed cancels.
/// </summary>
public sealed record FloorRatio(BenchmarkResult Figure, BenchmarkResult Floor)
{
    /// <summary>How figures are matched between runs (see <see cref="BenchmarkResult.Key"/>).</summary>
    public string Key => Figure.Key;

    /// <summary>Figure mean / floor mean.</summary>
    public double Ratio => Figure.MeanNs / Floor.MeanNs;

    /// <summary>
    /// The ratio's confidence half-width at <paramref name="level"/>, relative to the ratio: to first order the relative
    /// errors of a quotient of two independent means add in quadrature, so the figure's and the floor's do.
    /// </summary>
    public double RelativeMargin(double level) => double.Hypot(Figure.RelativeMargin(level), Floor.RelativeMargin(level));

    /// <summary>Ratios of every figure of a run except the floor and copy themselves (machine references, not our code).</summary>
    /// <exception cref="ResultFileException">
    /// A group has figures but no floor (e.g. a run filtered to one benchmark), or a figure or floor has fewer than
    /// 2 measurements (no confidence interval).
    /// </exception>
    public static IReadOnlyList<FloorRatio> Of(IReadOnlyList<BenchmarkResult> results, string source)
    {
        if (results.FirstOrDefault(r => r.Samples < 2) is { } unsampled)
            throw new ResultFileException($"{source}: {unsampled.Key} has {unsampled.Samples} measurement(s), too few for a confidence interval.");
        var floors = results.Where(r => r.Method == FloorBenchmarks.FloorName).ToDictionary(r => r.Group);
        var ratios = new List<FloorRatio>();
        foreach (var figure in results.Where(r => r.Method is not (FloorBenchmarks.FloorName or FloorBenchmarks.CopyName)))
        {
            if (!floors.TryGetValue(figure.Group, out var floor))
                throw new ResultFileException($"{source}: {figure.Type}.{figure.Method} ({figure.Parameters}) has no {FloorBenchmarks.FloorName} in the same parameter set.");
            ratios.Add(new FloorRatio(figure, floor));
        }
        return ratios;
    }
}
