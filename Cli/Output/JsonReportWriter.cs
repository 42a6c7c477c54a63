using System.Text.Encodings.Web;
using System.Text.Json;

namespace QSim.Cli.Output;

/// <summary>
/// One JSON object per run: <c>qubits</c>, <c>clbits</c>, <c>shots</c> (null without counts), <c>seed</c>,
/// and one key per requested output: <c>counts</c>, <c>probabilities</c>, <c>statevector</c> (array of [re, im]),
/// <c>expectation</c> (one number per observable); with a gradient, <c>parameters</c> (input names) and <c>gradient</c>
/// (one array per observable, one number per parameter). With <c>--noise</c>: <c>noise</c> (<c>model</c>, <c>method</c>,
/// <c>trajectories</c> or null), and for averages over trajectories their standard errors in <c>probability_errors</c>,
/// <c>expectation_errors</c> and <c>gradient_errors</c>, shaped as the values.
/// </summary>
internal sealed class JsonReportWriter : IReportWriter
{
    private static readonly JsonWriterOptions Options = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public void WriteRun(RunReport report, TextWriter output) => Write(output, json =>
    {
        json.WriteNumber("qubits", report.Qubits);
        json.WriteNumber("clbits", report.Clbits);
        if (report.Shots is { } shots) json.WriteNumber("shots", shots);
        else json.WriteNull("shots");
        json.WriteNumber("seed", report.Seed);
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
            json.WriteStartObject("counts");
            foreach (var (key, count) in counts) json.WriteNumber(key, count);
            json.WriteEndObject();
        }
        if (report.Probabilities is { } probabilities)
        {
            json.WriteStartObject("probabilities");
            foreach (var (key, p) in probabilities) json.WriteNumber(key, p);
            json.WriteEndObject();
        }
        if (report.ProbabilityErrors is { } probabilityErrors)
        {
            json.WriteStartObject("probability_errors");
            foreach (var (key, error) in probabilityErrors) json.WriteNumber(key, error);
            json.WriteEndObject();
        }
        if (report.StateVector is { } amplitudes)
        {
            json.WriteStartArray("statevector");
            foreach (var a in amplitudes)
            {
                json.WriteStartArray();
                json.WriteNumberValue(a.Real);
                json.WriteNumberValue(a.Imaginary);
                json.WriteEndArray();
            }
            json.WriteEndArray();
        }
        if (report.Expectation is { } expectation)
        {
            json.WriteStartArray("expectation");
            foreach (double value in expectation.Values) json.WriteNumberValue(value);
            json.WriteEndArray();
            if (expectation.Errors is { } errors)
            {
                json.WriteStartArray("expectation_errors");
                foreach (double error in errors) json.WriteNumberValue(error);
                json.WriteEndArray();
            }
        }
        if (report.Gradient is { } gradient)
        {
            WriteStrings(json, "parameters", gradient.Parameters);
            WriteMatrix(json, "gradient", gradient.Derivatives);
            if (gradient.Errors is { } errors) WriteMatrix(json, "gradient_errors", errors);
        }
    });

    /// <summary>One array per row, one number per column.</summary>
    private static void WriteMatrix(Utf8JsonWriter json, string name, double[,] values)
    {
        json.WriteStartArray(name);
        for (int r = 0; r < values.GetLength(0); r++)
        {
            json.WriteStartArray();
            for (int c = 0; c < values.GetLength(1); c++) json.WriteNumberValue(values[r, c]);
            json.WriteEndArray();
        }
        json.WriteEndArray();
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
        foreach (var (size, count) in optimization.FusedBlocksBySize) json.WriteNumber(size.ToString(System.Globalization.CultureInfo.InvariantCulture), count);
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
