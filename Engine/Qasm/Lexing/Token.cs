namespace QSim.Qasm.Lexing;

/// <summary>Kinds of OpenQASM tokens. Keywords are identifiers; the parser tells them apart by text.</summary>
public enum TokenKind
{
    Identifier,
    Integer,
    Real,
    /// <summary>An OpenQASM 3 duration such as <c>100ns</c>.</summary>
    Duration,
    String,
    Semicolon,
    Comma,
    Colon,
    LeftParen,
    RightParen,
    LeftBracket,
    RightBracket,
    LeftBrace,
    RightBrace,
    Arrow,
    Plus,
    Minus,
    Star,
    Slash,
    Caret,
    DoubleStar,
    At,
    Equals,
    EqualsEquals,
    NotEquals,
    Bang,
    Less,
    Greater,
    LessEquals,
    GreaterEquals,
    Percent,
    Ampersand,
    Pipe,
    Tilde,
    Dot,
    EndOfFile,
}

/// <summary>One token: its kind, where it stands in the source, and its text.</summary>
public readonly struct Token
{
    private readonly string? _text;

    /// <summary>A token of <paramref name="kind"/> at <paramref name="span"/>.</summary>
    /// <param name="kind">What kind of token.</param>
    /// <param name="text">Its text when it differs from the source it covers (a string's content) or is shared; null to read it from the source when asked.</param>
    /// <param name="span">Its place in the source.</param>
    public Token(TokenKind kind, string? text, SourceSpan span)
    {
        Kind = kind;
        _text = text;
        Span = span;
    }

    /// <summary>What kind of token.</summary>
    public TokenKind Kind { get; }

    /// <summary>The exact characters (a string token's text is its content, without quotes).</summary>
    public string Text => _text ?? Span.ToString();

    /// <summary>Its place in the source.</summary>
    public SourceSpan Span { get; }

    /// <summary>True for an identifier with exactly this text.</summary>
    public bool IsKeyword(string keyword) => Kind == TokenKind.Identifier && Span.Chars.SequenceEqual(keyword);

    /// <summary>How a token is named in messages, e.g. <c>';'</c> or <c>end of file</c> (long text is cut).</summary>
    public string Describe() => Kind switch
    {
        TokenKind.EndOfFile => "end of file",
        TokenKind.String => $"string \"{DiagnosticText.Quote(Text)}\"",
        _ => $"'{DiagnosticText.Quote(_text is null ? Span.Chars : _text.AsSpan())}'",
    };

    /// <inheritdoc/>
    public override string ToString() => $"{Kind} '{Text}'";
}
