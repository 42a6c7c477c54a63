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
        var starts = new List<int> { 0 };
        for (int i = 0; i < text.Length; i++)
            if (text[i] == '\n') starts.Add(i + 1);
        _lineStarts = [.. starts];
    }

    /// <summary>The file name shown in diagnostics.</summary>
    public string FileName { get; }

    /// <summary>The whole text.</summary>
    public string Text { get; }

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
        int start = _lineStarts[line - 1];
        int end = line < _lineStarts.Length ? _lineStarts[line] : Text.Length;
        return Text[start..end].TrimEnd('\r', '\n');
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

    /// <summary>The text covered.</summary>
    public override string ToString() => Source.Text.Substring(Start, Length);
}
