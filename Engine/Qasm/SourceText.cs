namespace QSim.Qasm;

/// <summary>The text of one OpenQASM file, with the line table that turns offsets into line and column.</summary>
public sealed class SourceText
{
    private readonly int[] _lineStarts;

    /// <summary>Wraps <paramref name="text"/> read from <paramref name="fileName"/> (a path, or a label such as <c>&lt;stdin&gt;</c>).</summary>
    public SourceText(string text, string fileName)
    {
        Text = text;
        FileName = fileName;
        _lineStarts = new int[text.AsSpan().Count('\n') + 1];
        int line = 1;
        for (int i = text.IndexOf('\n'); i >= 0; i = text.IndexOf('\n', i + 1)) _lineStarts[line++] = i + 1;
    }

    /// <summary>The file name shown in diagnostics.</summary>
    public string FileName { get; }

    /// <summary>The whole text.</summary>
    public string Text { get; }

    /// <summary>The resolved path the text was read from, or null for text that came from a string or a stream; include names resolve against its folder.</summary>
    internal string? Location { get; init; }

    /// <summary>1-based line and column of an offset.</summary>
    public (int Line, int Column) Position(int offset)
    {
        int line = Array.BinarySearch(_lineStarts, offset);
        if (line < 0) line = ~line - 1;
        return (line + 1, offset - _lineStarts[line] + 1);
    }

    /// <summary>The text of a 1-based line, without its line break.</summary>
    public string Line(int line)
    {
        var (start, end) = LineBounds(line);
        return Text[start..end];
    }

    /// <summary>
    /// The part of the line holding <paramref name="offset"/> that a diagnostic shows: the whole line when it is short,
    /// else a window of <see cref="QasmLimits.ExcerptWidth"/> characters around the offset with <c>...</c> where it was cut.
    /// Control characters are shown as <c>?</c>.
    /// </summary>
    /// <returns>The excerpt, and the 1-based column of <paramref name="offset"/> in it.</returns>
    internal (string Excerpt, int CaretColumn) Excerpt(int offset)
    {
        var (line, column) = Position(offset);
        var (start, end) = LineBounds(line);
        int from = start, to = end;
        if (to - from > QasmLimits.ExcerptWidth)
        {
            from = Math.Clamp(offset - QasmLimits.ExcerptWidth / 2, start, end - QasmLimits.ExcerptWidth);
            to = from + QasmLimits.ExcerptWidth;
        }
        string prefix = from > start ? "..." : "", suffix = to < end ? "..." : "";
        string excerpt = prefix + DiagnosticText.Visible(Text[from..to]) + suffix;
        return (excerpt, column - (from - start) + prefix.Length);
    }

    private (int Start, int End) LineBounds(int line)
    {
        int start = _lineStarts[line - 1];
        int end = line < _lineStarts.Length ? _lineStarts[line] - 1 : Text.Length;
        if (end > start && Text[end - 1] == '\r') end--;
        return (start, end);
    }
}

/// <summary>A range of characters in a source file; every token and syntax node has one.</summary>
public readonly record struct SourceSpan(SourceText Source, int Start, int Length)
{
    /// <summary>1-based line of the first character.</summary>
    public int Line => Source.Position(Start).Line;

    /// <summary>1-based column of the first character.</summary>
    public int Column => Source.Position(Start).Column;

    /// <summary>Offset just past the last character.</summary>
    public int End => Start + Length;

    /// <summary>The span from the start of this one to the end of <paramref name="other"/>.</summary>
    public SourceSpan To(SourceSpan other) => new(Source, Start, Math.Max(other.End - Start, Length));

    /// <summary>The characters covered, as a span of the source (no copy).</summary>
    public ReadOnlySpan<char> Chars => Source.Text.AsSpan(Start, Length);

    /// <summary>The text covered.</summary>
    public override string ToString() => Source.Text.Substring(Start, Length);
}
