using QSim.Circuits;
using QSim.Gates;
using QSim.Parameters;
using QSim.Qasm.Parsing;

namespace QSim.Qasm.Semantics;

// Gate definitions and gate calls: lookup, counts, modifiers, and inline expansion of defined gates.
internal sealed partial class Binder
{
    /// <summary>A gate call whose gate, parameters and modifiers are resolved, waiting for concrete qubits.</summary>
    // Modifiers: kind and value (control count or exponent; 0 for inv) of each modifier, left to right.
    private sealed record ResolvedCall(GateCallSyntax Syntax, GateSymbol Gate, ParameterExpression[] Parameters, (string Kind, int Value)[] Modifiers)
    {
        public int ControlCount => Modifiers.Where(m => m.Kind is "ctrl" or "negctrl").Sum(m => m.Value);
        public int QubitCount => ControlCount + Gate.QubitCount;
    }

    private void BindGateDefinition(GateDefinitionSyntax syntax)
    {
        if (_gates.ContainsKey(syntax.Name))
            throw new StatementError(syntax.NameSpan, $"gate '{syntax.Name}' is already defined");
        RequireDistinct(syntax.Parameters, "parameter", syntax.Name);
        RequireDistinct(syntax.Qubits, "qubit argument", syntax.Name);
        bool hasErrors = false;
        if (!syntax.IsOpaque)
        {
            _expansion = (syntax.NameSpan, Definition: true);
            // Expand the body once with placeholder parameters and qubits 0..n-1, so that its errors are
            // reported at the definition (once) rather than at every call.
            var placeholders = syntax.Parameters.Select(p => (ParameterExpression)new Symbol(p.Name)).ToArray();
            int[] qubits = [.. Enumerable.Range(0, syntax.Qubits.Count)];
            long expanded = 0;
            foreach (var statement in syntax.Body!)
            {
                try
                {
                    expanded += ExpandBodyStatement(syntax, statement, placeholders, qubits).Count();
                    CheckExpansionSize(expanded);
                }
                catch (StatementError error)
                {
                    _diagnostics.Report(error.Span, error.Message);
                    hasErrors = true;
                }
            }
        }
        _gates[syntax.Name] = new DefinedGateSymbol(syntax, hasErrors);
    }

