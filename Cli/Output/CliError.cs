using System.Text.Encodings.Web;
using System.Text.Json;
using QSim.Qasm;

namespace QSim.Cli.Output;

/// <summary>One error as <c>qsim</c> reports it: where (for errors in an OpenQASM source) and what.</summary>
/// <param name="Message">What is wrong.</param>
/// <param name="File">The source file, or null when the error is not in a source (a bad option, a missing file).</param>
/// <param name="Line">1-based line in <paramref name="File"/>, or null.</param>
/// <param name="Column">1-based column in <paramref name="File"/>, or null.</param>
/// <param name="Text">The error as text on stderr: <c>FILE:LINE:COLUMN: error: message</c> with the source line and a caret, or <c>error: message</c>.</param>
internal sealed record CliError(string Message, string? File, int? Line, int? Column, string Text)
{
    public static CliError Plain(string message) => new(message, null, null, null, $"error: {message}");

    public static CliError From(Diagnostic diagnostic) =>
        new(diagnostic.Message, diagnostic.File, diagnostic.Line, diagnostic.Column, diagnostic.Format());

    /// <summary>
    /// Writes <paramref name="errors"/>: as text on stderr, or with <paramref name="json"/> as one JSON object on stdout,
    /// <c>{"errors": [{"file", "line", "column", "message"}, ...]}</c>, so that a program reading stdout always gets one
    /// JSON document (the exit code says whether it holds results or errors) and stderr keeps only notes for people.
    /// </summary>
    public static void Write(IReadOnlyList<CliError> errors, bool json, CliConsole console)
    {
        if (!json)
        {
            foreach (var error in errors) console.Error.WriteLine(error.Text);
            return;
        }
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("errors");
            foreach (var error in errors)
            {
                writer.WriteStartObject();
                if (error.File is { } file) writer.WriteString("file", file);
                else writer.WriteNull("file");
                WriteNumberOrNull(writer, "line", error.Line);
                WriteNumberOrNull(writer, "column", error.Column);
                writer.WriteString("message", error.Message);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        console.Out.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
    }

    private static void WriteNumberOrNull(Utf8JsonWriter writer, string name, int? value)
    {
        if (value is { } number) writer.WriteNumber(name, number);
        else writer.WriteNull(name);
    }
}
