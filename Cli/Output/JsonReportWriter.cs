using System.Text.Encodings.Web;
using System.Text.Json;

namespace QSim.Cli.Output;

/// <summary>
/// One JSON object per run: <c>qubits</c>, <c>clbits</c>, <c>shots</c> (null without counts), <c>seed</c>,
/// and one key per requested output: <c>counts</c>, <c>probabilities</c>, <c>statevector</c> (array of [re, im]).
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
    });

    public void WriteInfo(InfoReport report, TextWriter output) => Write(output, json =>
    {
        json.WriteString("file", report.File);
        json.WriteNumber("qubits", report.Qubits);
        json.WriteNumber("clbits", report.Clbits);
        json.WriteNumber("depth", report.Depth);
        json.WriteStartObject("gates");
        foreach (var (name, count) in report.GateCounts) json.WriteNumber(name, count);
        json.WriteEndObject();
        json.WriteStartArray("parameters");
        foreach (var name in report.Parameters) json.WriteStringValue(name);
        json.WriteEndArray();
        json.WriteStartObject("memory_bytes");
        json.WriteNumber("single", report.SingleBytes);
        json.WriteNumber("double", report.DoubleBytes);
        json.WriteEndObject();
    });

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
