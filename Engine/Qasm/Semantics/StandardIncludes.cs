using QSim.Gates;

namespace QSim.Qasm.Semantics;

/// <summary>
/// The standard include files, served from the gate library instead of the disk: Qiskit's
/// <c>qelib1.inc</c> for OpenQASM 2 and <c>stdgates.inc</c> for OpenQASM 3. Each name maps to the
/// library row with the same matrix (the corpus README explains why Qiskit's file is the reference).
/// </summary>
public static class StandardIncludes
{
    /// <summary>Every gate of Qiskit's qelib1.inc.</summary>
    public static IReadOnlyList<string> Qelib1Names { get; } =
    [
        "u3", "u2", "u1", "cx", "id", "u0", "u", "p", "x", "y", "z", "h", "s", "sdg", "t", "tdg", "rx", "ry", "rz",
        "sx", "sxdg", "cz", "cy", "swap", "ch", "ccx", "cswap", "crx", "cry", "crz", "cu1", "cp", "cu3", "csx", "cu",
        "rxx", "rzz", "rccx", "rc3x", "c3x", "c3sqrtx", "c4x",
    ];

    /// <summary>Every gate of OpenQASM 3's stdgates.inc.</summary>
    public static IReadOnlyList<string> StdgatesNames { get; } =
    [
        "p", "x", "y", "z", "h", "s", "sdg", "t", "tdg", "sx", "rx", "ry", "rz", "cx", "cy", "cz", "cp", "crx", "cry",
        "crz", "ch", "swap", "ccx", "cswap", "cu", "CX", "phase", "cphase", "id", "u1", "u2", "u3",
    ];

    /// <summary>The gates an include file of that name provides, or null when it is not a standard one.</summary>
    public static IReadOnlyDictionary<string, GateDefinition>? Find(string fileName) => fileName switch
    {
        "qelib1.inc" => Qelib1,
        "stdgates.inc" => Stdgates,
        _ => null,
    };

    private static readonly Dictionary<string, GateDefinition> Qelib1 = Resolve(Qelib1Names);
    private static readonly Dictionary<string, GateDefinition> Stdgates = Resolve(StdgatesNames);

    private static Dictionary<string, GateDefinition> Resolve(IReadOnlyList<string> names) =>
        names.ToDictionary(n => n, n => GateLibrary.Find(n) ?? throw new InvalidOperationException($"The gate library has no '{n}'."), StringComparer.Ordinal);
}
