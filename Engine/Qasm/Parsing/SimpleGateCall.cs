namespace QSim.Qasm.Parsing;

/// <summary>
/// A gate call of the shape that makes up nearly all of a large file, <c>name(literals) reg[i], reg[j];</c>, held
/// without a syntax tree: no modifiers, at most <see cref="MaxParameters"/> parameters that are number literals (a
/// leading minus allowed), and one to <see cref="MaxOperands"/> operands, each a register name with or without an integer
/// index. The parser fills one instance again for every such statement, so reading one allocates nothing;
/// <see cref="ToSyntax"/> builds the syntax the general parser gives the same statement, for whatever the binder does
/// not take directly.
/// </summary>
internal sealed class SimpleGateCall
{
    /// <summary>The most parameters, and operands, a simple call has (<c>u3</c> has three parameters, <c>c3x</c> four qubits).</summary>
    public const int MaxParameters = 4, MaxOperands = 4;

    /// <summary>A literal parameter: its value (sign applied), where its number stands, and where its minus stands (-1: none).</summary>
    public record struct Literal(double Value, bool IsInteger, int Start, int Length, int MinusStart);

    /// <summary>An operand: its register and name's place, its index (-1: the whole register) and that index's place, and where the operand ends.</summary>
    public record struct Operand(string Register, int Start, int Index, int IndexStart, int IndexLength, int End);

    private readonly Literal[] _parameters = new Literal[MaxParameters];
    private readonly Operand[] _operands = new Operand[MaxOperands];

    /// <summary>The file it was read from.</summary>
    public SourceText Source { get; private set; } = null!;

    /// <summary>The gate's name.</summary>
    public string Name { get; private set; } = "";

    /// <summary>Where the gate's name stands.</summary>
    public SourceSpan NameSpan { get; private set; }

    /// <summary>The whole statement, its <c>;</c> included.</summary>
    public SourceSpan Span { get; private set; }

    /// <summary>How many parameters there are (0 without parentheses).</summary>
    public int ParameterCount { get; private set; }

    /// <summary>How many operands there are.</summary>
    public int OperandCount { get; private set; }

    /// <summary>The parameters, in order.</summary>
    public ReadOnlySpan<Literal> Parameters => _parameters.AsSpan(0, ParameterCount);

    /// <summary>The operands, in order.</summary>
    public ReadOnlySpan<Operand> Operands => _operands.AsSpan(0, OperandCount);

    /// <summary>Starts a new statement named <paramref name="name"/>, forgetting the previous one.</summary>
    public void Start(SourceText source, string name, SourceSpan nameSpan)
    {
        Source = source;
        Name = name;
        NameSpan = nameSpan;
        ParameterCount = OperandCount = 0;
    }

    /// <summary>Adds a parameter; false when there are <see cref="MaxParameters"/> already.</summary>
    public bool TryAdd(Literal parameter)
    {
        if (ParameterCount == MaxParameters) return false;
        _parameters[ParameterCount++] = parameter;
        return true;
    }

    /// <summary>Adds an operand; false when there are <see cref="MaxOperands"/> already.</summary>
    public bool TryAdd(Operand operand)
    {
        if (OperandCount == MaxOperands) return false;
        _operands[OperandCount++] = operand;
        return true;
    }

    /// <summary>Ends the statement with its <c>;</c> at <paramref name="semicolon"/>.</summary>
    public void End(int semicolon) => Span = new SourceSpan(Source, NameSpan.Start, semicolon + 1 - NameSpan.Start);

    /// <summary>The syntax the general parser builds for this statement, spans included.</summary>
    public GateCallSyntax ToSyntax()
    {
        var parameters = new ExpressionSyntax[ParameterCount];
        for (int i = 0; i < parameters.Length; i++)
        {
            var (value, isInteger, start, length, minusStart) = _parameters[i];
            var number = new NumberSyntax(Math.Abs(value), isInteger, new SourceSpan(Source, start, length));
            parameters[i] = minusStart < 0 ? number : new UnarySyntax('-', number, new SourceSpan(Source, minusStart, start + length - minusStart));
        }
        var operands = new OperandSyntax[OperandCount];
        for (int i = 0; i < operands.Length; i++)
        {
            var (register, start, index, indexStart, indexLength, end) = _operands[i];
            var indexSyntax = index < 0 ? null : new NumberSyntax(index, true, new SourceSpan(Source, indexStart, indexLength));
            operands[i] = new OperandSyntax(register, indexSyntax, new SourceSpan(Source, start, end - start));
        }
        return new GateCallSyntax([], Name, NameSpan, parameters, operands, Span);
    }
}
