using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace QSim.Cli.Output;

/// <summary>
/// One JSON object per run: <c>qubits</c>, <c>clbits</c>, <c>shots</c> and <c>seed</c> (both null without counts),
/// and one key per requested output: <c>counts</c>, <c>probabilities</c>, <c>statevector</c> (array of [re, im]),
/// <c>expectation</c> (one number per observable); with a gradient, <c>parameters</c> (input names) and <c>gradient</c>
/// (one array per observable, one number per parameter); <c>omitted</c> (entries left out per output) when the
/// output limit cut one. With <c>--noise</c>: <c>noise</c> (<c>model</c>, <c>method</c>, <c>trajectories</c> or null), and
/// for averages over trajectories their standard errors in <c>probability_errors</c>, <c>expectation_errors</c> and
/// <c>gradient_errors</c>, shaped as the values. Arrays of numbers stay on one line; a state vector has one amplitude per line.
/// </summary>
internal sealed class JsonReportWriter : IReportWriter
{
    private static readonly JsonWriterOptions Options = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public void WriteRun(RunReport report, TextWriter output, OutputLimit limit) => Write(output, json =>
    {
        var omitted = new Dictionary<string, int>();
        json.WriteNumber("qubits", report.Qubits);
        json.WriteNumber("clbits", report.Clbits);
        if (report.Shots is { } shots)
        {
            json.WriteNumber("shots", shots);
            json.WriteNumber("seed", report.Seed);
        }
        else
        {
            json.WriteNull("shots");
            json.WriteNull("seed");
        }
        if (report.Noise is { } noise)
        {
            json.WriteStartObject("noise");
            json.WriteString("model", noise.Model);
            json.WriteString("method", noise.Method);
            if (noise.Trajectories is { } trajectories) json.WriteNumber("trajectories", trajectories);
            else json.WriteNull("trajectories");
            json.WriteEndObject();
        }
        if (report.Counts is { } counts)
        {
            var shown = limit.MostFrequent(counts);
            json.WriteStartObject("counts");
            foreach (var (key, count) in shown.Entries) json.WriteNumber(key, count);
            json.WriteEndObject();
            if (shown.Omitted > 0) omitted["counts"] = shown.Omitted;
        }
        if (report.Probabilities is { } probabilities)
        {
            var shown = probabilities.MostLikely(limit);
            json.WriteStartObject("probabilities");
            foreach (int i in shown.Entries) json.WriteNumber(probabilities.Name(i), probabilities.ByIndex[i]);
            json.WriteEndObject();
            if (probabilities.StandardErrors is { } errors)
            {
                json.WriteStartObject("probability_errors");
                foreach (int i in shown.Entries) json.WriteNumber(probabilities.Name(i), errors[i]);
                json.WriteEndObject();
            }
            if (shown.Omitted > 0) omitted["probabilities"] = shown.Omitted;
        }
        if (report.StateVector is { } amplitudes)
        {
            var shown = limit.First(amplitudes);
            json.WritePropertyName("statevector");
            json.WriteRawValue(Rows(shown.Entries.Select(a => new[] { a.Real, a.Imaginary })));
            if (shown.Omitted > 0) omitted["statevector"] = shown.Omitted;
        }
        if (report.Expectation is { } expectation)
        {
            json.WritePropertyName("expectation");
            json.WriteRawValue(Numbers(expectation.Values));
            if (expectation.Errors is { } errors)
            {
                json.WritePropertyName("expectation_errors");
                json.WriteRawValue(Numbers(errors));
            }
        }
        if (report.Gradient is { } gradient)
        {
            WriteStrings(json, "parameters", gradient.Parameters);
            json.WritePropertyName("gradient");
            json.WriteRawValue(Rows(gradient.Derivatives));
            if (gradient.Errors is { } errors)
            {
                json.WritePropertyName("gradient_errors");
                json.WriteRawValue(Rows(errors));
            }
        }
        if (omitted.Count > 0)
        {
            json.WriteStartObject("omitted");
            foreach (var (kind, count) in omitted) json.WriteNumber(kind, count);
            json.WriteEndObject();
        }
    });

    /// <summary><c>[1.5, -2, 0.25]</c>: numbers on one line, each in its shortest round-trip form.</summary>
    private static string Numbers(IEnumerable<double> values) =>
        "[" + string.Join(", ", values.Select(v => v.ToString("R", CultureInfo.InvariantCulture))) + "]";

    /// <summary>A matrix as <see cref="Rows(IEnumerable{IEnumerable{double}})"/>: one row per line.</summary>
    private static string Rows(double[,] values) =>
        Rows(Enumerable.Range(0, values.GetLength(0)).Select(r => Enumerable.Range(0, values.GetLength(1)).Select(c => values[r, c])));

    /// <summary>An array of number arrays, one per line, indented as a value of the top-level object.</summary>
    private static string Rows(IEnumerable<IEnumerable<double>> rows)
    {
        var lines = rows.Select(Numbers).ToList();
        return lines.Count == 0 ? "[]" : "[\n    " + string.Join(",\n    ", lines) + "\n  ]";
    }

    public void WriteInfo(InfoReport report, TextWriter output) => Write(output, json =>
    {
        json.WriteString("file", report.File);
        json.WriteNumber("qubits", report.Qubits);
        json.WriteNumber("clbits", report.Clbits);
        json.WriteNumber("depth", report.Depth);
        json.WriteStartObject("gates");
        foreach (var (name, count) in report.GateCounts) json.WriteNumber(name, count);
        json.WriteEndObject();
        WriteStrings(json, "parameters", report.Parameters);
        json.WriteStartObject("memory_bytes");
        json.WriteNumber("single", report.SingleBytes);
        json.WriteNumber("double", report.DoubleBytes);
        json.WriteEndObject();
        var backend = report.AutoBackend;
        json.WriteStartObject("backend");
        json.WriteString("name", backend.Name);
        json.WriteString("device", backend.Device);
        json.WriteNumber("available_bytes", backend.AvailableBytes);
        if (backend.GpuUnavailable is { } reason) json.WriteString("gpu_unavailable", reason);
        json.WriteEndObject();
        var optimization = report.Optimization;
        json.WriteStartObject("optimization");
        json.WriteNumber("level", optimization.Level);
        json.WriteNumber("gates_in", optimization.GatesIn);
        json.WriteNumber("kernel_steps", optimization.KernelSteps);
        json.WriteNumber("sweeps", optimization.Sweeps);
        json.WriteNumber("relabel_sweeps", optimization.RelabelSweeps);
        json.WriteStartObject("fused_blocks_by_size");
        foreach (var (size, count) in optimization.FusedBlocksBySize) json.WriteNumber(size.ToString(CultureInfo.InvariantCulture), count);
        json.WriteEndObject();
        json.WriteStartArray("passes");
        foreach (var pass in optimization.Passes)
        {
            json.WriteStartObject();
            json.WriteString("name", pass.Name);
            json.WriteNumber("gates_in", pass.In);
            json.WriteNumber("gates_out", pass.Out);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    });

    private static void WriteStrings(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values) json.WriteStringValue(value);
        json.WriteEndArray();
    }

    private static void Write(TextWriter output, Action<Utf8JsonWriter> body)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            json.WriteStartObject();
            body(json);
            json.WriteEndObject();
        }
        output.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
    }
}
