using QSim.Parameters;
using QSim.Qasm.Parsing;

namespace QSim.Qasm.Semantics;

/// <summary>
/// Turns expression syntax into <see cref="ParameterExpression"/>s: numbers fold to constants, and names of
/// inputs stay symbolic. Names resolve in a scope (gate parameters, consts, inputs) and then to the
/// built-in constants <c>pi</c>/<c>π</c>, <c>tau</c>/<c>τ</c> and <c>euler</c>/<c>ℇ</c>.
/// </summary>
internal static class ExpressionEvaluator
{
    private static readonly Dictionary<string, double> BuiltinConstants = new(StringComparer.Ordinal)
    {
        ["pi"] = Math.PI, ["π"] = Math.PI, ["tau"] = 2 * Math.PI, ["τ"] = 2 * Math.PI, ["euler"] = Math.E, ["ℇ"] = Math.E,
    };

    private static readonly Dictionary<string, Func<ParameterExpression, ParameterExpression>> Functions = new(StringComparer.Ordinal)
    {
        ["sin"] = ParameterExpression.Sin, ["cos"] = ParameterExpression.Cos, ["tan"] = ParameterExpression.Tan,
        ["exp"] = ParameterExpression.Exp, ["ln"] = ParameterExpression.Ln, ["sqrt"] = ParameterExpression.Sqrt,
    };

    /// <summary>The expression's value, symbolic where it mentions inputs.</summary>
    public static ParameterExpression Evaluate(ExpressionSyntax syntax, Scope scope) => syntax switch
    {
        NumberSyntax n => n.Value,
        IdentifierSyntax id => scope.Find(id.Name) is { } value ? value
            : BuiltinConstants.TryGetValue(id.Name, out double constant) ? constant
            : throw new StatementError(id.Span, $"undeclared identifier '{id.Name}'"),
        UnarySyntax u => u.Operator == '-' ? -Evaluate(u.Operand, scope) : Evaluate(u.Operand, scope),
        BinarySyntax b => Combine(b.Operator, Evaluate(b.Left, scope), Evaluate(b.Right, scope)),
        CallSyntax call => Call(call, scope),
        _ => throw new StatementError(syntax.Span, "unsupported expression"),
    };

    /// <summary>
    /// The expression's value, checked to stay within <see cref="QasmLimits.MaxExpressionDepth"/> and
    /// <see cref="QasmLimits.MaxExpressionNodes"/> once the names in it are replaced by their values (a gate's
    /// arguments substituted into its body can nest and repeat).
    /// </summary>
    public static ParameterExpression EvaluateBounded(ExpressionSyntax syntax, Scope scope, string what)
    {
        var value = Evaluate(syntax, scope);
        if (value.Depth > QasmLimits.MaxExpressionDepth || value.NodeCount > QasmLimits.MaxExpressionNodes)
            throw new StatementError(syntax.Span, $"{what} is too large once gate arguments are substituted into it " +
                $"(more than {QasmLimits.MaxExpressionDepth} levels or {QasmLimits.MaxExpressionNodes} terms)");
        return value;
    }

    /// <summary>A constant real value; symbols (inputs) are an error here.</summary>
    public static double EvaluateConstant(ExpressionSyntax syntax, Scope scope, string what)
    {
        if (syntax is NumberSyntax number) return number.Value; // most indices: no expression to build
        var expression = Evaluate(syntax, scope);
        if (!expression.TryGetConstant(out double value))
            throw new StatementError(syntax.Span, $"{what} must be a constant; it depends on '{expression.Symbols[0].Name}'");
        return value;
    }

    /// <summary>A constant integer value in [<paramref name="minimum"/>, int.MaxValue].</summary>
    public static int EvaluateInteger(ExpressionSyntax syntax, Scope scope, string what, int minimum)
    {
        double value = EvaluateConstant(syntax, scope, what);
        if (value != Math.Floor(value) || double.IsInfinity(value))
            throw new StatementError(syntax.Span, $"{what} must be an integer; got {value}");
        if (value < minimum || value > int.MaxValue)
            throw new StatementError(syntax.Span, minimum == 0 ? $"{what} must not be negative; got {value}" : $"{what} must be at least {minimum}; got {value}");
        return (int)value;
    }

    private static ParameterExpression Combine(char op, ParameterExpression left, ParameterExpression right) => op switch
    {
        '+' => left + right,
        '-' => left - right,
        '*' => left * right,
        '/' => left / right,
        _ => ParameterExpression.Pow(left, right),
    };

    private static ParameterExpression Call(CallSyntax call, Scope scope)
    {
        if (!Functions.TryGetValue(call.Function, out var function))
            throw new StatementError(call.FunctionSpan, $"unknown function '{call.Function}' (known: {string.Join(", ", Functions.Keys)})");
        if (call.Arguments.Count != 1)
            throw new StatementError(call.FunctionSpan, $"function '{call.Function}' takes 1 argument; got {call.Arguments.Count}");
        return function(Evaluate(call.Arguments[0], scope));
    }
}

/// <summary>
/// The names an expression sees: a gate's own parameters when it stands in a gate body, then an outer table (the
/// consts, or at the top level the consts and inputs). Looking up does not copy either.
/// </summary>
internal readonly struct Scope(IReadOnlyDictionary<string, ParameterExpression> outer, IReadOnlyDictionary<string, int>? localNames = null, ParameterExpression[]? localValues = null)
{
    /// <summary>The value bound to <paramref name="name"/>, or null.</summary>
    public ParameterExpression? Find(string name) =>
        localNames is not null && localNames.TryGetValue(name, out int index) ? localValues![index]
        : outer.TryGetValue(name, out var value) ? value
        : null;
}
