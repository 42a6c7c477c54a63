namespace QSim.Qasm.Lexing;

/// <summary>Kinds of OpenQASM tokens. Keywords are identifiers; the parser tells them apart by text.</summary>
public enum TokenKind
{
    /// <summary>A name or keyword: a letter, <c>_</c> or <c>$</c>, then letters, digits or <c>_</c> (<c>qreg</c>, <c>theta</c>, <c>$0</c>).</summary>
    Identifier,
    /// <summary>A decimal integer literal such as <c>42</c>.</summary>
    Integer,
    /// <summary>A real literal such as <c>1.5</c>, <c>.5</c>, <c>2.</c> or <c>1e-3</c>.</summary>
    Real,
    /// <summary>An OpenQASM 3 duration such as <c>100ns</c>.</summary>
    Duration,
    /// <summary>A quoted string, as in <c>include "qelib1.inc";</c>; its text is the content without quotes.</summary>
    String,
    /// <summary><c>;</c></summary>
    Semicolon,
    /// <summary><c>,</c></summary>
    Comma,
    /// <summary><c>:</c></summary>
    Colon,
    /// <summary><c>(</c></summary>
    LeftParen,
    /// <summary><c>)</c></summary>
    RightParen,
    /// <summary><c>[</c></summary>
    LeftBracket,
    /// <summary><c>]</c></summary>
    RightBracket,
    /// <summary><c>{</c></summary>
    LeftBrace,
    /// <summary><c>}</c></summary>
    RightBrace,
    /// <summary><c>-&gt;</c>, as in <c>measure q -&gt; c;</c>.</summary>
    Arrow,
    /// <summary><c>+</c></summary>
    Plus,
    /// <summary><c>-</c></summary>
    Minus,
    /// <summary><c>*</c></summary>
    Star,
    /// <summary><c>/</c></summary>
    Slash,
    /// <summary><c>^</c>, power in OpenQASM 2 expressions.</summary>
    Caret,
    /// <summary><c>**</c>, power in OpenQASM 3 expressions.</summary>
    DoubleStar,
    /// <summary><c>@</c>, after a gate modifier (<c>ctrl @ x</c>).</summary>
    At,
    /// <summary><c>=</c></summary>
    Equals,
    /// <summary><c>==</c></summary>
    EqualsEquals,
    /// <summary><c>!=</c></summary>
    NotEquals,
    /// <summary><c>!</c></summary>
    Bang,
    /// <summary><c>&lt;</c></summary>
    Less,
    /// <summary><c>&gt;</c></summary>
    Greater,
    /// <summary><c>&lt;=</c></summary>
    LessEquals,
    /// <summary><c>&gt;=</c></summary>
    GreaterEquals,
    /// <summary><c>%</c></summary>
    Percent,
    /// <summary><c>&amp;</c></summary>
    Ampersand,
    /// <summary><c>|</c></summary>
    Pipe,
    /// <summary><c>~</c></summary>
    Tilde,
    /// <summary><c>.</c></summary>
    Dot,
    /// <summary>The end of the source, after the last token.</summary>
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
