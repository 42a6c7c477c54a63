using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using QSim.Circuits;
using QSim.Gates;
using QSim.Parameters;
using QSim.Qasm.Parsing;

namespace QSim.Qasm.Semantics;

// Gate definitions and gate calls: lookup, counts, modifiers, and inline expansion of defined gates.
// A definition is checked once, where it stands, with placeholder arguments; it records how many operations it
// expands to and how deeply it nests definitions, so that a call is measured before anything is expanded and the
// expansion's recursion is bounded by QasmLimits.MaxGateNesting.
internal sealed partial class Binder
{
    /// <summary>
    /// One operation per parameter-free library gate and qubits (one or two), shared by every call that applies it:
    /// operations are immutable, and a large file repeats the same few hundred of them millions of times.
    /// </summary>
    private readonly Dictionary<SharedGateKey, GateOperation> _sharedGates = new();

    /// <summary>What makes two parameter-free operations the same: the gate (by reference) and the qubits (-1 for none).</summary>
    private readonly record struct SharedGateKey(GateDefinition Gate, int First, int Second)
    {
        public bool Equals(SharedGateKey other) => ReferenceEquals(Gate, other.Gate) && First == other.First && Second == other.Second;

        public override int GetHashCode() => HashCode.Combine(RuntimeHelpers.GetHashCode(Gate), First, Second);
    }

    /// <summary>Parameter lists of one constant, by the bits of the constant (see <see cref="SharedAngle"/>).</summary>
    private readonly Dictionary<long, ParameterExpression[]> _sharedAngles = new();

    /// <summary>A gate call whose gate, parameters and modifiers are resolved, waiting for concrete qubits.</summary>
    // Modifiers: kind and value (control count or exponent; 0 for inv) of each modifier, left to right.
    private sealed record ResolvedCall(GateCallSyntax Syntax, GateSymbol Gate, ParameterExpression[] Parameters, (string Kind, int Value)[] Modifiers)
    {
        public long ControlCount => Modifiers.Where(m => m.Kind is "ctrl" or "negctrl").Sum(m => (long)m.Value);

        public long QubitCount => ControlCount + Gate.QubitCount;

        /// <summary>How many operations one application expands to (saturating at <see cref="long.MaxValue"/>).</summary>
        public long OperationCount
        {
            get
            {
                long count = Gate is DefinedGateSymbol defined ? defined.OperationCount : 1;
                foreach (var (kind, value) in Modifiers)
                {
                    if (kind == "pow") count = Math.Abs(value) == 0 ? 0 : count > long.MaxValue / Math.Abs(value) ? long.MaxValue : count * Math.Abs(value);
                    else if (kind == "negctrl") count = count > long.MaxValue - 2L * value ? long.MaxValue : count + 2L * value;
                }
                return count;
            }
        }

        /// <summary>Levels of definitions a call expands through: 0 for a library gate.</summary>
        public int Nesting => Gate is DefinedGateSymbol defined ? defined.Nesting : 0;
    }

    private void BindGateDefinition(GateDefinitionSyntax syntax)
    {
        if (_gates.ContainsKey(syntax.Name))
            throw new StatementError(syntax.NameSpan, $"gate '{syntax.Name}' is already defined");
        RequireDistinct(syntax.Parameters, "parameter", syntax.Name);
        RequireDistinct(syntax.Qubits, "qubit argument", syntax.Name);
        if (syntax.IsOpaque)
        {
            _gates[syntax.Name] = new DefinedGateSymbol(syntax, HasErrors: false, OperationCount: 0, Nesting: 1);
            return;
        }
        var placeholders = syntax.Parameters.Select(p => (ParameterExpression)new Symbol(p.Name)).ToArray();
        int[] qubits = [.. Enumerable.Range(0, syntax.Qubits.Count)];
        var shape = new DefinedGateSymbol(syntax, HasErrors: false, OperationCount: 0, Nesting: 1);
        bool hasErrors = false;
        long operations = 0;
        int nesting = 1;
        foreach (var statement in syntax.Body!)
        {
            try
            {
                var (count, depth) = CheckBodyStatement(shape, statement, placeholders, qubits);
                operations = count > long.MaxValue - operations ? long.MaxValue : operations + count;
                nesting = Math.Max(nesting, depth + 1);
                if (operations > QasmParser.MaxOperations)
                {
                    _semanticErrors.Report(syntax.NameSpan, $"gate '{syntax.Name}' expands to more than {QasmParser.MaxOperations} operations, the most QSim reads");
                    hasErrors = true;
                    break;
                }
            }
            catch (StatementError error)
            {
                _semanticErrors.Report(error.Span, error.Message);
                hasErrors = true;
            }
        }
        _gates[syntax.Name] = new DefinedGateSymbol(syntax, hasErrors, hasErrors ? 0 : operations, nesting);
    }

