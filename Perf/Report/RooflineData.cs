using QSim.Backends;
using QSim.Perf.Circuits;
using QSim.Perf.FrontEnd;
using QSim.Perf.Infrastructure;
using QSim.Perf.Kernels;
using QSim.Perf.Regression;

namespace QSim.Perf.Report;

/// <summary>The report's figures, read from a run's results: kernel passes and circuits against their floors, and parse speed.</summary>
public sealed record RooflineData(IReadOnlyList<RooflinePoint> Points, IReadOnlyList<ParseThroughput> Parsing)
{
    /// <summary>Picks the kernel, circuit and front-end figures out of <paramref name="results"/>; other suites are not passes over a state.</summary>
    public static RooflineData From(IReadOnlyList<BenchmarkResult> results)
    {
        var floors = results.Where(r => r.Method == FloorBenchmarks.FloorName).ToDictionary(r => r.Group);
        var points = new List<RooflinePoint>();
        var parsing = new List<ParseThroughput>();
        foreach (var result in results.Where(r => r.Method is not (FloorBenchmarks.FloorName or FloorBenchmarks.CopyName)))
        {
            var values = result.ParameterValues;
            switch (result.Type)
            {
                case nameof(KernelPassBenchmarks) when floors.TryGetValue(result.Group, out var floor):
                    int qubits = int.Parse(values[nameof(KernelPassBenchmarks.Qubits)]);
                    points.Add(Point("kernel", $"{result.Method} {values[nameof(KernelPassBenchmarks.Placement)]}", qubits, 1, result, floor));
                    break;
                case nameof(EndToEndCircuitBenchmarks) when floors.TryGetValue(result.Group, out var floor)
                    && CircuitCase.TryParseLabel(values[nameof(EndToEndCircuitBenchmarks.Circuit)], out int n, out int gates):
                    string label = values[nameof(EndToEndCircuitBenchmarks.Circuit)];
                    points.Add(Point("circuit", label[..label.IndexOf(' ')], n, gates, result, floor));
                    break;
                case nameof(ParseBenchmarks):
                    int sourceGates = int.Parse(values[nameof(ParseBenchmarks.Gates)]);
                    parsing.Add(new ParseThroughput(sourceGates, SyntheticQasm.Bytes(sourceGates), result.MeanNs * 1e-9));
                    break;
            }
        }
        return new RooflineData(points, parsing);
    }

    private static RooflinePoint Point(string suite, string figure, int qubits, int gates, BenchmarkResult result, BenchmarkResult floor)
    {
        var values = result.ParameterValues;
        var precision = Enum.Parse<Precision>(values["Precision"]);
        return new RooflinePoint(suite, figure, qubits, precision.ToString(), int.Parse(values["Threads"]), gates,
            (1L << qubits) * MemoryGuard.BytesPerAmplitude(precision), result.MeanNs * 1e-9, floor.MeanNs * 1e-9);
    }
}
