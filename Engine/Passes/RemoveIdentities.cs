using QSim.Circuits;
using QSim.Numerics;

namespace QSim.Passes;

/// <summary>Drops gates whose matrix is exactly the identity (id, u0, rx(0), p(0), …); a global phase is kept.</summary>
public sealed class RemoveIdentities : SegmentPass
{
    /// <summary>Largest element-wise distance to the identity that still counts as the identity.</summary>
    public const double Tolerance = 1e-12;

    /// <inheritdoc/>
    public override string Name => "remove-identities";

    /// <inheritdoc/>
    protected override IEnumerable<GateOperation> Rewrite(IReadOnlyList<GateOperation> segment) => segment.Where(g => !IsIdentity(g));

    private static bool IsIdentity(GateOperation gate)
    {
        if (gate.IsParameterized) return false;
        var matrix = gate.Matrix(Parameters.ParameterBinding.Empty);
        return matrix.MaxDistance(ComplexMatrix.Identity(matrix.Dimension)) <= Tolerance;
    }
}