    /// <summary>
    /// Checks one statement of a gate body with placeholder arguments, without expanding the gates it calls (their
    /// bodies were checked where they were defined).
    /// </summary>
    /// <returns>How many operations it expands to, and how many levels of definitions it expands through.</returns>
    private (long Operations, int Nesting) CheckBodyStatement(DefinedGateSymbol gate, StatementSyntax statement, ParameterExpression[] parameters, int[] qubits)
    {
        switch (statement)
        {
            case BarrierSyntax barrier:
                foreach (var operand in barrier.Operands) MapQubit(gate, operand, qubits);
                return (1, 0);
            case GateCallSyntax call:
            {
                var resolved = Resolve(call, BodyScope(gate, parameters));
                CheckOperandCount(resolved);
                RequireDistinctQubits(call.Operands, [.. call.Operands.Select(o => MapQubit(gate, o, qubits))], inGateBody: true);
                if (resolved.Gate is DefinedGateSymbol { Syntax.IsOpaque: true }) throw Opaque(call);
                if (resolved.Nesting >= QasmLimits.MaxGateNesting)
                    throw new StatementError(call.NameSpan, $"gate definitions nested too deeply: '{call.Name}' already expands through {resolved.Nesting} levels of definitions (at most {QasmLimits.MaxGateNesting})");
                return (resolved.OperationCount, resolved.Nesting);
            }
            default:
                throw new StatementError(statement.Span, "only gate calls and barriers may appear in a gate body");
        }
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
        var call = Resolve(syntax, new Scope(_globals));
        CheckOperandCount(call);
        var operands = new Bits[syntax.Operands.Count];
        for (int i = 0; i < operands.Length; i++) operands[i] = ResolveOperand(syntax.Operands[i], RegisterKind.Quantum);
        int copies = BroadcastLength(syntax.Operands, operands);
        if (call.OperationCount > QasmParser.MaxOperations / Math.Max(copies, 1))
            throw new StatementError(syntax.Span, $"this statement expands to more than {QasmParser.MaxOperations} operations (gate definitions inlined, pow repeated), the most QSim reads");
        for (int k = 0; k < copies; k++)
        {
            int[] qubits = BroadcastCopy(operands, k);
            RequireDistinctQubits(syntax.Operands, qubits, inGateBody: false);
            // Most calls in a large file are a plain library gate: one operation, no list around it.
            if (call is { Gate: LibraryGateSymbol library, Modifiers.Length: 0 }) Emit(Apply(library, call, qubits), syntax.Span);
            else Emit(Expand(call, qubits), syntax.Span);
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

    /// <summary>Refuses a call that names one qubit twice (in a gate body, a qubit argument; elsewhere, a qubit of a register).</summary>
    private void RequireDistinctQubits(IReadOnlyList<OperandSyntax> operands, int[] qubits, bool inGateBody)
    {
        int repeated = -1;
        if (qubits.Length <= 8)
        {
            for (int i = 1; i < qubits.Length && repeated < 0; i++)
                for (int j = 0; j < i && repeated < 0; j++)
                    if (qubits[i] == qubits[j]) repeated = i;
        }
        else
        {
            var seen = new HashSet<int>();
            for (int i = 0; i < qubits.Length && repeated < 0; i++)
                if (!seen.Add(qubits[i])) repeated = i;
        }
        if (repeated < 0) return;
        string name = inGateBody ? $"argument '{operands[repeated].Name}'" : QubitName(qubits[repeated]);
        throw new StatementError(operands[repeated].Span, $"qubit {name} is used twice in one gate call");
    }

    /// <summary>Looks the gate up and evaluates its parameters and modifier arguments.</summary>
    private ResolvedCall Resolve(GateCallSyntax syntax, Scope scope)
    {
        if (!_gates.TryGetValue(syntax.Name, out var gate))
            throw new StatementError(syntax.NameSpan, $"unknown gate '{syntax.Name}'{MissingIncludeHint(syntax.Name)}");
        if (syntax.Parameters.Count != gate.ParameterCount)
            throw new StatementError(syntax.NameSpan, $"gate '{syntax.Name}' takes {gate.ParameterCount} parameter(s); got {syntax.Parameters.Count}");
        var parameters = syntax.Parameters.Count == 0 ? [] : new ParameterExpression[syntax.Parameters.Count];
        for (int i = 0; i < parameters.Length; i++)
        {
            parameters[i] = ExpressionEvaluator.EvaluateBounded(syntax.Parameters[i], scope, $"parameter {i + 1} of gate '{syntax.Name}'");
            if (parameters[i].TryGetConstant(out double value) && !double.IsFinite(value))
                throw new StatementError(syntax.Parameters[i].Span, $"parameter {i + 1} of gate '{syntax.Name}' is not a finite number ({value})");
        }
        var modifiers = syntax.Modifiers.Count == 0 ? [] : syntax.Modifiers.Select(m => (m.Kind, m.Kind switch
        {
            "inv" => 0,
            "pow" => Exponent(m.Argument!, scope),
            _ => m.Argument is null ? 1 : ExpressionEvaluator.EvaluateInteger(m.Argument, scope, $"the control count of '{m.Kind}'", 1),
        })).ToArray();
        return new ResolvedCall(syntax, gate, parameters, modifiers);
    }

    private static int Exponent(ExpressionSyntax syntax, Scope scope)
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
        int controlCount = (int)call.ControlCount;
        var operations = ExpandGate(call, controlCount == 0 ? qubits : qubits[controlCount..]);
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

    private List<Operation> ExpandGate(ResolvedCall call, int[] qubits)
    {
        switch (call.Gate)
        {
            case LibraryGateSymbol library:
                return [Apply(library, call, qubits)];
            case DefinedGateSymbol { Syntax.IsOpaque: true }:
                throw Opaque(call.Syntax);
            case DefinedGateSymbol { HasErrors: true }:
                return []; // its body's errors were reported at the definition
            case DefinedGateSymbol defined:
                var operations = new List<Operation>();
                var scope = BodyScope(defined, call.Parameters);
                foreach (var statement in defined.Syntax.Body!) operations.AddRange(ExpandBodyStatement(defined, statement, scope, qubits));
                return operations;
            default:
                throw new StatementError(call.Syntax.NameSpan, $"gate '{call.Syntax.Name}' cannot be applied");
        }
    }

    /// <summary>
    /// The library gate of <paramref name="call"/> on <paramref name="qubits"/>. The operation shares both arrays: each
    /// expansion makes its own qubit array, and a call's parameters are never written after it is resolved.
    /// </summary>
    private GateOperation Apply(LibraryGateSymbol gate, ResolvedCall call, int[] qubits) => call.Parameters switch
    {
        [] when qubits.Length <= 2 => SharedGate(gate.Definition, qubits),
        [Constant constant] => NewOperation(gate.Definition, qubits, SharedAngle(constant.Value, call.Parameters)),
        _ => NewOperation(gate.Definition, qubits, call.Parameters),
    };

    /// <summary>The one operation of a parameter-free gate on one or two qubits, made the first time it is asked for.</summary>
    private GateOperation SharedGate(GateDefinition gate, ReadOnlySpan<int> qubits)
    {
        var key = new SharedGateKey(gate, qubits.Length > 0 ? qubits[0] : -1, qubits.Length > 1 ? qubits[1] : -1);
        ref var shared = ref CollectionsMarshal.GetValueRefOrAddDefault(_sharedGates, key, out _);
        return shared ??= NewOperation(gate, qubits.ToArray(), []);
    }

    /// <summary>
    /// The parameter list of one constant, <paramref name="value"/>: the one made at its first use, since files repeat a
    /// limited set of angles (rz(0.25) q[3]), else <paramref name="parameters"/> or a new list. At most
    /// <see cref="MaxSharedAngles"/> angles are kept, so the table stays small whatever the input.
    /// </summary>
    private ParameterExpression[] SharedAngle(double value, ParameterExpression[]? parameters = null)
    {
        long bits = BitConverter.DoubleToInt64Bits(value);
        if (_sharedAngles.TryGetValue(bits, out var shared)) return shared;
        parameters ??= [value];
        if (_sharedAngles.Count < MaxSharedAngles) _sharedAngles.Add(bits, parameters);
        return parameters;
    }

    private const int MaxSharedAngles = 1 << 16;

    private static GateOperation NewOperation(GateDefinition gate, int[] qubits, ParameterExpression[] parameters) =>
        new(gate, ImmutableCollectionsMarshal.AsImmutableArray(qubits), ImmutableCollectionsMarshal.AsImmutableArray(parameters));

    private static StatementError Opaque(GateCallSyntax call) =>
        new(call.NameSpan, $"gate '{call.Name}' is opaque: it has no definition, so it cannot be applied");

    /// <summary>The names a gate body sees: its parameters bound to <paramref name="parameters"/>, then the consts.</summary>
    private Scope BodyScope(DefinedGateSymbol gate, ParameterExpression[] parameters) => new(_constants, gate.ParameterIndex, parameters);

    /// <summary>One statement of a gate body with the gate's parameters and qubit arguments bound (checked at the definition already).</summary>
    private List<Operation> ExpandBodyStatement(DefinedGateSymbol gate, StatementSyntax statement, Scope scope, int[] qubits)
    {
        switch (statement)
        {
            case BarrierSyntax barrier:
                return [new BarrierOperation([.. barrier.Operands.Select(o => MapQubit(gate, o, qubits)).Distinct()])];
            case GateCallSyntax call:
            {
                var resolved = Resolve(call, scope);
                return Expand(resolved, [.. call.Operands.Select(o => MapQubit(gate, o, qubits))]);
            }
            default:
                throw new StatementError(statement.Span, "only gate calls and barriers may appear in a gate body");
        }
    }

    /// <summary>The qubit an operand of a gate body names: one of the gate's qubit arguments, bound to <paramref name="qubits"/>.</summary>
    private static int MapQubit(DefinedGateSymbol gate, OperandSyntax operand, int[] qubits)
    {
        if (operand.Index is not null)
            throw new StatementError(operand.Span, $"'{operand}' cannot be indexed inside gate '{gate.Syntax.Name}': use its qubit arguments");
        return gate.QubitIndex.TryGetValue(operand.Name, out int index)
            ? qubits[index]
            : throw new StatementError(operand.Span, $"'{operand.Name}' is not a qubit argument of gate '{gate.Syntax.Name}'");
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
