using System.Collections.Concurrent;
using QSim.Circuits;
using QSim.Gates;
using QSim.Parameters;

namespace QSim.Qasm.Semantics;

/// <summary>
/// Gate modifiers on library gates, keeping the circuit made of library rows: the inverse of a
/// rotation is the same rotation with negated angles (not an anonymous adjoint), and a controlled
/// gate is the library's own row when it has one (<c>ctrl @ x</c> is <c>cx</c>).
/// </summary>
public static class GateAlgebra
{
    private static readonly ConcurrentDictionary<(GateDefinition Target, int Controls), GateDefinition> ControlledCache = new();

    private static readonly HashSet<string> NegatedAngleGates = new(StringComparer.Ordinal)
    {
        "rx", "ry", "rz", "p", "rxx", "ryy", "rzz", "rzx", "gphase", "u0", "fsim",
    };

    /// <summary>
    /// <paramref name="gate"/> with <paramref name="controls"/> more controls in front: the library row
    /// when one matches (same target, same control count), else one shared instance per (target, count).
    /// </summary>
    public static GateDefinition Controlled(GateDefinition gate, int controls)
    {
        if (controls == 0) return gate;
        var target = gate.Target ?? gate;
        int total = gate.ControlCount + controls;
        return ControlledCache.GetOrAdd((target, total), key =>
            GateLibrary.All.Values.FirstOrDefault(g => ReferenceEquals(g.Target, key.Target) && g.ControlCount == key.Controls)
            ?? key.Target.Controlled(key.Controls));
    }

    /// <summary>The inverse of a gate operation, on the same qubits.</summary>
    public static GateOperation Invert(GateOperation operation)
    {
        var (gate, parameters) = Invert(operation.Gate, [.. operation.Parameters]);
        return new GateOperation(gate, operation.Qubits, [.. parameters]);
    }

    private static (GateDefinition Gate, ParameterExpression[] Parameters) Invert(GateDefinition gate, ParameterExpression[] p)
    {
        if (gate.ControlCount > 0)
        {
            var (target, targetParameters) = Invert(gate.Target!, p);
            return (Controlled(target, gate.ControlCount), targetParameters);
        }
        return gate.Name switch
        {
            _ when NegatedAngleGates.Contains(gate.Name) => (gate, [.. p.Select(x => -x)]),
            "u3" => (gate, [-p[0], -p[2], -p[1]]),
            "u2" => (GateLibrary.U3, [-Math.PI / 2, -p[1], -p[0]]),
            "cu_target" => (gate, [-p[0], -p[2], -p[1], -p[3]]),
            _ => (gate.Inverse(), p),
        };
    }
}
