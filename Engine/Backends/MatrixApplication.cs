using System.Collections.Immutable;
using System.Numerics;

namespace QSim.Backends;

/// <summary>
/// One matrix of a run handed to <see cref="IBlockedSweepState.ApplySweep"/>: a dense 2^k × 2^k matrix
/// (row-major) or a 2^k diagonal on <see cref="Targets"/>, where every qubit of <see cref="Controls"/> is 1.
/// The matrix array is shared, not copied: a plan that rebinds its parameters rewrites it in place.
/// </summary>
public readonly record struct MatrixApplication(ImmutableArray<int> Targets, ImmutableArray<int> Controls, Complex[] Matrix, bool IsDiagonal)
{
    /// <summary>Applies this matrix on its own (one pass over the state).</summary>
    public void ApplyTo(IStateVector state)
    {
        if (IsDiagonal) state.ApplyDiagonal(Targets.AsSpan(), Matrix, Controls.AsSpan());
        else state.ApplyMatrix(Targets.AsSpan(), Matrix, Controls.AsSpan());
    }

    /// <summary>The highest qubit it touches, targets and controls included (-1 for none).</summary>
    public int HighestQubit
    {
        get
        {
            int highest = -1;
            foreach (int q in Targets) highest = Math.Max(highest, q);
            foreach (int q in Controls) highest = Math.Max(highest, q);
            return highest;
        }
    }
}
