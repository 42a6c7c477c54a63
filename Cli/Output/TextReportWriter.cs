using System.Globalization;
using QSim.Backends;

namespace QSim.Cli.Output;

/// <summary>Aligned, readable text: a header line, then one table per output.</summary>
internal sealed class TextReportWriter : IReportWriter
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public void WriteRun(RunReport report, TextWriter output, OutputLimit limit)
    {
        // Shots and seed only where something was sampled: exact outputs involve no randomness.
        output.WriteLine($"{report.File}: {report.Qubits} qubit(s), {report.Clbits} classical bit(s)"
            + (report.Shots is { } shots ? $", {shots} shot(s), seed {report.Seed}" : ""));
        if (report.Noise is { } noise)
            output.WriteLine($"noise: {noise.Model}, " + (noise.Trajectories is { } t ? $"{t} quantum trajectories" : "density matrix (exact)"));
        if (report.Counts is { } counts)
        {
            output.WriteLine();
            output.WriteLine("counts:");
            int total = Math.Max(1, counts.Values.Sum());
            var shown = limit.MostFrequent(counts);
            int countWidth = shown.Entries.Select(e => e.Value).DefaultIfEmpty(0).Max().ToString(Invariant).Length;
            foreach (var (key, count) in shown.Entries)
                output.WriteLine($"  {key}  {count.ToString(Invariant).PadLeft(countWidth)}  {Percent(count, total),6}%");
            WriteOmitted(output, shown, "outcomes", $" ({shown.OmittedWeight.ToString(Invariant)} shots, {Percent(shown.OmittedWeight, total)}%)");
        }
        if (report.Probabilities is { } probabilities)
        {
            output.WriteLine();
            output.WriteLine("probabilities:");
            var shown = probabilities.MostLikely(limit);
            foreach (int i in shown.Entries)
                output.WriteLine($"  {probabilities.Name(i)}  {Fixed(probabilities.ByIndex[i])}"
                    + (probabilities.StandardErrors is { } errors ? $"  ± {Fixed(errors[i])}" : ""));
            WriteOmitted(output, shown, "outcomes", $" (total probability {Fixed(shown.OmittedWeight)})");
        }
        if (report.StateVector is { } amplitudes)
        {
            output.WriteLine();
            output.WriteLine("statevector:");
            var shown = limit.First(amplitudes);
            for (int i = 0; i < shown.Entries.Count; i++)
            {
                var a = shown.Entries[i];
                string sign = a.Imaginary < 0 ? "-" : "+";
                output.WriteLine($"  {Execution.Simulator.FormatBasisIndex(i, report.Qubits)}  {Fixed(a.Real),12} {sign} {Fixed(Math.Abs(a.Imaginary))}i");
            }
            WriteOmitted(output, shown, "amplitudes", "");
        }
        if (report.Expectation is { } expectation)
        {
            output.WriteLine();
            output.WriteLine("expectation:");
            if (expectation.Errors is { } errors)
                WriteTable(output, ["observable", "value", "± error"], [.. expectation.Observables.Select((label, o) => (label, new[] { expectation.Values[o], errors[o] }))]);
            else WriteTable(output, header: null, [.. expectation.Observables.Select((label, o) => (label, new[] { expectation.Values[o] }))]);
        }
        if (report.Gradient is { } gradient)
        {
            output.WriteLine();
            output.WriteLine($"gradient ({gradient.Method}), d<observable>/d<parameter>:");
            var rows = report.Expectation!.Observables
                .Select((label, o) => (label, Enumerable.Range(0, gradient.Parameters.Count).Select(p => gradient.Derivatives[o, p]).ToArray()))
                .ToList();
            WriteTable(output, ["observable", .. gradient.Parameters], rows);
            if (gradient.Errors is { } errors)
            {
                output.WriteLine();
                output.WriteLine("gradient standard errors:");
                WriteTable(output, ["observable", .. gradient.Parameters], [.. report.Expectation!.Observables
                    .Select((label, o) => (label, Enumerable.Range(0, gradient.Parameters.Count).Select(p => errors[o, p]).ToArray()))]);
            }
        }
    }

    private static void WriteOmitted<T>(TextWriter output, Shown<T> shown, string what, string weight)
    {
        if (shown.Omitted > 0) output.WriteLine($"  ... {shown.Omitted.ToString(Invariant)} more {what}{weight}; --all prints every one");
    }

    private static string Percent(double part, double total) => (100.0 * part / total).ToString("0.00", Invariant);

    /// <summary>Rows of a label and numbers: labels left-aligned, each number column right-aligned under its header.</summary>
    private static void WriteTable(TextWriter output, string[]? header, List<(string Label, double[] Values)> rows)
    {
        var cells = rows.Select(r => r.Values.Select(Fixed).ToArray()).ToList();
        int labelWidth = rows.Select(r => r.Label.Length).Append(header?[0].Length ?? 0).Max();
        int columns = rows.Count == 0 ? 0 : rows[0].Values.Length;
        var widths = Enumerable.Range(0, columns)
            .Select(c => cells.Select(row => row[c].Length).Append(header?[c + 1].Length ?? 0).Max())
            .ToArray();
        if (header is not null)
            output.WriteLine(("  " + header[0].PadRight(labelWidth) + string.Concat(widths.Select((w, c) => "  " + header[c + 1].PadLeft(w)))).TrimEnd());
        for (int r = 0; r < rows.Count; r++)
            output.WriteLine("  " + rows[r].Label.PadRight(labelWidth) + string.Concat(widths.Select((w, c) => "  " + cells[r][c].PadLeft(w))));
    }

    /// <summary>Nine decimals; a value that rounds to zero prints as 0.000000000, never as -0.000000000.</summary>
    private static string Fixed(double value) => (Math.Round(value, 9) + 0.0).ToString("0.000000000", Invariant);

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
            ("backend", $"{report.AutoBackend.Name} (what --backend auto uses here)"),
            ("device", $"{report.AutoBackend.Device}, {MemoryGuard.FormatBytes(report.AutoBackend.AvailableBytes)} available"),
        };
        if (report.AutoBackend.GpuUnavailable is { } reason) rows.Add(("gpu", reason));
        var optimization = report.Optimization;
        rows.Add(("optimized", $"level {optimization.Level}: {optimization.GatesIn} gates in {optimization.KernelSteps} kernel steps, {optimization.Sweeps} sweep(s) over the state"));
        foreach (var (name, value) in rows) output.WriteLine($"{name + ":",-12}{value}");
        if (report.GateCounts.Count > 0)
        {
            output.WriteLine("gates:");
            int width = report.GateCounts.Keys.Max(k => k.Length);
            foreach (var (name, count) in report.GateCounts) output.WriteLine($"  {name.PadRight(width)}  {count}");
        }
        output.WriteLine("optimizer:");
        foreach (string line in optimization.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries)) output.WriteLine("  " + line.TrimEnd());
    }
}
