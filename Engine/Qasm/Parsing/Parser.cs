using QSim.Qasm.Lexing;

namespace QSim.Qasm.Parsing;

/// <summary>
/// Recursive-descent parser for OpenQASM 2 and the OpenQASM 3 subset QSim runs. It builds a syntax
/// tree whose nodes carry source spans. On a syntax error it records a diagnostic and skips to the
/// next <c>;</c> (or past a braced block), so independent errors in one file are reported together.
/// It pulls tokens from the lexer as it goes and can hand statements out one at a time
/// (<see cref="ReadStatements"/>), so a large file is never held whole as tokens or as a tree. Nesting is
/// bounded (<see cref="QasmLimits"/>): deeper input is a diagnostic, never a stack overflow.
/// </summary>
public sealed partial class Parser
{
    /// <summary>Tokens looked at but not consumed yet; the grammar needs at most three ahead.</summary>
    private readonly Token[] _lookahead = new Token[4];
    private readonly Lexer _lexer;
    private readonly SourceText _source;
    private readonly DiagnosticBag _diagnostics;
    private int _lookaheadStart;
    private int _lookaheadCount;
    private Token _previous;
    /// <summary>Tokens consumed so far, to tell whether a rule made progress.</summary>
    private long _consumed;
    /// <summary>Current depth of expression recursion and of nested blocks.</summary>
    private int _expressionNesting, _blockNesting;
    /// <summary>The item rules as delegates made once, not once per list.</summary>
    private readonly Func<ExpressionSyntax> _parseExpression;
    private readonly Func<OperandSyntax> _parseOperand;

    private Parser(SourceText source, DiagnosticBag diagnostics)
    {
        _source = source;
        _diagnostics = diagnostics;
        _lexer = new Lexer(source, diagnostics);
        _parseExpression = ParseExpression;
        _parseOperand = ParseOperand;
        _previous = Current;
    }

    /// <summary>Parses a whole program.</summary>
    /// <exception cref="QasmException">The text has lexical or syntax errors (all of them are listed).</exception>
    public static ProgramSyntax Parse(SourceText source)
    {
        var diagnostics = new DiagnosticBag();
        var simple = new SimpleGateCall();
        var program = new ProgramSyntax(source, [.. ReadStatements(source, diagnostics, simple).Select(s => s ?? simple.ToSyntax())]);
        diagnostics.ThrowIfAny();
        return program;
    }

    /// <summary>
    /// The statements of <paramref name="source"/>, parsed as they are asked for. Lexical and syntax errors go to
    /// <paramref name="diagnostics"/> in source order once the enumeration ends.
    /// </summary>
    /// <param name="source">The text.</param>
    /// <param name="diagnostics">Where the errors go.</param>
    /// <param name="simple">
    /// Where a statement of the simple gate-call shape is put instead of a syntax tree (null is yielded for it; read it
    /// before asking for the next statement, which may overwrite it); null to have every statement as syntax.
    /// </param>
    internal static IEnumerable<StatementSyntax?> ReadStatements(SourceText source, DiagnosticBag diagnostics, SimpleGateCall? simple)
    {
        // Lexer errors are found a few tokens ahead of the parser's; collect both and report them in source order.
        var found = new DiagnosticBag();
        var parser = new Parser(source, found);
        while (parser.Current.Kind != TokenKind.EndOfFile)
        {
            if (simple is not null && parser.TryReadSimpleGateCall(simple))
            {
                yield return null;
                continue;
            }
            long start = parser._consumed;
            if (parser.TryParseStatement() is { } statement) yield return statement;
            if (parser._consumed == start) parser.Advance(); // never loop on a token no rule consumed
        }
        diagnostics.AddSorted(found.Items);
    }

    /// <summary>One statement, or null after a reported error (the tokens up to its end are skipped).</summary>
    private StatementSyntax? TryParseStatement()
    {
        if (Current.Kind == TokenKind.Identifier && (Current.IsKeyword("pragma") || Current.IsKeyword("#pragma")))
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

    private Token Current => PeekToken(0);

    private Token PeekToken(int ahead = 1)
    {
        while (_lookaheadCount <= ahead)
        {
            _lookahead[(_lookaheadStart + _lookaheadCount) % _lookahead.Length] = _lexer.Next();
            _lookaheadCount++;
        }
        return _lookahead[(_lookaheadStart + ahead) % _lookahead.Length];
    }

    private Token Previous => _previous;

    private Token Advance()
    {
        var token = Current;
        if (token.Kind == TokenKind.EndOfFile) return token;
        _previous = token;
        _lookaheadStart = (_lookaheadStart + 1) % _lookahead.Length;
        _lookaheadCount--;
        _consumed++;
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

    /// <summary>Enters one more level of <paramref name="nesting"/>; the caller leaves it in a <c>finally</c>.</summary>
    /// <exception cref="StatementError">That would pass <paramref name="limit"/>.</exception>
    private void Enter(ref int nesting, int limit, string what)
    {
        if (nesting >= limit) throw Error(Current, $"{what} nested too deeply (more than {limit} levels)");
        nesting++;
    }

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
