using QSim.Perf.Infrastructure;

namespace QSim.Perf.Regression;

/// <summary>
/// A figure divided by the in-place floor of its own group (same suite, same parameters, same run), so that
/// machine speed cancels; <see cref="RelativeError"/> is the ratio's relative standard error from both figures'.
/// </summary>
public sealed record FloorRatio(BenchmarkResult Figure, double Ratio, double RelativeError)
{
    /// <summary>How figures are matched between runs (see <see cref="BenchmarkResult.Key"/>).</summary>
    public string Key => Figure.Key;

    /// <summary>Ratios of every figure of a run except the floor and copy themselves (machine references, not our code).</summary>
    /// <exception cref="ResultFileException">A group has figures but no floor (e.g. a run filtered to one benchmark).</exception>
    public static IReadOnlyList<FloorRatio> Of(IReadOnlyList<BenchmarkResult> results, string source)
    {
        var floors = new Dictionary<string, BenchmarkResult>();
        foreach (var result in results.Where(r => r.Method == FloorBenchmarks.FloorName)) floors[result.Group] = result;
        var ratios = new List<FloorRatio>();
        foreach (var figure in results.Where(r => r.Method is not (FloorBenchmarks.FloorName or FloorBenchmarks.CopyName)))
        {
            if (!floors.TryGetValue(figure.Group, out var floor))
                throw new ResultFileException($"{source}: {figure.Type}.{figure.Method} ({figure.Parameters}) has no {FloorBenchmarks.FloorName} in the same parameter set.");
            ratios.Add(new FloorRatio(figure, figure.MeanNs / floor.MeanNs,
                Math.Sqrt(Square(figure.StandardErrorNs / figure.MeanNs) + Square(floor.StandardErrorNs / floor.MeanNs))));
        }
        return ratios;
    }

    private static double Square(double x) => x * x;
}
