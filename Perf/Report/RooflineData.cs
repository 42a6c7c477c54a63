using QSim.Backends;
using QSim.Circuits;
using QSim.Perf.Circuits;
using QSim.Perf.FrontEnd;
using QSim.Perf.Infrastructure;
using QSim.Perf.Kernels;
using QSim.Perf.Regression;

namespace QSim.Perf.Report;

/// <summary>The report's figures, read from a run's results: kernel passes and circuits against their floors, and parse speed.</summary>
public sealed record RooflineData(IReadOnlyList<RooflinePoint> Points, IReadOnlyList<ParseThroughput> Parsing)
{
    /// <summary>
    /// Picks the kernel, circuit and front-end figures out of <paramref name="results"/> (each figure at most once, as
    /// <see cref="ResultFile.Load"/> guarantees); other suites are not passes over a state. A kernel or circuit figure
    /// needs the floor and copy of its group.
    /// </summary>
    public static RooflineData From(IReadOnlyList<BenchmarkResult> results)
    {
        var floors = results.Where(r => r.Method == FloorBenchmarks.FloorName).ToDictionary(r => r.Group);
        var copies = results.Where(r => r.Method == FloorBenchmarks.CopyName).ToDictionary(r => r.Group);
        var points = new List<RooflinePoint>();
        var parsing = new List<ParseThroughput>();
        foreach (var result in results.Where(r => r.Method is not (FloorBenchmarks.FloorName or FloorBenchmarks.CopyName)))
        {
            if (result.Type == nameof(ParseBenchmarks))
            {
                int sourceGates = int.Parse(result.ParameterValues[nameof(ParseBenchmarks.Gates)]);
                parsing.Add(new ParseThroughput(sourceGates, SyntheticQasm.Bytes(sourceGates), result.MeanNs * 1e-9));
            }
            else if (Shape(result) is { } shape && floors.TryGetValue(result.Group, out var floor))
            {
                double copySeconds = copies.TryGetValue(result.Group, out var copy) ? copy.MeanNs * 1e-9 : double.NaN;
                var precision = Enum.Parse<Precision>(result.ParameterValues["Precision"]);
                points.Add(new RooflinePoint(shape.Suite, shape.Figure, shape.Qubits, precision.ToString(), shape.Threads, shape.Gates,
                    (1L << shape.Qubits) * MemoryGuard.BytesPerAmplitude(precision), result.MeanNs * 1e-9, floor.MeanNs * 1e-9, copySeconds));
            }
        }
        return new RooflineData(points, parsing);
    }

    /// <summary>What a figure of a state suite is: a kernel pass (one gate), or a whole circuit and its gate count before optimization.</summary>
    private static (string Suite, string Figure, int Qubits, int Threads, int Gates)? Shape(BenchmarkResult result)
    {
        var values = result.ParameterValues;
        switch (result.Type)
        {
            case nameof(KernelPassBenchmarks):
                return ("kernel", $"{result.Method} {values[nameof(KernelPassBenchmarks.Placement)]}",
                    int.Parse(values[nameof(KernelPassBenchmarks.Qubits)]), int.Parse(values[nameof(KernelPassBenchmarks.Threads)]), 1);
            case nameof(EndToEndCircuitBenchmarks):
                string label = values[nameof(EndToEndCircuitBenchmarks.Circuit)];
                return CircuitCase.TryParseLabel(label, out int n, out int gates)
                    ? ("circuit", label[..label.IndexOf(' ')], n, int.Parse(values[nameof(EndToEndCircuitBenchmarks.Threads)]), gates)
                    : null;
            case nameof(OptimizedCircuitBenchmarks):
                int qubits = int.Parse(values[nameof(OptimizedCircuitBenchmarks.Qubits)]);
                return OptimizedCircuitBenchmarks.Circuits(qubits).TryGetValue(result.Method, out var circuit)
                    ? ("optimized", $"{result.Method} level {values[nameof(OptimizedCircuitBenchmarks.Level)]}", qubits,
                        OptimizedCircuitBenchmarks.Threads, circuit.Operations.Count(op => op is GateOperation))
                    : null;
            default:
                return null;
        }
    }
}
