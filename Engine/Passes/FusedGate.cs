using System.Collections.Immutable;
using QSim.Circuits;
using QSim.Gates;
using QSim.Numerics;

namespace QSim.Passes;

/// <summary>
/// One gate standing for a sequence of gates on a set of qubits: its parameters are all of theirs,
/// still symbolic, and its matrix is their product, recomputed from them on every binding.
/// </summary>
internal static class FusedGate
{
    /// <summary>The product of <paramref name="gates"/> (in circuit order) as one gate on <paramref name="qubits"/>, which must cover theirs.</summary>
    public static GateOperation Of(IReadOnlyList<GateOperation> gates, ImmutableArray<int> qubits)
    {
        var parts = gates.Select(g => new Part(g.Gate, g.Qubits.Select(q => qubits.IndexOf(q)).ToArray(), g.Parameters.Length)).ToArray();
        string name = "fused(" + string.Join(",", gates.Select(g => g.Gate.Name)) + ")";
        string[] parameterNames = gates.SelectMany((g, i) => g.Gate.ParameterNames.Select(p => $"{p}{i}")).ToArray();
        var flags = gates.All(g => g.Gate.IsDiagonal) ? GateFlags.Diagonal : GateFlags.None;
        var definition = new GateDefinition(name, qubits.Length, parameterNames, p => Product(parts, p, qubits.Length), flags: flags);
        return new GateOperation(definition, qubits, [.. gates.SelectMany(g => g.Parameters)]);
    }

    private static ComplexMatrix Product(Part[] parts, ReadOnlySpan<double> parameters, int qubits)
    {
        ComplexMatrix product = ComplexMatrix.Identity(1 << qubits);
        int offset = 0;
        foreach (var part in parts)
        {
            var matrix = part.Gate.Matrix(parameters.Slice(offset, part.ParameterCount));
            product = GateLibrary.Embed(matrix, part.LocalQubits, qubits) * product;
            offset += part.ParameterCount;
        }
        return product;
    }

    private sealed record Part(GateDefinition Gate, int[] LocalQubits, int ParameterCount);
}
