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
        output.WriteLine("(one pass that reads and writes a buffer of the state's size). *Effective GB/s* counts each gate as one");
        output.WriteLine("such pass (2 × state bytes per gate), so *% of floor* near 100 means the gate runs at the machine's memory");
        output.WriteLine("speed; above 100 a circuit does better than one pass per gate (cache reuse, fusion). n ≤ 24 can sit in L3.");
        output.WriteLine();
        output.WriteLine("| Suite | Figure | n | Precision | Threads | Gates | Time per gate | Effective GB/s | Floor GB/s | % of floor |");
        output.WriteLine("|---|---|---:|---|---:|---:|---:|---:|---:|---:|");
        foreach (var p in data.Points.OrderBy(p => p.Suite).ThenBy(p => p.Precision).ThenBy(p => p.Threads).ThenBy(p => p.Qubits).ThenBy(p => p.Figure, StringComparer.Ordinal))
            output.WriteLine(FormattableString.Invariant(
                $"| {p.Suite} | {p.Figure} | {p.Qubits} | {p.Precision} | {p.Threads} | {p.Gates} | {Duration(p.SecondsPerGate)} | {p.EffectiveBytesPerSecond / 1e9:F1} | {p.FloorBytesPerSecond / 1e9:F1} | {100 * p.FractionOfFloor:F0} |"));
        if (data.Parsing.Count > 0)
        {
            output.WriteLine();
            output.WriteLine("| OpenQASM front end | Source | Time | MB/s |");
            output.WriteLine("|---|---:|---:|---:|");
            foreach (var p in data.Parsing)
                output.WriteLine(FormattableString.Invariant($"| parse {p.Gates:N0} gates | {p.SourceBytes / 1e6:F2} MB | {Duration(p.Seconds)} | {p.BytesPerSecond / 1e6:F1} |"));
        }
        foreach (var file in plotFiles)
        {
            output.WriteLine();
            output.WriteLine($"![{Path.GetFileNameWithoutExtension(file)}]({file})");
        }
    }

    private static string Duration(double seconds) => seconds switch
    {
        >= 1 => seconds.ToString("F2", CultureInfo.InvariantCulture) + " s",
        >= 1e-3 => (seconds * 1e3).ToString("F2", CultureInfo.InvariantCulture) + " ms",
        _ => (seconds * 1e6).ToString("F1", CultureInfo.InvariantCulture) + " µs",
    };
}
