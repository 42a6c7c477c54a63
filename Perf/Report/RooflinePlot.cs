using ScottPlot;
using ScottPlot.Plottables;
using ScottPlot.TickGenerators;

namespace QSim.Perf.Report;

/// <summary>
/// Time per gate against qubits, one plot per precision on the most threads measured: the in-place floor (one
/// pass over the state, black), each kernel kind (its slowest placement, solid), each end-to-end circuit (dotted)
/// and each optimized circuit at each level (dashed), every series in its own colour.
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
            var floor = AddSeries(plot, "in-place floor", points.GroupBy(p => p.Qubits).Select(g => (g.Key, g.Average(p => p.FloorSeconds))), LinePattern.Dashed, 3);
            var series = new List<Scatter>();
            foreach (var kind in points.Where(p => p.Suite == "kernel").GroupBy(p => p.Figure.Split(' ')[0]))
                series.Add(AddSeries(plot, kind.Key, kind.GroupBy(p => p.Qubits).Select(g => (g.Key, g.Max(p => p.SecondsPerGate))), LinePattern.Solid, 1.5f));
            foreach (var circuit in points.Where(p => p.Suite == "circuit").GroupBy(p => p.Figure))
                series.Add(AddSeries(plot, circuit.Key, circuit.Select(p => (p.Qubits, p.SecondsPerGate)), LinePattern.Dotted, 1.5f));
            foreach (var circuit in points.Where(p => p.Suite == "optimized").GroupBy(p => p.Figure))
                series.Add(AddSeries(plot, circuit.Key, circuit.Select(p => (p.Qubits, p.SecondsPerGate)), LinePattern.Dashed, 1.5f));
            floor.Color = Colors.Black;
            for (int i = 0; i < series.Count; i++) series[i].Color = DistinctColour(i, series.Count);
            plot.Title($"Time per gate vs qubits, {precision}, {threads} threads");
            plot.XLabel("qubits n");
            plot.YLabel("time per gate (log scale)");
            plot.Axes.Bottom.TickGenerator = new NumericAutomatic { IntegerTicksOnly = true };
            plot.Axes.Left.TickGenerator = new NumericAutomatic
            {
                MinorTickGenerator = new LogMinorTickGenerator(),
                IntegerTicksOnly = true,
                LabelFormatter = y => Durations.Format(Math.Pow(10, y), "0.###"),
            };
            plot.ShowLegend(Edge.Right);
            string file = $"roofline-{precision.ToLowerInvariant()}.png";
            plot.SavePng(Path.Combine(folder, file), 1200, 700);
            files.Add(file);
        }
        return files;
    }

    private static Scatter AddSeries(Plot plot, string name, IEnumerable<(int Qubits, double Seconds)> values, LinePattern pattern, float width)
    {
        var ordered = values.OrderBy(v => v.Qubits).ToArray();
        var scatter = plot.Add.Scatter(ordered.Select(v => (double)v.Qubits).ToArray(), ordered.Select(v => Math.Log10(v.Seconds)).ToArray());
        scatter.LegendText = name;
        scatter.LinePattern = pattern;
        scatter.LineWidth = width;
        scatter.MarkerSize = 6;
        return scatter;
    }

    /// <summary>Colour <paramref name="index"/> of <paramref name="count"/>: hues evenly around the wheel, neighbours alternately dark and light.</summary>
    private static Color DistinctColour(int index, int count) => Color.FromHSL((float)index / count, 0.75f, index % 2 == 0 ? 0.35f : 0.55f);
}
