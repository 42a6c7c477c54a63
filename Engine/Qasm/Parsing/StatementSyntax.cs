namespace QSim.Qasm.Parsing;

/// <summary>A statement of an OpenQASM program.</summary>
public abstract record StatementSyntax(SourceSpan Span) : SyntaxNode(Span);

/// <summary><c>OPENQASM 2.0;</c></summary>
public sealed record VersionSyntax(string Version, SourceSpan VersionSpan, SourceSpan Span) : StatementSyntax(Span);

/// <summary><c>include "file";</c></summary>
public sealed record IncludeSyntax(string Path, SourceSpan Span) : StatementSyntax(Span);

/// <summary>How a register was declared.</summary>
public enum RegisterKind
{
    /// <summary><c>qreg q[n];</c> or <c>qubit[n] q;</c></summary>
    Quantum,
    /// <summary><c>creg c[n];</c> or <c>bit[n] c;</c></summary>
    Classical,
}

/// <summary>A register declaration; <see cref="Size"/> is null for a single <c>qubit q;</c> / <c>bit c;</c>.</summary>
public sealed record RegisterSyntax(RegisterKind Kind, string Name, ExpressionSyntax? Size, SourceSpan NameSpan, SourceSpan Span) : StatementSyntax(Span);

/// <summary><c>input float[64] theta;</c>: a free parameter of the circuit.</summary>
public sealed record InputSyntax(string Name, SourceSpan NameSpan, SourceSpan Span) : StatementSyntax(Span);

/// <summary><c>const float x = expr;</c></summary>
public sealed record ConstSyntax(string Name, ExpressionSyntax Value, SourceSpan NameSpan, SourceSpan Span) : StatementSyntax(Span);

/// <summary>A gate modifier: <c>ctrl(n) @</c>, <c>negctrl(n) @</c>, <c>inv @</c>, <c>pow(k) @</c>.</summary>
public sealed record ModifierSyntax(string Kind, ExpressionSyntax? Argument, SourceSpan Span) : SyntaxNode(Span);

/// <summary>A gate application, e.g. <c>ctrl @ rx(pi/2) q[0], q[1];</c>.</summary>
public sealed record GateCallSyntax(
    IReadOnlyList<ModifierSyntax> Modifiers,
    string Name,
    SourceSpan NameSpan,
    IReadOnlyList<ExpressionSyntax> Parameters,
    IReadOnlyList<OperandSyntax> Operands,
    SourceSpan Span) : StatementSyntax(Span);

/// <summary>A gate definition, or an <c>opaque</c> declaration (no body).</summary>
public sealed record GateDefinitionSyntax(
    string Name,
    SourceSpan NameSpan,
    IReadOnlyList<IdentifierSyntax> Parameters,
    IReadOnlyList<IdentifierSyntax> Qubits,
    IReadOnlyList<StatementSyntax>? Body,
    SourceSpan Span) : StatementSyntax(Span)
{
    /// <summary>True for <c>opaque</c>: declared, with no body to run.</summary>
    public bool IsOpaque => Body is null;
}

/// <summary><c>measure q -> c;</c>, <c>c = measure q;</c> or (OpenQASM 3) <c>measure q;</c>.</summary>
public sealed record MeasureSyntax(OperandSyntax Qubits, OperandSyntax? Target, SourceSpan Span) : StatementSyntax(Span);

/// <summary><c>reset q;</c></summary>
public sealed record ResetSyntax(OperandSyntax Qubits, SourceSpan Span) : StatementSyntax(Span);

/// <summary><c>barrier q, r[0];</c> (no operands: every qubit).</summary>
public sealed record BarrierSyntax(IReadOnlyList<OperandSyntax> Operands, SourceSpan Span) : StatementSyntax(Span);

/// <summary><c>if (c == 3) stmt</c>, <c>if (c[0]) stmt</c> (value null: the bit must be 1) or <c>if (!c[0]) stmt</c> (value 0).</summary>
public sealed record IfSyntax(OperandSyntax Register, ExpressionSyntax? Value, IReadOnlyList<StatementSyntax> Body, SourceSpan Span) : StatementSyntax(Span);

/// <summary>A whole program: its statements in order.</summary>
public sealed record ProgramSyntax(SourceText Source, IReadOnlyList<StatementSyntax> Statements);
