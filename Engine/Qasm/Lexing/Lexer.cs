using System.Globalization;

namespace QSim.Qasm.Lexing;

/// <summary>
/// Splits OpenQASM 2/3 text into tokens, skipping whitespace, a leading byte-order mark and <c>//</c> and <c>/* */</c>
/// comments. Lexical errors (a stray character, an unterminated string or comment, a malformed or overlong token) are
/// reported and the lexer carries on, so one bad character does not hide later errors. The parser pulls one token at a
/// time, so a large file is never held as a token list; identifiers are shared strings (each name is allocated once).
/// </summary>
public sealed class Lexer
{
    private readonly SourceText _source;
    private readonly string _text;
    private readonly DiagnosticBag _diagnostics;
    private readonly Dictionary<string, string> _names = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _nameLookup;
    private int _position;

    internal Lexer(SourceText source, DiagnosticBag diagnostics)
    {
        _source = source;
        _text = source.Text;
        _diagnostics = diagnostics;
        _nameLookup = _names.GetAlternateLookup<ReadOnlySpan<char>>();
        if (_text.StartsWith('\uFEFF')) _position = 1; // a byte-order mark, whether the text came from a file, a pipe or a string
    }

    /// <summary>Tokens of <paramref name="source"/>, ending with an end-of-file token.</summary>
    /// <exception cref="QasmException">The text has lexical errors.</exception>
    public static IReadOnlyList<Token> Tokenize(SourceText source)
    {
        var diagnostics = new DiagnosticBag();
        var lexer = new Lexer(source, diagnostics);
        var tokens = new List<Token>();
        do tokens.Add(lexer.Next());
        while (tokens[^1].Kind != TokenKind.EndOfFile);
        diagnostics.ThrowIfAny();
        return tokens;
    }

    /// <summary>The next token; at the end, an end-of-file token (again on every later call).</summary>
    internal Token Next()
    {
        while (true)
        {
            SkipTrivia();
            if (_position >= _text.Length) return new Token(TokenKind.EndOfFile, "", Span(_text.Length, 0));
            if (TryReadToken(out var token)) return token;
        }
    }

    /// <summary>Goes on from <paramref name="position"/>, a token boundary after text that a caller read itself.</summary>
    internal void MoveTo(int position) => _position = position;

    private SourceSpan Span(int start, int length) => new(_source, start, length);

    private char Peek(int ahead = 0) => _position + ahead < _text.Length ? _text[_position + ahead] : '\0';

    private void SkipTrivia()
    {
        while (_position < _text.Length)
        {
            char c = _text[_position];
            if (char.IsWhiteSpace(c)) _position++;
            else if (c == '/' && Peek(1) == '/')
            {
                int end = _text.IndexOf('\n', _position);
                _position = end < 0 ? _text.Length : end;
            }
            else if (c == '/' && Peek(1) == '*')
            {
                int start = _position;
                int close = _text.IndexOf("*/", _position + 2, StringComparison.Ordinal);
                if (close < 0)
                {
                    _diagnostics.Report(Span(start, 2), "unterminated comment: '/*' has no closing '*/'");
                    _position = _text.Length;
                }
                else _position = close + 2;
            }
            else return;
        }
    }

    /// <summary>The token at the current position; false after reporting a character that starts none (it is skipped).</summary>
    private bool TryReadToken(out Token token)
    {
        int start = _position;
        char c = _text[_position];
        if (char.IsLetter(c) || c == '_' || c == '$')
        {
            token = Identifier(start);
            return true;
        }
        if (c == '#' && string.CompareOrdinal(_text, _position + 1, "pragma", 0, 6) == 0)
        {
            // "#pragma" is one keyword (OpenQASM 3), so the parser can say pragmas are not supported.
            _position++;
            token = Identifier(start);
            return true;
        }
        if (char.IsAsciiDigit(c) || (c == '.' && char.IsAsciiDigit(Peek(1))))
        {
            token = Number(start);
            return true;
        }
        if (c == '"' || c == '\'')
        {
            token = StringLiteral(start, c);
            return true;
        }
        if (Punctuation(c) is { } kind)
        {
            string text = PunctuationText(kind);
            _position += text.Length;
            token = new Token(kind, text, Span(start, text.Length));
            return true;
        }
        _position++;
        _diagnostics.Report(Span(start, 1), $"unexpected character '{DiagnosticText.Character(c)}'");
        token = default;
        return false;
    }

    private TokenKind? Punctuation(char c) => c switch
    {
        ';' => TokenKind.Semicolon,
        ',' => TokenKind.Comma,
        ':' => TokenKind.Colon,
        '(' => TokenKind.LeftParen,
        ')' => TokenKind.RightParen,
        '[' => TokenKind.LeftBracket,
        ']' => TokenKind.RightBracket,
        '{' => TokenKind.LeftBrace,
        '}' => TokenKind.RightBrace,
        '-' when Peek(1) == '>' => TokenKind.Arrow,
        '-' => TokenKind.Minus,
        '+' => TokenKind.Plus,
        '*' when Peek(1) == '*' => TokenKind.DoubleStar,
        '*' => TokenKind.Star,
        '/' => TokenKind.Slash,
        '^' => TokenKind.Caret,
        '@' => TokenKind.At,
        '=' when Peek(1) == '=' => TokenKind.EqualsEquals,
        '=' => TokenKind.Equals,
        '!' when Peek(1) == '=' => TokenKind.NotEquals,
        '!' => TokenKind.Bang,
        '<' when Peek(1) == '=' => TokenKind.LessEquals,
        '<' => TokenKind.Less,
        '>' when Peek(1) == '=' => TokenKind.GreaterEquals,
        '>' => TokenKind.Greater,
        '%' => TokenKind.Percent,
        '&' => TokenKind.Ampersand,
        '|' => TokenKind.Pipe,
        '~' => TokenKind.Tilde,
        '.' => TokenKind.Dot,
        _ => null,
    };

