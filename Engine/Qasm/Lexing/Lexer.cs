using System.Globalization;

namespace QSim.Qasm.Lexing;

/// <summary>
/// Splits OpenQASM 2/3 text into tokens, skipping whitespace and <c>//</c> and <c>/* */</c> comments.
/// Lexical errors (a stray character, an unterminated string or comment, a malformed number) are
/// reported and the lexer carries on, so one bad character does not hide later errors.
/// </summary>
public sealed class Lexer
{
    private readonly SourceText _source;
    private readonly string _text;
    private readonly DiagnosticBag _diagnostics;
    private int _position;

    internal Lexer(SourceText source, DiagnosticBag diagnostics)
    {
        _source = source;
        _text = source.Text;
        _diagnostics = diagnostics;
    }

    /// <summary>Tokens of <paramref name="source"/>, ending with an end-of-file token.</summary>
    /// <exception cref="QasmException">The text has lexical errors.</exception>
    public static IReadOnlyList<Token> Tokenize(SourceText source)
    {
        var diagnostics = new DiagnosticBag();
        var tokens = new Lexer(source, diagnostics).ReadAll();
        diagnostics.ThrowIfAny();
        return tokens;
    }

    internal List<Token> ReadAll()
    {
        var tokens = new List<Token>();
        while (true)
        {
            SkipTrivia();
            if (_position >= _text.Length)
            {
                tokens.Add(new Token(TokenKind.EndOfFile, "", Span(_text.Length, 0)));
                return tokens;
            }
            if (Next() is { } token) tokens.Add(token);
        }
    }

    private SourceSpan Span(int start, int length) => new(_source, start, length);

    private char Peek(int ahead = 0) => _position + ahead < _text.Length ? _text[_position + ahead] : '\0';

    private void SkipTrivia()
    {
        while (_position < _text.Length)
        {
            char c = _text[_position];
            if (char.IsWhiteSpace(c)) _position++;
            else if (c == '/' && Peek(1) == '/')
                while (_position < _text.Length && _text[_position] != '\n') _position++;
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

    private Token? Next()
    {
        int start = _position;
        char c = _text[_position];
        if (char.IsLetter(c) || c == '_' || c == '$') return Identifier(start);
        if (c == '#' && string.CompareOrdinal(_text, _position + 1, "pragma", 0, 6) == 0)
        {
            // "#pragma" is one keyword (OpenQASM 3), so the parser can say pragmas are not supported.
            _position++;
            return Identifier(start);
        }
        if (char.IsAsciiDigit(c) || (c == '.' && char.IsAsciiDigit(Peek(1)))) return Number(start);
        if (c == '"' || c == '\'') return StringLiteral(start, c);
        if (Punctuation(c) is { } kind)
        {
            int length = kind is TokenKind.Arrow or TokenKind.EqualsEquals or TokenKind.NotEquals or TokenKind.DoubleStar
                or TokenKind.LessEquals or TokenKind.GreaterEquals ? 2 : 1;
            _position += length;
            return new Token(kind, _text.Substring(start, length), Span(start, length));
        }
        _position++;
        _diagnostics.Report(Span(start, 1), $"unexpected character '{c}'");
        return null;
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

    private Token Identifier(int start)
    {
        while (_position < _text.Length && (char.IsLetterOrDigit(_text[_position]) || _text[_position] is '_' or '$')) _position++;
        return new Token(TokenKind.Identifier, _text[start.._position], Span(start, _position - start));
    }

    /// <summary>Integers (<c>42</c>) and reals (<c>1.5</c>, <c>.5</c>, <c>2.</c>, <c>1e-3</c>, <c>1.5E+2</c>).</summary>
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
                _diagnostics.Report(Span(exponent, _position - exponent), $"malformed number '{_text[start.._position]}': the exponent has no digits");
                return new Token(TokenKind.Real, "0", Span(start, _position - start));
            }
            while (char.IsAsciiDigit(Peek())) _position++;
            real = true;
        }
        string text = _text[start.._position];
        if (DurationUnit() is { } unit)
        {
            // OpenQASM 3 durations (100ns, 2.5us) only appear in timing statements, which the parser refuses by name.
            _position += unit.Length;
            return new Token(TokenKind.Duration, _text[start.._position], Span(start, _position - start));
        }
        if (char.IsLetter(Peek()) || Peek() == '_')
        {
            // "2q" or "1.5x": report the whole run as one bad number rather than a number then an identifier.
            while (char.IsLetterOrDigit(Peek()) || Peek() == '_') _position++;
            _diagnostics.Report(Span(start, _position - start), $"malformed number '{_text[start.._position]}'");
        }
        if (!real && !long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            _diagnostics.Report(Span(start, text.Length), $"integer '{text}' is too large");
        return new Token(real ? TokenKind.Real : TokenKind.Integer, text, Span(start, _position - start));
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
        while (_position < _text.Length && _text[_position] != quote && _text[_position] != '\n') _position++;
        if (_position >= _text.Length || _text[_position] != quote)
        {
            _diagnostics.Report(Span(start, 1), "unterminated string");
            return new Token(TokenKind.String, _text[(start + 1).._position], Span(start, _position - start));
        }
        _position++;
        return new Token(TokenKind.String, _text[(start + 1)..(_position - 1)], Span(start, _position - start));
    }
}
