using QSim.Circuits;
using QSim.Gates;
using QSim.Parameters;
using QSim.Qasm.Parsing;

namespace QSim.Qasm.Semantics;

/// <summary>
/// Semantic lowering: binds the statements of a program (and its includes) as the parser hands them out, checks names,
/// counts and indices, and builds the <see cref="Circuit"/>. Each statement is checked on its own, so every independent
/// error is reported; the circuit is only returned when there are none. After a lexical or syntax error no more
/// statements are bound (their errors would mostly be echoes of it), but parsing goes on to report every syntax error.
/// </summary>
internal sealed partial class Binder
{
    private readonly DiagnosticBag _syntaxErrors = new();
    private readonly DiagnosticBag _semanticErrors = new();
    private readonly IncludeResolver _includes;
    private readonly Circuit _circuit = new();
    private readonly Dictionary<string, GateSymbol> _gates = new(StringComparer.Ordinal)
    {
        ["U"] = new LibraryGateSymbol(GateLibrary.U3),
        ["CX"] = new LibraryGateSymbol(GateLibrary.CX),
        ["gphase"] = new LibraryGateSymbol(GateLibrary.GPhase),
    };
    private readonly Dictionary<string, RegisterSymbol> _registers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ParameterExpression> _constants = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ParameterExpression> _globals = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SourceSpan> _declarations = new(StringComparer.Ordinal);
    /// <summary>The files being bound, outermost first: their names as shown, and where they were read from (null for text).</summary>
    private readonly List<(string Name, string? Location)> _includeStack = new();
    private long _sourceBytesLeft;
    /// <summary>The circuit's size so far in qubit operands (<see cref="QasmLimits.MaxCircuitSize"/>); past it nothing more is bound.</summary>
    private long _circuitSize;
    private bool _circuitFull;
    private bool _standardIncludeSeen;
    private ClassicalCondition? _condition;

    /// <summary>Whether simple gate calls skip the syntax tree (<see cref="SimpleGateCall"/>); off only to test that both ways agree.</summary>
    private readonly bool _readSimpleCalls;

    private Binder(IncludeResolver includes, long sourceBytesLeft, bool readSimpleCalls)
    {
        _includes = includes;
        _sourceBytesLeft = sourceBytesLeft;
        _readSimpleCalls = readSimpleCalls;
    }

    /// <summary>Parses and lowers the program in <paramref name="source"/>.</summary>
    /// <param name="source">The main file or text.</param>
    /// <param name="includes">Which include files may be read.</param>
    /// <param name="sourceBytesLeft">How much more source the includes may bring in.</param>
    /// <param name="readSimpleCalls">
    /// True to read the plain gate calls that fill large files without building their syntax trees; the circuit and the
    /// diagnostics are the same either way.
    /// </param>
    /// <exception cref="QasmException">The program has errors: its syntax errors when it has any, else its semantic errors.</exception>
    public static Circuit Bind(SourceText source, IncludeResolver includes, long sourceBytesLeft, bool readSimpleCalls = true)
    {
        var binder = new Binder(includes, sourceBytesLeft, readSimpleCalls);
        int statements = binder.BindFile(source, includedBy: null);
        // OpenQASM 3 makes the version line optional, so only a file with no statement at all is empty.
        if (statements == 0 && !binder._syntaxErrors.HasErrors)
            binder._semanticErrors.Report(new SourceSpan(source, 0, 0), "the program is empty: expected 'OPENQASM 2.0;' or 'OPENQASM 3.0;' and statements");
        binder._syntaxErrors.ThrowIfAny();
        binder._semanticErrors.ThrowIfAny();
        return binder._circuit;
    }