    private static void RequireDistinct(IReadOnlyList<IdentifierSyntax> names, string what, string gate)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in names)
            if (!seen.Add(name.Name))
                throw new StatementError(name.Span, $"{what} '{name.Name}' appears twice in the definition of gate '{gate}'");
    }

    /// <summary>A top-level gate call: operands resolved and broadcast over registers.</summary>
    private void BindGateCall(GateCallSyntax syntax)
    {
        var call = Resolve(syntax, _globals);
        CheckOperandCount(call);
        _expansion = (syntax.Span, Definition: false);
        var operands = syntax.Operands.Select(o => ResolveOperand(o, RegisterKind.Quantum)).ToArray();
        long emitted = 0; // over every broadcast copy: the limit is the statement's
        foreach (var qubits in Broadcast(syntax.Operands, operands))
        {
            RequireDistinctQubits(syntax.Operands, qubits);
            var operations = Expand(call, qubits);
            emitted += operations.Count;
            CheckExpansionSize(emitted);
            foreach (var operation in operations) Emit(operation, syntax.Span);
        }
    }

    private static void CheckOperandCount(ResolvedCall call)
    {
        if (call.Syntax.Operands.Count != call.QubitCount)
        {
            string modifiers = call.ControlCount > 0 ? $" with {call.ControlCount} control(s)" : "";
            var at = call.Syntax.Operands.Count > 0 ? call.Syntax.Operands[0].Span : call.Syntax.NameSpan;
            throw new StatementError(at, $"gate '{call.Syntax.Name}'{modifiers} acts on {call.QubitCount} qubit(s); got {call.Syntax.Operands.Count}");
        }
    }

    private void RequireDistinctQubits(IReadOnlyList<OperandSyntax> operands, int[] qubits)
    {
        for (int i = 1; i < qubits.Length; i++)
            for (int j = 0; j < i; j++)
                if (qubits[i] == qubits[j])
                    throw new StatementError(operands[i].Span, $"qubit {QubitName(qubits[i])} is used twice in one gate call");
    }

    /// <summary>Looks the gate up and evaluates its parameters and modifier arguments.</summary>
    private ResolvedCall Resolve(GateCallSyntax syntax, IReadOnlyDictionary<string, ParameterExpression> scope)
    {
        if (!_gates.TryGetValue(syntax.Name, out var gate))
            throw new StatementError(syntax.NameSpan, $"unknown gate '{syntax.Name}'{MissingIncludeHint(syntax.Name)}");
        if (syntax.Parameters.Count != gate.ParameterCount)
            throw new StatementError(syntax.NameSpan, $"gate '{syntax.Name}' takes {gate.ParameterCount} parameter(s); got {syntax.Parameters.Count}");
        var parameters = syntax.Parameters.Select(p => ExpressionEvaluator.Evaluate(p, scope)).ToArray();
        for (int i = 0; i < parameters.Length; i++)
            if (parameters[i].TryGetConstant(out double value) && !double.IsFinite(value))
                throw new StatementError(syntax.Parameters[i].Span, $"parameter {i + 1} of gate '{syntax.Name}' is not a finite number ({value})");
        var modifiers = syntax.Modifiers.Select(m => (m.Kind, m.Kind switch
        {
            "inv" => 0,
            "pow" => Exponent(m.Argument!, scope),
            _ => m.Argument is null ? 1 : ExpressionEvaluator.EvaluateInteger(m.Argument, scope, $"the control count of '{m.Kind}'", 1),
        })).ToArray();
        return new ResolvedCall(syntax, gate, parameters, modifiers);
    }

    private static int Exponent(ExpressionSyntax syntax, IReadOnlyDictionary<string, ParameterExpression> scope)
    {
        double exponent = ExpressionEvaluator.EvaluateConstant(syntax, scope, "the exponent of 'pow'");
        if (exponent != Math.Floor(exponent))
            throw new StatementError(syntax.Span, $"not supported: pow with a non-integer exponent ({exponent})");
        if (Math.Abs(exponent) > 1024)
            throw new StatementError(syntax.Span, $"the exponent of 'pow' must be between -1024 and 1024; got {exponent}");
        return (int)exponent;
    }

    private string MissingIncludeHint(string name) =>
        !_standardIncludeSeen && StandardIncludes.Qelib1Names.Concat(StandardIncludes.StdgatesNames).Contains(name)
            ? " (did you forget 'include \"qelib1.inc\";' or 'include \"stdgates.inc\";'?)"
            : "";

    /// <summary>
    /// The operations of a resolved call on concrete qubits (controls first). Modifiers apply from the
    /// innermost (rightmost) outwards; each control modifier takes its own block of the leading qubits.
    /// </summary>
    private List<Operation> Expand(ResolvedCall call, int[] qubits)
    {
        int controlCount = call.ControlCount;
        var operations = ExpandGate(call, qubits[controlCount..]).ToList();
        int blockEnd = controlCount;
        for (int m = call.Modifiers.Length - 1; m >= 0; m--)
        {
            var (kind, value) = call.Modifiers[m];
            switch (kind)
            {
                case "inv":
                    operations = Inverse(operations);
                    break;
                case "pow":
                    CheckExpansionSize((long)operations.Count * Math.Abs(value));
                    var unit = value < 0 ? Inverse(operations) : operations;
                    operations = [.. Enumerable.Repeat(unit, Math.Abs(value)).SelectMany(x => x)];
                    break;
                default:
                    int[] controls = qubits[(blockEnd - value)..blockEnd];
                    blockEnd -= value;
                    operations = Control(operations, controls, negated: kind == "negctrl");
                    break;
            }
        }
        return operations;
    }

    private IEnumerable<Operation> ExpandGate(ResolvedCall call, int[] qubits)
    {
        switch (call.Gate)
        {
            case LibraryGateSymbol library:
                return [new GateOperation(library.Definition, [.. qubits], [.. call.Parameters])];
            case DefinedGateSymbol { Syntax.IsOpaque: true }:
                throw new StatementError(call.Syntax.NameSpan, $"gate '{call.Syntax.Name}' is opaque: it has no definition, so it cannot be applied");
            case DefinedGateSymbol { HasErrors: true }:
                return []; // its body's errors were reported at the definition
            case DefinedGateSymbol defined:
                var operations = new List<Operation>();
                foreach (var statement in defined.Syntax.Body!)
                {
                    operations.AddRange(ExpandBodyStatement(defined.Syntax, statement, call.Parameters, qubits));
                    CheckExpansionSize(operations.Count);
                }
                return operations;
            default:
                throw new StatementError(call.Syntax.NameSpan, $"gate '{call.Syntax.Name}' cannot be applied");
        }
    }

    /// <summary>Stops the expansion of a statement or of a definition's body that would pass <see cref="QasmParser.MaxOperations"/>.</summary>
    private void CheckExpansionSize(long operations)
    {
        if (operations <= QasmParser.MaxOperations) return;
        var (site, definition) = _expansion;
        throw new StatementError(site, definition
            ? $"gate '{site}' expands to more than {QasmParser.MaxOperations} operations, the most QSim reads"
            : $"this statement expands to more than {QasmParser.MaxOperations} operations (gate definitions inlined, pow repeated), the most QSim reads");
    }

    /// <summary>One statement of a gate body with the gate's parameters and qubit arguments bound.</summary>
    private IEnumerable<Operation> ExpandBodyStatement(GateDefinitionSyntax gate, StatementSyntax statement, ParameterExpression[] parameters, int[] qubits)
    {
        var scope = new Dictionary<string, ParameterExpression>(_constants, StringComparer.Ordinal);
        for (int i = 0; i < parameters.Length; i++) scope[gate.Parameters[i].Name] = parameters[i];
        int Qubit(OperandSyntax operand)
        {
            if (operand.Index is not null)
                throw new StatementError(operand.Span, $"'{operand}' cannot be indexed inside gate '{gate.Name}': use its qubit arguments");
            int index = gate.Qubits.ToList().FindIndex(q => q.Name == operand.Name);
            return index >= 0 ? qubits[index] : throw new StatementError(operand.Span, $"'{operand.Name}' is not a qubit argument of gate '{gate.Name}'");
        }
        switch (statement)
        {
            case BarrierSyntax barrier:
                return [new BarrierOperation([.. barrier.Operands.Select(Qubit).Distinct()])];
            case GateCallSyntax call:
            {
                var resolved = Resolve(call, scope);
                CheckOperandCount(resolved);
                int[] mapped = [.. call.Operands.Select(Qubit)];
                RequireDistinctQubits(call.Operands, mapped);
                return Expand(resolved, mapped);
            }
            default:
                throw new StatementError(statement.Span, "only gate calls and barriers may appear in a gate body");
        }
    }

    private static List<Operation> Inverse(List<Operation> operations)
    {
        var inverse = new List<Operation>(operations.Count);
        for (int i = operations.Count - 1; i >= 0; i--)
            inverse.Add(operations[i] is GateOperation g ? GateAlgebra.Invert(g) : operations[i]);
        return inverse;
    }

    private static List<Operation> Control(List<Operation> operations, int[] controls, bool negated)
    {
        var flips = negated ? controls.Select(c => (Operation)new GateOperation(GateLibrary.X, [c], [])).ToList() : [];
        var controlled = operations.Select(op => op is GateOperation g
            ? new GateOperation(GateAlgebra.Controlled(g.Gate, controls.Length), [.. controls, .. g.Qubits], g.Parameters)
            : op);
        return [.. flips, .. controlled, .. flips];
    }
}
