using System.Globalization;
using QSim.Backends;

namespace QSim.Cli.Output;

/// <summary>Aligned, readable text: a header line, then one table per output.</summary>
internal sealed class TextReportWriter : IReportWriter
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public void WriteRun(RunReport report, TextWriter output)
    {
        output.WriteLine($"{report.File}: {report.Qubits} qubit(s), {report.Clbits} classical bit(s)"
            + (report.Shots is { } shots ? $", {shots} shot(s)" : "") + $", seed {report.Seed}");
        if (report.Counts is { } counts)
        {
            output.WriteLine();
            output.WriteLine("counts:");
            int total = Math.Max(1, counts.Values.Sum());
            int countWidth = counts.Values.DefaultIfEmpty(0).Max().ToString(Invariant).Length;
            foreach (var (key, count) in counts.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal))
                output.WriteLine($"  {key}  {count.ToString(Invariant).PadLeft(countWidth)}  {(100.0 * count / total).ToString("0.00", Invariant),6}%");
        }
        if (report.Probabilities is { } probabilities)
        {
            output.WriteLine();
            output.WriteLine("probabilities:");
            foreach (var (key, p) in probabilities) output.WriteLine($"  {key}  {p.ToString("0.000000000", Invariant)}");
        }
        if (report.StateVector is { } amplitudes)
        {
            output.WriteLine();
            output.WriteLine("statevector:");
            for (int i = 0; i < amplitudes.Length; i++)
            {
                var a = amplitudes[i];
                string sign = a.Imaginary < 0 ? "-" : "+";
                output.WriteLine($"  {Execution.Simulator.FormatBasisIndex(i, report.Qubits)}  {a.Real.ToString("0.000000000", Invariant),12} {sign} {Math.Abs(a.Imaginary).ToString("0.000000000", Invariant)}i");
            }
        }
    }

    public void WriteInfo(InfoReport report, TextWriter output)
    {
        var rows = new List<(string, string)>
        {
            ("file", report.File),
            ("qubits", report.Qubits.ToString(Invariant)),
            ("clbits", report.Clbits.ToString(Invariant)),
            ("depth", report.Depth.ToString(Invariant)),
            ("operations", report.GateCounts.Values.Sum().ToString(Invariant)),
            ("parameters", report.Parameters.Count == 0 ? "none" : string.Join(", ", report.Parameters)),
            ("memory", $"{MemoryGuard.FormatBytes(report.SingleBytes)} (single), {MemoryGuard.FormatBytes(report.DoubleBytes)} (double)"),
        };
        foreach (var (name, value) in rows) output.WriteLine($"{name + ":",-12}{value}");
        if (report.GateCounts.Count == 0) return;
        output.WriteLine("gates:");
        int width = report.GateCounts.Keys.Max(k => k.Length);
        foreach (var (name, count) in report.GateCounts) output.WriteLine($"  {name.PadRight(width)}  {count}");
    }
}
