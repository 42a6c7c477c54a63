using System.Globalization;
using QSim.Qasm.Lexing;

namespace QSim.Qasm.Parsing;

// Expressions, with Qiskit's precedence: '^' (or '**') binds tightest and is right-associative,
// then unary minus, then '*' '/', then '+' '-' (so -pi/2^2 is -pi/4 and -2^2 is -4).
public sealed partial class Parser
{
    private ExpressionSyntax ParseExpression()
    {
        var left = ParseTerm();
        while (Current.Kind is TokenKind.Plus or TokenKind.Minus)
        {
            char op = Advance().Text[0];
            var right = ParseTerm();
            left = new BinarySyntax(op, left, right, left.Span.To(right.Span));
        }
        return left;
    }

    private ExpressionSyntax ParseTerm()
    {
        var left = ParseUnary();
        while (Current.Kind is TokenKind.Star or TokenKind.Slash)
        {
            char op = Advance().Text[0];
            var right = ParseUnary();
            left = new BinarySyntax(op, left, right, left.Span.To(right.Span));
        }
        if (Current.Kind == TokenKind.Percent) throw Error(Current, "not supported: the '%' operator");
        return left;
    }

    private ExpressionSyntax ParseUnary()
    {
        if (Current.Kind is TokenKind.Minus or TokenKind.Plus)
        {
            var op = Advance();
            var operand = ParseUnary();
            return new UnarySyntax(op.Text[0], operand, op.Span.To(operand.Span));
        }
        return ParsePower();
    }

    private ExpressionSyntax ParsePower()
    {
        var left = ParsePrimary();
        if (Current.Kind is not (TokenKind.Caret or TokenKind.DoubleStar)) return left;
        Advance();
        var right = ParseUnary(); // right-associative: 2^3^2 = 2^(3^2); the exponent may be negative
        return new BinarySyntax('^', left, right, left.Span.To(right.Span));
    }

    private ExpressionSyntax ParsePrimary()
    {
        var token = Current;
        switch (token.Kind)
        {
            case TokenKind.Integer:
            case TokenKind.Real:
                Advance();
                return new NumberSyntax(double.Parse(token.Text, NumberStyles.Float, CultureInfo.InvariantCulture), token.Kind == TokenKind.Integer, token.Span);
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
                return new CallSyntax(token.Text, arguments, token.Span, SpanFrom(token));
            }
            case TokenKind.Identifier:
                Advance();
                return new IdentifierSyntax(token.Text, token.Span);
            default:
                throw Error(token, $"expected an expression, found {token.Describe()}");
        }
    }
}
