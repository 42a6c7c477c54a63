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
internal sealed record DefinedGateSymbol(GateDefinitionSyntax Syntax, bool HasErrors) : GateSymbol(Syntax.Parameters.Count, Syntax.Qubits.Count);

/// <summary>A declared register and where it was declared.</summary>
internal sealed record RegisterSymbol(QSim.Circuits.Register Register, RegisterKind Kind, SourceSpan Span);
