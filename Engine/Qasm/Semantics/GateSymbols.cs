using QSim.Gates;
using QSim.Qasm.Parsing;

namespace QSim.Qasm.Semantics;

/// <summary>A gate name in scope: a library row (from an include or a builtin) or a definition in the source.</summary>
internal abstract record GateSymbol(int ParameterCount, int QubitCount);

/// <summary>A gate of the library, applied as one operation.</summary>
internal sealed record LibraryGateSymbol(GateDefinition Definition) : GateSymbol(Definition.ParameterCount, Definition.QubitCount);

/// <summary>
/// A <c>gate</c> defined in the source (expanded inline at each call) or an <c>opaque</c> declaration.
/// <see cref="HasErrors"/> marks a definition whose body was already reported, so calls add nothing more.
/// </summary>
/// <param name="Syntax">The definition.</param>
/// <param name="HasErrors">Its body had errors (reported at the definition).</param>
/// <param name="OperationCount">How many operations one call expands to.</param>
/// <param name="Nesting">Levels of definitions a call expands through, itself included.</param>
internal sealed record DefinedGateSymbol(GateDefinitionSyntax Syntax, bool HasErrors, long OperationCount, int Nesting)
    : GateSymbol(Syntax.Parameters.Count, Syntax.Qubits.Count)
{
    /// <summary>Position of each parameter name (names are distinct).</summary>
    public IReadOnlyDictionary<string, int> ParameterIndex { get; } = IndexOf(Syntax.Parameters);

    /// <summary>Position of each qubit argument name (names are distinct).</summary>
    public IReadOnlyDictionary<string, int> QubitIndex { get; } = IndexOf(Syntax.Qubits);

    private static Dictionary<string, int> IndexOf(IReadOnlyList<IdentifierSyntax> names) =>
        names.Select((n, i) => (n.Name, i)).ToDictionary(p => p.Name, p => p.i, StringComparer.Ordinal);
}

/// <summary>A declared register and where it was declared.</summary>
internal sealed record RegisterSymbol(QSim.Circuits.Register Register, RegisterKind Kind, SourceSpan Span);
