using QSim.Qasm.Lexing;

namespace QSim.Qasm.Parsing;

/// <summary>
/// Recursive-descent parser for OpenQASM 2 and the OpenQASM 3 subset QSim runs. It builds a syntax
/// tree whose nodes carry source spans. On a syntax error it records a diagnostic and skips to the
/// next <c>;</c> (or past a braced block), so independent errors in one file are reported together.
/// </summary>
public sealed partial class Parser
{
    private readonly IReadOnlyList<Token> _tokens;
    private readonly SourceText _source;
    private readonly DiagnosticBag _diagnostics;
    private int _position;

    private Parser(SourceText source, IReadOnlyList<Token> tokens, DiagnosticBag diagnostics)
    {
        _source = source;
        _tokens = tokens;
        _diagnostics = diagnostics;
    }

    /// <summary>Parses a whole program.</summary>
    /// <exception cref="QasmException">The text has lexical or syntax errors (all of them are listed).</exception>
    public static ProgramSyntax Parse(SourceText source)
    {
        var diagnostics = new DiagnosticBag();
        var program = Parse(source, diagnostics);
        diagnostics.ThrowIfAny();
        return program;
    }

    internal static ProgramSyntax Parse(SourceText source, DiagnosticBag diagnostics)
    {
        // The lexer runs first over the whole file; merge its errors and the parser's in source order.
        var found = new DiagnosticBag();
        var tokens = new Lexer(source, found).ReadAll();
        var program = new Parser(source, tokens, found).ParseProgram();
        foreach (var diagnostic in found.Items.OrderBy(d => d.Line).ThenBy(d => d.Column)) diagnostics.Add(diagnostic);
        return program;
    }

    private ProgramSyntax ParseProgram()
    {
        var statements = new List<StatementSyntax>();
        while (Current.Kind != TokenKind.EndOfFile)
        {
            int start = _position;
            if (TryParseStatement() is { } statement) statements.Add(statement);
            if (_position == start) _position++; // never loop on a token no rule consumed
        }
        return new ProgramSyntax(_source, statements);
    }

    /// <summary>One statement, or null after a reported error (the tokens up to its end are skipped).</summary>
    private StatementSyntax? TryParseStatement()
    {
        if (Current.Text is "pragma" or "#pragma" && Current.Kind == TokenKind.Identifier)
        {
            // A pragma runs to the end of its line, with no ';'.
            _diagnostics.Report(Current.Span, "not supported: pragmas");
            int line = Current.Span.Line;
            while (Current.Kind != TokenKind.EndOfFile && Current.Span.Line == line) Advance();
            return null;
        }
        try
        {
            return ParseStatement();
        }
        catch (StatementError error)
        {
            _diagnostics.Report(error.Span, error.Message);
            SkipToStatementEnd();
            return null;
        }
    }

    private Token Current => _tokens[_position];

    private Token PeekToken(int ahead = 1) => _tokens[Math.Min(_position + ahead, _tokens.Count - 1)];

    private Token Previous => _tokens[Math.Max(_position - 1, 0)];

    private Token Advance()
    {
        var token = Current;
        if (token.Kind != TokenKind.EndOfFile) _position++;
        return token;
    }

    private bool Match(TokenKind kind)
    {
        if (Current.Kind != kind) return false;
        Advance();
        return true;
    }

    private Token Expect(TokenKind kind, string what)
    {
        if (Current.Kind == kind) return Advance();
        throw Error(Current, $"expected {what}, found {Current.Describe()}");
    }

    private Token ExpectIdentifier(string what)
    {
        if (Current.Kind == TokenKind.Identifier) return Advance();
        throw Error(Current, $"expected {what}, found {Current.Describe()}");
    }

    /// <summary>The statement's closing <c>;</c>; a missing one is reported where it should have been.</summary>
    private void ExpectSemicolon()
    {
        if (Match(TokenKind.Semicolon)) return;
        // Point just past the previous token when the next one is on a later line: that is where ';' was forgotten.
        var previous = Previous;
        bool onLaterLine = Current.Kind == TokenKind.EndOfFile || Current.Span.Line > previous.Span.Line;
        var at = onLaterLine ? new SourceSpan(_source, previous.Span.End, 0) : Current.Span;
        throw new StatementError(at, $"expected ';', found {Current.Describe()}");
    }

    private static StatementError Error(Token token, string message) => new(token.Span, message);

    private SourceSpan SpanFrom(Token start) => start.Span.To(Previous.Span);

    /// <summary>
    /// Skips to just past the next <c>;</c>, or past a braced block (and the blocks right after it, as in
    /// <c>for x in {1, 2} { ... }</c>), or to a closing <c>}</c> of the enclosing block.
    /// </summary>
    private void SkipToStatementEnd()
    {
        while (Current.Kind != TokenKind.EndOfFile)
        {
            switch (Current.Kind)
            {
                case TokenKind.Semicolon:
                    Advance();
                    return;
                case TokenKind.LeftBrace:
                    SkipBlock();
                    if (Current.Kind != TokenKind.LeftBrace) return;
                    break;
                case TokenKind.RightBrace:
                    return;
                default:
                    Advance();
                    break;
            }
        }
    }

    private void SkipBlock()
    {
        int depth = 0;
        do
        {
            if (Current.Kind == TokenKind.LeftBrace) depth++;
            else if (Current.Kind == TokenKind.RightBrace) depth--;
            Advance();
        } while (depth > 0 && Current.Kind != TokenKind.EndOfFile);
    }
}
