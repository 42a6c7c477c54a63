using QSim.Circuits;
using QSim.Qasm.Parsing;

namespace QSim.Qasm.Semantics;

// Operands and the non-gate statements: measure, reset, barrier, if.
internal sealed partial class Binder
{
    /// <summary>The most classical bits a condition reads: they form one 64-bit integer.</summary>
    private const int MaxConditionBits = 63;

    /// <summary>
    /// A resolved operand: bits <see cref="Start"/> to <see cref="Start"/> + <see cref="Count"/> - 1 of the circuit (a
    /// register's bits are contiguous), and whether it named a whole register.
    /// </summary>
    private readonly record struct Bits(int Start, int Count, bool IsRegister)
    {
        /// <summary>Its bit <paramref name="k"/> in the circuit.</summary>
        public int this[int k] => Start + k;

        /// <summary>Its bits in the circuit, in order.</summary>
        public IEnumerable<int> Indices => Enumerable.Range(Start, Count);
    }

    private Bits ResolveOperand(OperandSyntax operand, RegisterKind expected)
    {
        if (!_registers.TryGetValue(operand.Name, out var symbol))
            throw new StatementError(operand.Span, $"undeclared {(expected == RegisterKind.Quantum ? "quantum" : "classical")} register '{operand.Name}'");
        if (symbol.Kind != expected)
            throw new StatementError(operand.Span, expected == RegisterKind.Quantum
                ? $"'{operand.Name}' is a classical register; expected qubits"
                : $"'{operand.Name}' is a quantum register; expected classical bits");
        var register = symbol.Register;
        if (operand.Index is null) return new Bits(register.Offset, register.Size, true);
        int index = ExpressionEvaluator.EvaluateInteger(operand.Index, new Scope(_globals), "an index", 0);
        if (index >= register.Size)
            throw new StatementError(operand.Index.Span, $"index {index} is out of range for register '{register.Name}' of size {register.Size}");
        return new Bits(register.Offset + index, 1, false);
    }

    /// <summary>
    /// OpenQASM broadcasting: whole registers in one call must have equal sizes, and the call is repeated
    /// for each index, single qubits staying fixed. Returns how many copies there are.
    /// </summary>
    private static int BroadcastLength(IReadOnlyList<OperandSyntax> syntax, Bits[] operands)
    {
        int length = 1;
        int? first = null;
        for (int i = 0; i < operands.Length; i++)
        {
            if (!operands[i].IsRegister) continue;
            if (first is null)
            {
                first = i;
                length = operands[i].Count;
            }
            else if (operands[i].Count != length)
                throw new StatementError(syntax[i].Span,
                    $"registers of different sizes in one statement: '{syntax[first.Value].Name}' has {length}, '{syntax[i].Name}' has {operands[i].Count}");
        }
        return length;
    }

    /// <summary>The qubits of broadcast copy <paramref name="k"/>.</summary>
    private static int[] BroadcastCopy(Bits[] operands, int k)
    {
        var qubits = new int[operands.Length];
        for (int i = 0; i < qubits.Length; i++) qubits[i] = operands[i][operands[i].IsRegister ? k : 0];
        return qubits;
    }

    private string QubitName(int qubit)
    {
        var register = _circuit.QuantumRegisters.First(r => qubit >= r.Offset && qubit < r.Offset + r.Size);
        return $"{register.Name}[{qubit - register.Offset}]";
    }

    private void BindMeasure(MeasureSyntax syntax)
    {
        if (syntax.Target is null)
            throw new StatementError(syntax.Span, "not supported: measure without a target; write 'c = measure q;' or 'measure q -> c;'");
        var qubits = ResolveOperand(syntax.Qubits, RegisterKind.Quantum);
        var clbits = ResolveOperand(syntax.Target, RegisterKind.Classical);
        if (qubits.IsRegister != clbits.IsRegister || qubits.Count != clbits.Count)
            throw new StatementError(syntax.Target.Span,
                $"measure: '{syntax.Qubits}' has {qubits.Count} qubit(s) but '{syntax.Target}' has {clbits.Count} bit(s)");
        Emit([.. qubits.Indices.Select((q, i) => new MeasureOperation(q, clbits[i]))], syntax.Span);
    }

    private void BindReset(ResetSyntax syntax)
    {
        Emit([.. ResolveOperand(syntax.Qubits, RegisterKind.Quantum).Indices.Select(q => new ResetOperation(q))], syntax.Span);
    }

    private void BindBarrier(BarrierSyntax syntax)
    {
        int[] qubits = syntax.Operands.Count == 0
            ? [.. Enumerable.Range(0, _circuit.QubitCount)]
            : [.. syntax.Operands.SelectMany(o => ResolveOperand(o, RegisterKind.Quantum).Indices).Distinct()];
        if (qubits.Length > 0) Emit([new BarrierOperation([.. qubits])], syntax.Span);
    }

    private void BindIf(IfSyntax syntax)
    {
        if (_condition is not null) throw new StatementError(syntax.Span, "not supported: nested if");
        var bits = ResolveOperand(syntax.Register, RegisterKind.Classical);
        if (syntax.Value is null && bits.IsRegister)
            throw new StatementError(syntax.Register.Span, $"a condition on register '{syntax.Register.Name}' needs a value: 'if ({syntax.Register.Name} == n)'");
        if (bits.Count > MaxConditionBits)
            throw new StatementError(syntax.Register.Span, $"a condition reads at most {MaxConditionBits} classical bits; '{syntax.Register}' has {bits.Count}");
        long value = syntax.Value is null ? 1 : ExpressionEvaluator.EvaluateInteger(syntax.Value, new Scope(_globals), "the value of a condition", 0);
        if (bits.Count < 63 && value >= 1L << bits.Count)
            throw new StatementError(syntax.Value!.Span, $"condition value {value} does not fit in {bits.Count} bit(s) of '{syntax.Register}'");
        _condition = new ClassicalCondition([.. bits.Indices], value);
        try
        {
            foreach (var statement in syntax.Body)
            {
                if (statement is not (GateCallSyntax or MeasureSyntax or ResetSyntax or BarrierSyntax or IfSyntax))
                    throw new StatementError(statement.Span, "only gate calls, measure, reset and barrier may be conditioned by 'if'");
                BindStatement(statement);
            }
        }
        finally
        {
            _condition = null;
        }
    }
}
