using System.Text;

namespace QSim.Qasm;

/// <summary>One error found in an OpenQASM source, at a 1-based line and column.</summary>
/// <param name="File">File name as given to the parser.</param>
/// <param name="Line">1-based line.</param>
/// <param name="Column">1-based column.</param>
/// <param name="Message">What is wrong, in words.</param>
/// <param name="SourceLine">
/// The part of that line around the column (at most about <see cref="QasmLimits.ExcerptWidth"/> characters, with
/// <c>...</c> where it was cut and control characters shown as <c>?</c>), shown under the message with a caret; empty
/// when no source is shown.
/// </param>
/// <param name="CaretColumn">1-based column of the caret in <paramref name="SourceLine"/>; 0 means <paramref name="Column"/> (the excerpt is the whole line).</param>
public sealed record Diagnostic(string File, int Line, int Column, string Message, string SourceLine = "", int CaretColumn = 0)
{
    /// <summary>A diagnostic at the start of <paramref name="span"/>, with an excerpt of its line around the column.</summary>
    public static Diagnostic At(SourceSpan span, string message)
    {
        var (line, column) = span.Source.Position(span.Start);
        var (excerpt, caret) = span.Source.Excerpt(span.Start);
        return new Diagnostic(span.Source.FileName, line, column, DiagnosticText.Cap(message), excerpt, caret);
    }

    /// <summary>A diagnostic at line 1, column 1 of <paramref name="file"/> that shows no source (the file could not be read, or is not OpenQASM).</summary>
    public static Diagnostic WithoutSource(string file, string message) => new(file, 1, 1, DiagnosticText.Cap(message));

    /// <summary><c>FILE:LINE:COLUMN: error: message</c>, then the source excerpt and a caret under the column.</summary>
    public string Format()
    {
        var text = new StringBuilder($"{File}:{Line}:{Column}: error: {Message}");
        if (SourceLine.Length > 0)
        {
            int caret = CaretColumn > 0 ? CaretColumn : Column;
            text.Append('\n').Append(SourceLine).Append('\n');
            // Keep tabs in the caret line so the caret lines up under the same character.
            for (int i = 0; i < caret - 1 && i < SourceLine.Length; i++) text.Append(SourceLine[i] == '\t' ? '\t' : ' ');
            text.Append('^');
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

/// <summary>
/// Collects diagnostics while a stage runs, so that independent errors are reported together. Each file keeps at
/// most <see cref="QasmLimits.MaxDiagnosticsPerFile"/>; the next one becomes a single "too many errors" line and the
/// rest are dropped, so a hostile file cannot make the report grow without bound.
/// </summary>
internal sealed class DiagnosticBag
{
    private readonly List<Diagnostic> _items = new();
    private readonly Dictionary<string, int> _perFile = new(StringComparer.Ordinal);

    public IReadOnlyList<Diagnostic> Items => _items;

    public bool HasErrors => _items.Count > 0;

    public void Report(SourceSpan span, string message)
    {
        if (Admit(span.Source.FileName) is { } admitted)
            _items.Add(admitted ? Diagnostic.At(span, message) : TooMany(Diagnostic.At(span, "")));
    }

    public void Add(Diagnostic diagnostic)
    {
        if (Admit(diagnostic.File) is { } admitted) _items.Add(admitted ? diagnostic : TooMany(diagnostic));
    }

    /// <summary>Adds <paramref name="diagnostics"/> in source order (line, then column).</summary>
    public void AddSorted(IEnumerable<Diagnostic> diagnostics)
    {
        foreach (var diagnostic in diagnostics.OrderBy(d => d.Line).ThenBy(d => d.Column)) Add(diagnostic);
    }

    /// <summary>True to keep, false to turn into the "too many errors" line, null to drop.</summary>
    private bool? Admit(string file)
    {
        int count = _perFile.GetValueOrDefault(file);
        if (count > QasmLimits.MaxDiagnosticsPerFile) return null;
        _perFile[file] = count + 1;
        return count < QasmLimits.MaxDiagnosticsPerFile;
    }

    private static Diagnostic TooMany(Diagnostic at) => at with
    {
        Message = $"too many errors in this file; only the first {QasmLimits.MaxDiagnosticsPerFile} are shown",
    };

    /// <summary>True when <paramref name="file"/> has reached its limit, so a stage may stop looking for more.</summary>
    public bool IsFull(string file) => _perFile.GetValueOrDefault(file) > QasmLimits.MaxDiagnosticsPerFile;

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

/// <summary>How source text appears inside messages: control characters made visible, long text cut.</summary>
internal static class DiagnosticText
{
    /// <summary>The longest message kept; longer ones (a message quoting a huge token) are cut.</summary>
    private const int MaxMessageLength = 400;

    /// <summary><paramref name="text"/> for quoting in a message: at most <paramref name="max"/> characters, control characters as <c>?</c>.</summary>
    public static string Quote(ReadOnlySpan<char> text, int max = 60) =>
        Visible(text.Length <= max ? text.ToString() : string.Concat(text[..max], "..."));

    /// <summary>One character for a message: itself when printable, else its code point (<c>U+001B</c>).</summary>
    public static string Character(char c) => Unsafe.Contains(c) || char.IsSurrogate(c) || c == '\uFEFF' ? $"U+{(int)c:X4}" : c.ToString();

    /// <summary>The message as shown: cut at <see cref="MaxMessageLength"/> characters, control characters made visible.</summary>
    public static string Cap(string message) => Visible(message.Length <= MaxMessageLength ? message : string.Concat(message.AsSpan(0, MaxMessageLength), "..."));

    /// <summary>
    /// Replaces control characters (except tab) and bidirectional formatting characters with <c>?</c>, so that a
    /// terminal shows a hostile file's bytes as text instead of obeying them.
    /// </summary>
    public static string Visible(string text)
    {
        if (!text.AsSpan().ContainsAny(Unsafe)) return text;
        return string.Create(text.Length, text, static (span, source) =>
        {
            for (int i = 0; i < source.Length; i++) span[i] = Unsafe.Contains(source[i]) ? '?' : source[i];
        });
    }

    private static readonly System.Buffers.SearchValues<char> Unsafe = System.Buffers.SearchValues.Create(
        [.. Enumerable.Range(0, 0x20).Where(c => c != '\t').Select(c => (char)c), .. Enumerable.Range(0x7f, 0x21).Select(c => (char)c),
         .. "\u061C\u200E\u200F\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069"]);
}