    /// <summary>Binds the statements of one file as they are parsed; returns how many parsed.</summary>
    /// <param name="source">The file.</param>
    /// <param name="includedBy">The include statement that brought it in, or null for the main file.</param>
    /// <exception cref="StatementError">An included file is not OpenQASM (reported at <paramref name="includedBy"/>, quoting nothing of it).</exception>
    private int BindFile(SourceText source, IncludeSyntax? includedBy)
    {
        var found = new DiagnosticBag();
        var simple = _readSimpleCalls ? new SimpleGateCall() : null;
        int index = 0;
        _includeStack.Add((source.FileName, source.Location));
        try
        {
            foreach (var statement in Parser.ReadStatements(source, found, simple))
            {
                if (index == 0 && includedBy is not null && found.HasErrors) throw NotOpenQasm(includedBy);
                if (!_syntaxErrors.HasErrors && !found.HasErrors && !_circuitFull) BindTopLevel(statement, simple, isFirst: index == 0);
                index++;
            }
            if (index == 0 && includedBy is not null && found.HasErrors) throw NotOpenQasm(includedBy);
        }
        finally
        {
            _includeStack.RemoveAt(_includeStack.Count - 1);
        }
        _syntaxErrors.AddSorted(found.Items);
        return index;
    }

    /// <summary>An included file whose first statement does not parse: most likely not OpenQASM at all, so none of it is shown.</summary>
    private static StatementError NotOpenQasm(IncludeSyntax include) => new(include.Span,
        $"include file '{DiagnosticText.Quote(include.Path)}' is not an OpenQASM file (its first statement does not parse; its content is not shown)");

    /// <summary>Binds a statement: its syntax, or when that is null the simple gate call the parser just read.</summary>
    private void BindTopLevel(StatementSyntax? statement, SimpleGateCall? simple, bool isFirst)
    {
        try
        {
            if (statement is null) BindSimpleGateCall(simple!);
            else if (statement is VersionSyntax version) BindVersion(version, isFirst);
            else BindStatement(statement);
        }
        catch (StatementError error)
        {
            _semanticErrors.Report(error.Span, error.Message);
        }
    }

    private void BindStatement(StatementSyntax statement)
    {
        switch (statement)
        {
            case IncludeSyntax include: BindInclude(include); break;
            case RegisterSyntax register: BindRegister(register); break;
            case InputSyntax input: BindInput(input); break;
            case ConstSyntax constant: BindConst(constant); break;
            case GateDefinitionSyntax definition: BindGateDefinition(definition); break;
            case GateCallSyntax call: BindGateCall(call); break;
            case MeasureSyntax measure: BindMeasure(measure); break;
            case ResetSyntax reset: BindReset(reset); break;
            case BarrierSyntax barrier: BindBarrier(barrier); break;
            case IfSyntax conditional: BindIf(conditional); break;
            case VersionSyntax version: throw new StatementError(version.Span, "'OPENQASM' must be the first statement of the file");
            default: throw new StatementError(statement.Span, $"unsupported statement {statement.GetType().Name}");
        }
    }

    private static void BindVersion(VersionSyntax version, bool isFirst)
    {
        if (!isFirst) throw new StatementError(version.Span, "'OPENQASM' must be the first statement of the file");
        if (version.Version is not ("2.0" or "3" or "3.0"))
            throw new StatementError(version.VersionSpan, $"OpenQASM version {DiagnosticText.Quote(version.Version)} is not supported (use 2.0 or 3.0)");
    }

    private void BindInclude(IncludeSyntax include)
    {
        if (StandardIncludes.Find(include.Path) is { } gates)
        {
            _standardIncludeSeen = true;
            foreach (var (name, gate) in gates) _gates.TryAdd(name, new LibraryGateSymbol(gate));
            return;
        }
        if (_includeStack.Count > QasmLimits.MaxIncludeDepth)
            throw new StatementError(include.Span, $"includes nested too deeply (more than {QasmLimits.MaxIncludeDepth} levels): {Chain(0)}");
        SourceText source;
        try
        {
            source = _includes.Read(include.Path, include.Span.Source, _sourceBytesLeft);
        }
        catch (IncludeException e)
        {
            throw new StatementError(include.Span, e.Message);
        }
        _sourceBytesLeft -= source.Text.Length;
        int cycleStart = _includeStack.FindIndex(f => f.Location == source.Location);
        if (cycleStart >= 0)
            throw new StatementError(include.Span, $"include cycle: {Chain(cycleStart)} -> {Path.GetFileName(source.FileName)}");
        BindFile(source, include);
    }