    /// <summary>The one text each punctuation kind has, shared by every token of that kind.</summary>
    private static string PunctuationText(TokenKind kind) => kind switch
    {
        TokenKind.Semicolon => ";", TokenKind.Comma => ",", TokenKind.Colon => ":",
        TokenKind.LeftParen => "(", TokenKind.RightParen => ")", TokenKind.LeftBracket => "[", TokenKind.RightBracket => "]",
        TokenKind.LeftBrace => "{", TokenKind.RightBrace => "}", TokenKind.Arrow => "->", TokenKind.Minus => "-",
        TokenKind.Plus => "+", TokenKind.DoubleStar => "**", TokenKind.Star => "*", TokenKind.Slash => "/",
        TokenKind.Caret => "^", TokenKind.At => "@", TokenKind.EqualsEquals => "==", TokenKind.Equals => "=",
        TokenKind.NotEquals => "!=", TokenKind.Bang => "!", TokenKind.LessEquals => "<=", TokenKind.Less => "<",
        TokenKind.GreaterEquals => ">=", TokenKind.Greater => ">", TokenKind.Percent => "%", TokenKind.Ampersand => "&",
        TokenKind.Pipe => "|", TokenKind.Tilde => "~", TokenKind.Dot => ".",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a punctuation kind."),
    };

    private Token Identifier(int start)
    {
        while (_position < _text.Length && (char.IsLetterOrDigit(_text[_position]) || _text[_position] is '_' or '$')) _position++;
        var span = Span(start, _position - start);
        CheckLength(span, "identifier");
        return new Token(TokenKind.Identifier, Name(span.Chars), span);
    }

    /// <summary>The shared string for a name, allocated the first time it is seen.</summary>
    internal string Name(ReadOnlySpan<char> chars)
    {
        if (_nameLookup.TryGetValue(chars, out string? name)) return name;
        name = chars.ToString();
        _names.Add(name, name);
        return name;
    }

    private void CheckLength(SourceSpan span, string what)
    {
        if (span.Length > QasmLimits.MaxTokenLength)
            _diagnostics.Report(span, $"{what} is too long ({span.Length} characters; at most {QasmLimits.MaxTokenLength})");
    }

    /// <summary>Integers (<c>42</c>) and reals (<c>1.5</c>, <c>.5</c>, <c>2.</c>, <c>1e-3</c>, <c>1.5E+2</c>); their text is read from the source when needed.</summary>
    private Token Number(int start)
    {
        bool real = false;
        while (char.IsAsciiDigit(Peek())) _position++;
        if (Peek() == '.')
        {
            real = true;
            _position++;
            while (char.IsAsciiDigit(Peek())) _position++;
        }
        if (Peek() is 'e' or 'E')
        {
            int exponent = _position;
            _position++;
            if (Peek() is '+' or '-') _position++;
            if (!char.IsAsciiDigit(Peek()))
            {
                _diagnostics.Report(Span(exponent, _position - exponent), $"malformed number '{DiagnosticText.Quote(_text.AsSpan(start, _position - start))}': the exponent has no digits");
                return new Token(TokenKind.Real, "0", Span(start, _position - start));
            }
            while (char.IsAsciiDigit(Peek())) _position++;
            real = true;
        }
        int numberEnd = _position;
        if (char.IsLetter(Peek()) && DurationUnit() is { } unit)
        {
            // OpenQASM 3 durations (100ns, 2.5us) only appear in timing statements, which the parser refuses by name.
            _position += unit.Length;
            return new Token(TokenKind.Duration, null, Span(start, _position - start));
        }
        if (char.IsLetter(Peek()) || Peek() == '_')
        {
            // "2q" or "1.5x": report the whole run as one bad number rather than a number then an identifier.
            while (char.IsLetterOrDigit(Peek()) || Peek() == '_') _position++;
            _diagnostics.Report(Span(start, _position - start), $"malformed number '{DiagnosticText.Quote(_text.AsSpan(start, _position - start))}'");
        }
        var span = Span(start, _position - start);
        CheckLength(span, "number");
        var digits = _text.AsSpan(start, numberEnd - start);
        if (!real && !long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            _diagnostics.Report(Span(start, digits.Length), $"integer '{DiagnosticText.Quote(digits)}' is too large");
        return new Token(real ? TokenKind.Real : TokenKind.Integer, null, span);
    }

    private static readonly string[] DurationUnits = ["ns", "us", "µs", "ms", "dt", "s"];

    private string? DurationUnit()
    {
        foreach (string unit in DurationUnits)
        {
            int end = _position + unit.Length;
            if (string.CompareOrdinal(_text, _position, unit, 0, unit.Length) == 0 && (end >= _text.Length || !char.IsLetterOrDigit(_text[end]) && _text[end] != '_'))
                return unit;
        }
        return null;
    }

    private Token StringLiteral(int start, char quote)
    {
        _position++;
        int end = _text.AsSpan(_position).IndexOfAny(quote, '\n');
        _position = end < 0 ? _text.Length : _position + end;
        bool closed = _position < _text.Length && _text[_position] == quote;
        if (!closed) _diagnostics.Report(Span(start, 1), "unterminated string");
        string content = _text[(start + 1).._position];
        if (closed) _position++;
        var span = Span(start, _position - start);
        CheckLength(span, "string");
        return new Token(TokenKind.String, content, span);
    }
}
