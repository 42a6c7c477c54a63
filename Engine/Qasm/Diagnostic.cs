using System.Text;

namespace QSim.Qasm;

/// <summary>One error found in an OpenQASM source, at a 1-based line and column.</summary>
/// <param name="File">File name as given to the parser.</param>
/// <param name="Line">1-based line.</param>
/// <param name="Column">1-based column.</param>
/// <param name="Message">What is wrong, in words.</param>
/// <param name="SourceLine">The text of that line, shown under the message with a caret.</param>
public sealed record Diagnostic(string File, int Line, int Column, string Message, string SourceLine = "")
{
    /// <summary>A diagnostic at the start of <paramref name="span"/>.</summary>
    public static Diagnostic At(SourceSpan span, string message)
    {
        var (line, column) = span.Source.Position(span.Start);
        return new Diagnostic(span.Source.FileName, line, column, message, span.Source.Line(line));
    }

    /// <summary><c>FILE:LINE:COLUMN: error: message</c>, then the source line and a caret under the column.</summary>
    public string Format()
    {
        var text = new StringBuilder($"{File}:{Line}:{Column}: error: {Message}");
        if (SourceLine.Length > 0)
        {
            // Keep tabs in the caret line so the caret lines up under the same character.
            var pad = new string([.. SourceLine.Take(Column - 1).Select(c => c == '\t' ? '\t' : ' ')]);
            text.Append('\n').Append(SourceLine).Append('\n').Append(pad).Append('^');
        }
        return text.ToString();
    }

    /// <inheritdoc/>
    public override string ToString() => $"{File}:{Line}:{Column}: error: {Message}";
}

/// <summary>An OpenQASM source has errors; <see cref="Diagnostics"/> lists every one found, in source order.</summary>
public sealed class QasmException : Exception
{
    /// <summary>Wraps the diagnostics (at least one).</summary>
    public QasmException(IReadOnlyList<Diagnostic> diagnostics)
        : base(string.Join(Environment.NewLine, diagnostics.Select(d => d.Format())))
    {
        if (diagnostics.Count == 0) throw new ArgumentException("A QasmException needs at least one diagnostic.", nameof(diagnostics));
        Diagnostics = diagnostics;
    }

    /// <summary>The errors, in the order they were found.</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; }
}

/// <summary>Collects diagnostics while a stage runs, so that independent errors are reported together.</summary>
internal sealed class DiagnosticBag
{
    private readonly List<Diagnostic> _items = new();

    public IReadOnlyList<Diagnostic> Items => _items;

    public bool HasErrors => _items.Count > 0;

    public void Report(SourceSpan span, string message) => _items.Add(Diagnostic.At(span, message));

    public void Add(Diagnostic diagnostic) => _items.Add(diagnostic);

    /// <summary>Throws when anything was reported.</summary>
    public void ThrowIfAny()
    {
        if (HasErrors) throw new QasmException([.. _items]);
    }
}

/// <summary>Thrown inside a stage to abandon one statement; caught at the statement boundary and recorded.</summary>
internal sealed class StatementError(SourceSpan span, string message) : Exception(message)
{
    public SourceSpan Span { get; } = span;
}
