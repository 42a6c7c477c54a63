namespace QSim.Qasm;

/// <summary>
/// The bounds the OpenQASM front end keeps whatever its input, so that a hostile file gets a diagnostic instead of
/// exhausting the stack, the memory or the time of the process reading it (SECURITY.md lists them with their reasons).
/// </summary>
public static class QasmLimits
{
    /// <summary>The most characters read from files and standard input for one program, includes counted together (256 Mi).</summary>
    public const long MaxSourceCharacters = 256L << 20;

    /// <summary>How deep includes may nest: a file included from a file included from ... the main file.</summary>
    public const int MaxIncludeDepth = 32;

    /// <summary>
    /// The deepest expression: levels of parentheses, signs, function calls and operators (a chain <c>a + b + c</c> is
    /// two levels), also after gate definitions substitute their arguments into it.
    /// </summary>
    public const int MaxExpressionDepth = 256;

    /// <summary>The most nodes an expression may have once gate definitions substitute their arguments (each use of an argument counts).</summary>
    public const int MaxExpressionNodes = 100_000;

    /// <summary>How deep braced blocks (<c>if</c> bodies) may nest.</summary>
    public const int MaxBlockDepth = 64;

    /// <summary>How deep gate definitions may call each other: a gate whose body calls a gate whose body calls ...</summary>
    public const int MaxGateNesting = 256;

    /// <summary>The most qubits, and separately classical bits, a program may declare.</summary>
    public const int MaxBits = 1 << 20;

    /// <summary>
    /// The most operations one statement (over all its broadcast copies) or one gate definition may expand to once
    /// definitions are inlined and <c>pow</c> repeated.
    /// </summary>
    public const int MaxStatementOperations = 1_000_000;

    /// <summary>
    /// The size of the whole circuit a program may produce, in qubit operands: each operation counts its qubits (at least
    /// one), so that a barrier over a huge register costs what it holds.
    /// </summary>
    public const long MaxCircuitSize = 16L << 20;

    /// <summary>The longest identifier, number or string literal, in characters.</summary>
    public const int MaxTokenLength = 1024;

    /// <summary>The most diagnostics reported for one file; one more line then says that there were more.</summary>
    public const int MaxDiagnosticsPerFile = 100;

    /// <summary>The widest source excerpt a diagnostic shows under its message, in characters.</summary>
    public const int ExcerptWidth = 120;
}
