using QSim.Qasm.Lexing;

namespace QSim.Qasm.Parsing;

// Expressions, with Qiskit's precedence: '^' (or '**') binds tightest and is right-associative,
// then unary minus, then '*' '/', then '+' '-' (so -pi/2^2 is -pi/4 and -2^2 is -4).
// Every recursion passes through ParseUnary, which counts it; chains of binary operators, built in loops, are
// bounded by the depth of the tree they make. Both stay within QasmLimits.MaxExpressionDepth.
public sealed partial class Parser
{
    private ExpressionSyntax ParseExpression()
    {
        var left = ParseTerm();
        while (Current.Kind is TokenKind.Plus or TokenKind.Minus)
        {
            var op = Advance();
            var right = ParseTerm();
            left = Deepened(new BinarySyntax(op.Text[0], left, right, left.Span.To(right.Span)), op);
        }
        return left;
    }

    private ExpressionSyntax ParseTerm()
    {
        var left = ParseUnary();
        while (Current.Kind is TokenKind.Star or TokenKind.Slash)
        {
            var op = Advance();
            var right = ParseUnary();
            left = Deepened(new BinarySyntax(op.Text[0], left, right, left.Span.To(right.Span)), op);
        }
        if (Current.Kind == TokenKind.Percent) throw Error(Current, "not supported: the '%' operator");
        return left;
    }

    private ExpressionSyntax ParseUnary()
    {
        Enter(ref _expressionNesting, QasmLimits.MaxExpressionDepth, "expression");
        try
        {
            if (Current.Kind is TokenKind.Minus or TokenKind.Plus)
            {
                var op = Advance();
                var operand = ParseUnary();
                return Deepened(new UnarySyntax(op.Text[0], operand, op.Span.To(operand.Span)), op);
            }
            return ParsePower();
        }
        finally
        {
            _expressionNesting--;
        }
    }

    private ExpressionSyntax ParsePower()
    {
        var left = ParsePrimary();
        if (Current.Kind is not (TokenKind.Caret or TokenKind.DoubleStar)) return left;
        var op = Advance();
        var right = ParseUnary(); // right-associative: 2^3^2 = 2^(3^2); the exponent may be negative
        return Deepened(new BinarySyntax('^', left, right, left.Span.To(right.Span)), op);
    }

    /// <summary><paramref name="node"/>, unless it makes the tree deeper than <see cref="QasmLimits.MaxExpressionDepth"/>.</summary>
    private static ExpressionSyntax Deepened(ExpressionSyntax node, Token at) => node.Depth <= QasmLimits.MaxExpressionDepth
        ? node
        : throw Error(at, $"expression nested too deeply (more than {QasmLimits.MaxExpressionDepth} levels; a chain such as 'a + b + c' counts one level per operator)");

    private ExpressionSyntax ParsePrimary()
    {
        var token = Current;
        switch (token.Kind)
        {
            case TokenKind.Integer:
            case TokenKind.Real:
            {
                Advance();
                // A malformed number was reported by the lexer; 0 stands in for it.
                return new NumberSyntax(NumberLiteral.Value(token.Span.Chars), token.Kind == TokenKind.Integer, token.Span);
            }
            case TokenKind.LeftParen:
            {
                Advance();
                var inner = ParseExpression();
                Expect(TokenKind.RightParen, "')'");
                return inner with { Span = SpanFrom(token) };
            }
            case TokenKind.Identifier when PeekToken().Kind == TokenKind.LeftParen:
            {
                Advance();
                Advance();
                var arguments = new List<ExpressionSyntax>();
                if (!Match(TokenKind.RightParen))
                {
                    do arguments.Add(ParseExpression());
                    while (Match(TokenKind.Comma));
                    Expect(TokenKind.RightParen, "')'");
                }
                return Deepened(new CallSyntax(token.Text, arguments, token.Span, SpanFrom(token)), token);
            }
            case TokenKind.Identifier:
                Advance();
                return new IdentifierSyntax(token.Text, token.Span);
            default:
                throw Error(token, $"expected an expression, found {token.Describe()}");
        }
    }
}
