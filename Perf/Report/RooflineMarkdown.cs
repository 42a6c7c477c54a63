using System.Globalization;

namespace QSim.Perf.Report;

/// <summary>Writes the roofline report as markdown: how to read it, the table of figures, parse speed and the plots.</summary>
public static class RooflineMarkdown
{
    public static void Write(RooflineData data, IReadOnlyList<string> plotFiles, string source, TextWriter output)
    {
        output.WriteLine("# Roofline report");
        output.WriteLine();
        output.WriteLine($"From `{source}`. Every figure is set against the in-place floor of the same run and parameter set");
        output.WriteLine("(one pass that reads and writes a buffer of the state's size); the copy of that buffer to another is shown");
        output.WriteLine("beside it. *Effective GB/s* counts each gate as one such pass (2 × state bytes per gate), so *% of floor* near");
        output.WriteLine("100 means the gate runs at the machine's memory speed; above 100 a circuit does better than one pass per gate");
        output.WriteLine("(cache reuse, fusion). A circuit's time per gate is its whole run divided by its gates before optimization:");
        output.WriteLine("*circuit* rows parse, compile at the best level, reset the state and run; *optimized* rows reset the state and");
        output.WriteLine("run a plan compiled at setup, at level 0 (one pass per gate) and at the best level, so the pair shows what");
        output.WriteLine("optimization saves per gate. n ≤ 24 can sit in L3.");
        output.WriteLine();
        output.WriteLine("| Suite | Figure | n | Precision | Threads | Gates | Time per gate | Effective GB/s | Floor GB/s | Copy GB/s | % of floor |");
        output.WriteLine("|---|---|---:|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var p in data.Points.OrderBy(p => p.Suite).ThenBy(p => p.Precision).ThenBy(p => p.Threads).ThenBy(p => p.Qubits).ThenBy(p => p.Figure, StringComparer.Ordinal))
            output.WriteLine(FormattableString.Invariant(
                $"| {p.Suite} | {p.Figure} | {p.Qubits} | {p.Precision} | {p.Threads} | {p.Gates} | {Durations.Format(p.SecondsPerGate, "F2")} | {p.EffectiveBytesPerSecond / 1e9:F1} | {p.FloorBytesPerSecond / 1e9:F1} | {(double.IsNaN(p.CopySeconds) ? "–" : (p.CopyBytesPerSecond / 1e9).ToString("F1", CultureInfo.InvariantCulture))} | {100 * p.FractionOfFloor:F0} |"));
        if (data.Parsing.Count > 0)
        {
            output.WriteLine();
            output.WriteLine("| OpenQASM front end | Source | Time | MB/s |");
            output.WriteLine("|---|---:|---:|---:|");
            foreach (var p in data.Parsing)
                output.WriteLine(FormattableString.Invariant($"| parse {p.Gates:N0} gates | {p.SourceBytes / 1e6:F2} MB | {Durations.Format(p.Seconds, "F2")} | {p.BytesPerSecond / 1e6:F1} |"));
        }
        foreach (var file in plotFiles)
        {
            output.WriteLine();
            output.WriteLine($"![{Path.GetFileNameWithoutExtension(file)}]({file})");
        }
    }
}
