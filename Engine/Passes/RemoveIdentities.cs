using System.Numerics;
using QSim.Circuits;
using QSim.Gates;

namespace QSim.Passes;

/// <summary>Drops gates whose matrix is exactly the identity (id, u0, rx(0), p(0), …); a global phase is kept.</summary>
public sealed class RemoveIdentities : SegmentPass
{
    /// <summary>Largest element-wise distance to the identity that still counts as the identity.</summary>
    public const double Tolerance = 1e-12;

    /// <summary>Largest matrix (elements) checked in a buffer on the stack.</summary>
    private const int StackElements = 64;

    /// <inheritdoc/>
    public override string Name => "remove-identities";

    /// <inheritdoc/>
    protected override IEnumerable<GateOperation> Rewrite(IReadOnlyList<GateOperation> segment)
    {
        // A parameter-free gate's answer depends on its definition alone: each is checked once per run.
        var fixedGates = new Dictionary<GateDefinition, bool>(ReferenceEqualityComparer.Instance);
        var kept = new List<GateOperation>(segment.Count);
        foreach (var gate in segment)
        {
            bool identity;
            if (gate.Parameters.IsEmpty)
            {
                if (!fixedGates.TryGetValue(gate.Gate, out identity)) fixedGates[gate.Gate] = identity = IsIdentity(gate);
            }
            else identity = !gate.IsParameterized && IsIdentity(gate);
            if (!identity) kept.Add(gate);
        }
        return kept;
    }

    /// <summary>True when the (parameter-free) gate's matrix is within <see cref="Tolerance"/> of the identity, element by element.</summary>
    private static bool IsIdentity(GateOperation gate)
    {
        var definition = gate.Gate;
        Span<double> values = gate.Parameters.Length <= 8 ? stackalloc double[gate.Parameters.Length] : new double[gate.Parameters.Length];
        for (int j = 0; j < values.Length; j++) gate.Parameters[j].TryGetConstant(out values[j]);
        int dimension = definition.Dimension, elements = dimension * dimension;
        Span<Complex> matrix = elements <= StackElements ? stackalloc Complex[elements] : new Complex[elements];
        definition.WriteMatrix(values, matrix);
        for (int row = 0; row < dimension; row++)
            for (int column = 0; column < dimension; column++)
            {
                var identity = row == column ? Complex.One : Complex.Zero;
                if (!(Complex.Abs(matrix[row * dimension + column] - identity) <= Tolerance)) return false;
            }
        return true;
    }
}
