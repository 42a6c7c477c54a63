namespace QSim.Qasm.Parsing;

/// <summary>A node of the syntax tree; every node knows its place in the source.</summary>
public abstract record SyntaxNode(SourceSpan Span);

/// <summary>A classical expression: gate parameters, indices, pow exponents, const values.</summary>
public abstract record ExpressionSyntax(SourceSpan Span) : SyntaxNode(Span)
{
    /// <summary>Levels of the tree below and including this node (1 for a number or a name); the parser keeps it within <see cref="QasmLimits.MaxExpressionDepth"/>.</summary>
    public abstract int Depth { get; }
}

/// <summary>A number literal; <see cref="IsInteger"/> when written without point or exponent.</summary>
public sealed record NumberSyntax(double Value, bool IsInteger, SourceSpan Span) : ExpressionSyntax(Span)
{
    /// <inheritdoc/>
    public override int Depth => 1;
}

/// <summary>A name: <c>pi</c>, a gate parameter, an input or a const.</summary>
public sealed record IdentifierSyntax(string Name, SourceSpan Span) : ExpressionSyntax(Span)
{
    /// <inheritdoc/>
    public override int Depth => 1;
}

/// <summary>Unary minus (or plus).</summary>
public sealed record UnarySyntax(char Operator, ExpressionSyntax Operand, SourceSpan Span) : ExpressionSyntax(Span)
{
    /// <inheritdoc/>
    public override int Depth { get; } = Operand.Depth + 1;
}

/// <summary>A binary operation: one of <c>+ - * / ^</c>.</summary>
public sealed record BinarySyntax(char Operator, ExpressionSyntax Left, ExpressionSyntax Right, SourceSpan Span) : ExpressionSyntax(Span)
{
    /// <inheritdoc/>
    public override int Depth { get; } = Math.Max(Left.Depth, Right.Depth) + 1;
}

/// <summary>A function call such as <c>sin(x)</c>.</summary>
public sealed record CallSyntax(string Function, IReadOnlyList<ExpressionSyntax> Arguments, SourceSpan FunctionSpan, SourceSpan Span) : ExpressionSyntax(Span)
{
    /// <inheritdoc/>
    public override int Depth { get; } = Arguments.Count == 0 ? 1 : Arguments.Max(a => a.Depth) + 1;
}

/// <summary>A register or qubit reference: <c>q</c> or <c>q[3]</c>.</summary>
/// <param name="Name">Register name.</param>
/// <param name="Index">The index, or null for the whole register.</param>
/// <param name="Span">Where it stands.</param>
public sealed record OperandSyntax(string Name, ExpressionSyntax? Index, SourceSpan Span) : SyntaxNode(Span)
{
    /// <inheritdoc/>
    public override string ToString() => Index is null ? Name : $"{Name}[{DiagnosticText.Quote(Index.Span.Chars, 40)}]";
}
