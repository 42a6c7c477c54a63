using ScottPlot;
using ScottPlot.TickGenerators;

namespace QSim.Perf.Report;

/// <summary>
/// Time per gate against qubits, one plot per precision on the most threads measured: the in-place floor (one
/// pass over the state), each kernel kind (its slowest placement) and each circuit (time / gates).
/// </summary>
public static class RooflinePlot
{
    /// <summary>Writes one PNG per precision into <paramref name="folder"/>; returns their file names.</summary>
    public static IReadOnlyList<string> Write(RooflineData data, string folder)
    {
        var files = new List<string>();
        foreach (var precision in data.Points.Select(p => p.Precision).Distinct().Order())
        {
            var points = data.Points.Where(p => p.Precision == precision).ToArray();
            int threads = points.Max(p => p.Threads);
            points = points.Where(p => p.Threads == threads).ToArray();
            var plot = new Plot();
            AddSeries(plot, "in-place floor", points.GroupBy(p => p.Qubits).Select(g => (g.Key, g.Average(p => p.FloorSeconds))), LinePattern.Dashed, 3);
            foreach (var kind in points.Where(p => p.Suite == "kernel").GroupBy(p => p.Figure.Split(' ')[0]))
                AddSeries(plot, kind.Key, kind.GroupBy(p => p.Qubits).Select(g => (g.Key, g.Max(p => p.SecondsPerGate))), LinePattern.Solid, 1.5f);
            foreach (var circuit in points.Where(p => p.Suite == "circuit").GroupBy(p => p.Figure))
                AddSeries(plot, circuit.Key, circuit.Select(p => (p.Qubits, p.SecondsPerGate)), LinePattern.Dotted, 1);
            plot.Title($"Time per gate vs qubits, {precision}, {threads} threads");
            plot.XLabel("qubits n");
            plot.YLabel("time per gate (log scale)");
            plot.Axes.Left.TickGenerator = new NumericAutomatic
            {
                MinorTickGenerator = new LogMinorTickGenerator(),
                IntegerTicksOnly = true,
                LabelFormatter = y => Duration(Math.Pow(10, y)),
            };
            plot.ShowLegend(Alignment.UpperLeft);
            string file = $"roofline-{precision.ToLowerInvariant()}.png";
            plot.SavePng(Path.Combine(folder, file), 1000, 650);
            files.Add(file);
        }
        return files;
    }

    private static void AddSeries(Plot plot, string name, IEnumerable<(int Qubits, double Seconds)> values, LinePattern pattern, float width)
    {
        var ordered = values.OrderBy(v => v.Qubits).ToArray();
        var scatter = plot.Add.Scatter(ordered.Select(v => (double)v.Qubits).ToArray(), ordered.Select(v => Math.Log10(v.Seconds)).ToArray());
        scatter.LegendText = name;
        scatter.LinePattern = pattern;
        scatter.LineWidth = width;
        scatter.MarkerSize = 6;
    }

    private static string Duration(double seconds) => seconds >= 1e-3 ? $"{seconds * 1e3:G3} ms" : $"{seconds * 1e6:G3} µs";
}
