using QSim.Circuits;
using QSim.Gates;
using QSim.Parameters;
using QSim.Qasm.Parsing;

namespace QSim.Qasm.Semantics;

/// <summary>
/// Semantic lowering: walks the syntax tree of a program (and its includes), checks names, counts and
/// indices, and builds the <see cref="Circuit"/>. Each statement is checked on its own, so every
/// independent error is reported; the circuit is only returned when there are none.
/// </summary>
internal sealed partial class Binder
{
    /// <summary>The largest register QSim accepts; far beyond what a state vector can hold, but it keeps sizes sane.</summary>
    private const int MaxRegisterSize = 1 << 20;

    private readonly DiagnosticBag _diagnostics;
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
    private readonly List<string> _includeStack = new();
    private bool _standardIncludeSeen;
    private ClassicalCondition? _condition;
    /// <summary>What is being expanded, for <see cref="CheckExpansionSize"/>: a top-level gate call, or the body of a definition.</summary>
    private (SourceSpan Site, bool Definition) _expansion;

    private Binder(DiagnosticBag diagnostics) => _diagnostics = diagnostics;

    /// <summary>Lowers <paramref name="program"/>; errors go to <paramref name="diagnostics"/>.</summary>
    public static Circuit Bind(ProgramSyntax program, DiagnosticBag diagnostics)
    {
        var binder = new Binder(diagnostics);
        binder._includeStack.Add(FullPath(program.Source.FileName));
        // OpenQASM 3 makes the version line optional, so only a file with no statement at all is empty.
        if (program.Statements.Count == 0)
            diagnostics.Report(new SourceSpan(program.Source, 0, 0), "the program is empty: expected 'OPENQASM 2.0;' or 'OPENQASM 3.0;' and statements");
        binder.BindProgram(program);
        return binder._circuit;
    }

    private void BindProgram(ProgramSyntax program)
    {
        for (int i = 0; i < program.Statements.Count; i++)
        {
            var statement = program.Statements[i];
            try
            {
                if (statement is VersionSyntax version) BindVersion(version, isFirst: i == 0);
                else BindStatement(statement);
            }
            catch (StatementError error)
            {
                _diagnostics.Report(error.Span, error.Message);
            }
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
            default: throw new StatementError(statement.Span, $"unsupported statement '{statement.Span}'");
        }
    }

    private static void BindVersion(VersionSyntax version, bool isFirst)
    {
        if (!isFirst) throw new StatementError(version.Span, "'OPENQASM' must be the first statement of the file");
        if (version.Version is not ("2.0" or "3" or "3.0"))
            throw new StatementError(version.VersionSpan, $"OpenQASM version {version.Version} is not supported (use 2.0 or 3.0)");
    }

    private void BindInclude(IncludeSyntax include)
    {
        if (StandardIncludes.Find(include.Path) is { } gates)
        {
            _standardIncludeSeen = true;
            foreach (var (name, gate) in gates) _gates.TryAdd(name, new LibraryGateSymbol(gate));
            return;
        }
        string includingDirectory = Path.GetDirectoryName(FullPath(include.Span.Source.FileName)) ?? Directory.GetCurrentDirectory();
        string path = Path.GetFullPath(Path.Combine(includingDirectory, include.Path));
        if (_includeStack.Contains(path, StringComparer.Ordinal))
            throw new StatementError(include.Span, $"include cycle: {string.Join(" -> ", _includeStack.Skip(_includeStack.IndexOf(path)).Append(path).Select(Path.GetFileName))}");
        if (!File.Exists(path)) throw new StatementError(include.Span, $"include file '{include.Path}' not found (looked for {path})");
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StatementError(include.Span, $"cannot read include file '{include.Path}': {e.Message}");
        }
        var program = Parser.Parse(new SourceText(text, Path.Combine(Path.GetDirectoryName(include.Span.Source.FileName) ?? "", include.Path)), _diagnostics);
        _includeStack.Add(path);
        try
        {
            BindProgram(program);
        }
        finally
        {
            _includeStack.RemoveAt(_includeStack.Count - 1);
        }
    }

    private static string FullPath(string fileName) => fileName.StartsWith('<') ? Path.Combine(Directory.GetCurrentDirectory(), fileName) : Path.GetFullPath(fileName);

    private void Declare(string name, SourceSpan span)
    {
        if (_declarations.TryGetValue(name, out var previous))
            throw new StatementError(span, $"'{name}' is already declared (at line {previous.Line})");
        _declarations[name] = span;
    }

    private void BindRegister(RegisterSyntax syntax)
    {
        int size = syntax.Size is null ? 1 : ExpressionEvaluator.EvaluateInteger(syntax.Size, _globals, "register size", 1);
        if (size > MaxRegisterSize)
            throw new StatementError(syntax.Size!.Span, $"register size {size} is too large (at most {MaxRegisterSize})");
        Declare(syntax.Name, syntax.NameSpan);
        var register = syntax.Kind == RegisterKind.Quantum
            ? _circuit.AddQuantumRegister(syntax.Name, size)
            : _circuit.AddClassicalRegister(syntax.Name, size);
        _registers[syntax.Name] = new RegisterSymbol(register, syntax.Kind, syntax.NameSpan);
    }

    private void BindInput(InputSyntax syntax)
    {
        Declare(syntax.Name, syntax.NameSpan);
        _globals[syntax.Name] = _circuit.DeclareSymbol(syntax.Name);
    }

    private void BindConst(ConstSyntax syntax)
    {
        double value = ExpressionEvaluator.EvaluateConstant(syntax.Value, _globals, $"the value of const '{syntax.Name}'");
        Declare(syntax.Name, syntax.NameSpan);
        _constants[syntax.Name] = value;
        _globals[syntax.Name] = value;
    }

    /// <summary>Appends an operation, under the condition of the enclosing <c>if</c> if there is one.</summary>
    private void Emit(Operation operation, SourceSpan span)
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
            throw new StatementError(span, e.Message);
        }
    }
}
