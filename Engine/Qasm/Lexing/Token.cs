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

/// <summary>One token with its text and where it stands in the source.</summary>
/// <param name="Kind">What kind of token.</param>
/// <param name="Text">The exact characters (a string token's text is its content, without quotes).</param>
/// <param name="Span">Its place in the source.</param>
public sealed record Token(TokenKind Kind, string Text, SourceSpan Span)
{
    /// <summary>True for an identifier with exactly this text.</summary>
    public bool IsKeyword(string keyword) => Kind == TokenKind.Identifier && Text == keyword;

    /// <summary>How a token is named in messages, e.g. <c>';'</c> or <c>end of file</c>.</summary>
    public string Describe() => Kind switch
    {
        TokenKind.EndOfFile => "end of file",
        TokenKind.String => $"string \"{Text}\"",
        _ => $"'{Text}'",
    };
}