    /// <summary>The names of the files being bound from <paramref name="from"/> on, as <c>a.qasm -> b.inc</c>.</summary>
    private string Chain(int from) => string.Join(" -> ", _includeStack.Skip(from).Select(f => Path.GetFileName(f.Name)));

    private void Declare(string name, SourceSpan span)
    {
        if (_declarations.TryGetValue(name, out var previous))
            throw new StatementError(span, $"'{name}' is already declared (at line {previous.Line})");
        _declarations[name] = span;
    }

    private void BindRegister(RegisterSyntax syntax)
    {
        int size = syntax.Size is null ? 1 : ExpressionEvaluator.EvaluateInteger(syntax.Size, new Scope(_globals), "register size", 1);
        bool quantum = syntax.Kind == RegisterKind.Quantum;
        int declared = quantum ? _circuit.QubitCount : _circuit.ClbitCount;
        if ((long)declared + size > QasmLimits.MaxBits)
            throw new StatementError(syntax.Size?.Span ?? syntax.NameSpan,
                $"register '{syntax.Name}' of size {size} makes more than {QasmLimits.MaxBits} {(quantum ? "qubits" : "classical bits")}, the most a program may declare");
        Declare(syntax.Name, syntax.NameSpan);
        var register = quantum ? _circuit.AddQuantumRegister(syntax.Name, size) : _circuit.AddClassicalRegister(syntax.Name, size);
        _registers[syntax.Name] = new RegisterSymbol(register, syntax.Kind, syntax.NameSpan);
    }

    private void BindInput(InputSyntax syntax)
    {
        Declare(syntax.Name, syntax.NameSpan);
        _globals[syntax.Name] = _circuit.DeclareSymbol(syntax.Name);
    }

    private void BindConst(ConstSyntax syntax)
    {
        double value = ExpressionEvaluator.EvaluateConstant(syntax.Value, new Scope(_globals), $"the value of const '{syntax.Name}'");
        Declare(syntax.Name, syntax.NameSpan);
        _constants[syntax.Name] = value;
        _globals[syntax.Name] = value;
    }

    /// <summary>Appends operations, under the condition of the enclosing <c>if</c> if there is one, within <see cref="QasmLimits.MaxCircuitSize"/>.</summary>
    private void Emit(IReadOnlyList<Operation> operations, SourceSpan span)
    {
        long size = 0;
        foreach (var operation in operations) size += Math.Max(1, operation.Qubits.Length);
        Reserve(size, span);
        foreach (var operation in operations) Append(operation, span);
    }

    /// <summary>Appends one operation, as <see cref="Emit(IReadOnlyList{Operation}, SourceSpan)"/> does.</summary>
    private void Emit(Operation operation, SourceSpan span)
    {
        Reserve(Math.Max(1, operation.Qubits.Length), span);
        Append(operation, span);
    }

    private void Reserve(long size, SourceSpan span)
    {
        if (_circuitSize + size > QasmLimits.MaxCircuitSize)
        {
            _circuitFull = true;
            throw new StatementError(span, $"the program is too large: its circuit passes {QasmLimits.MaxCircuitSize} qubit operands " +
                "(operations counted by their qubits), the most QSim builds; the rest of the program is not read");
        }
        _circuitSize += size;
    }

    private void Append(Operation operation, SourceSpan span)
    {
        if (_condition is not null)
        {
            if (operation is BarrierOperation) return; // a barrier only constrains optimizers; nothing to condition
            operation = new ConditionalOperation(_condition, operation);
        }
        try
        {
            _circuit.Append(operation);
        }
        catch (ArgumentException e)
        {
            // The circuit's own check: its message without the " (Parameter 'op')" that names an argument of ours.
            string message = e.ParamName is { } name ? e.Message.Replace($" (Parameter '{name}')", "", StringComparison.Ordinal) : e.Message;
            throw new StatementError(span, message);
        }
    }
}
