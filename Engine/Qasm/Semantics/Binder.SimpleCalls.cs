using QSim.Circuits;
using QSim.Gates;
using QSim.Parameters;
using QSim.Qasm.Parsing;

namespace QSim.Qasm.Semantics;

// Simple gate calls (SimpleGateCall: literal parameters, indexed operands), bound without a syntax tree. Only a call
// that the general rules accept without a word takes this path, and it appends exactly the operation they would;
// anything else (an unknown gate, a wrong count, a whole register, an index out of range, a repeated qubit) is turned
// into its syntax and bound by those rules, which report it.
internal sealed partial class Binder
{
    private void BindSimpleGateCall(SimpleGateCall call)
    {
        if (!TryBindSimpleGateCall(call)) BindStatement(call.ToSyntax());
    }

    /// <summary>Appends the call's operation when the general rules would append it with no error; else changes nothing and returns false.</summary>
    private bool TryBindSimpleGateCall(SimpleGateCall call)
    {
        if (_condition is not null || !_gates.TryGetValue(call.Name, out var symbol) || symbol is not LibraryGateSymbol { Definition: var gate }
            || gate.ParameterCount != call.ParameterCount || gate.QubitCount != call.OperandCount)
            return false;
        Span<int> qubits = stackalloc int[SimpleGateCall.MaxOperands];
        qubits = qubits[..call.OperandCount];
        for (int i = 0; i < qubits.Length; i++)
        {
            var operand = call.Operands[i];
            if (operand.Index < 0 || !_registers.TryGetValue(operand.Register, out var register)
                || register.Kind != RegisterKind.Quantum || operand.Index >= register.Register.Size)
                return false;
            qubits[i] = register.Register.Offset + operand.Index;
            if (qubits[..i].Contains(qubits[i])) return false;
        }
        foreach (var parameter in call.Parameters)
            if (!double.IsFinite(parameter.Value)) return false;
        Emit(ConstantGate(gate, qubits, call.Parameters), call.Span);
        return true;
    }

    /// <summary>The operation the general rules make for <paramref name="gate"/> with these constant parameters on these qubits, shared as they share it.</summary>
    private GateOperation ConstantGate(GateDefinition gate, ReadOnlySpan<int> qubits, ReadOnlySpan<SimpleGateCall.Literal> parameters)
    {
        if (parameters.IsEmpty && qubits.Length <= 2) return SharedGate(gate, qubits);
        if (parameters.Length == 1) return NewOperation(gate, qubits.ToArray(), SharedAngle(parameters[0].Value));
        var values = new ParameterExpression[parameters.Length];
        for (int i = 0; i < values.Length; i++) values[i] = parameters[i].Value;
        return NewOperation(gate, qubits.ToArray(), values);
    }
}
