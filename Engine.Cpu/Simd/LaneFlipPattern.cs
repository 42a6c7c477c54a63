using System.Runtime.CompilerServices;

namespace QSim.Cpu.Simd;

/// <summary>
/// A lane-flip pattern (the <c>flips</c> of <see cref="IComplexVectorOps{TVec}.FlipLanes"/>) fixed when the JIT compiles a
/// loop. With the pattern a constant, FlipLanes folds to one immediate shuffle; with it a field, every call branches on
/// it, and a 2-qubit gate on qubits 0-1 (three flips per vector) ran 1.8x slower in cache and at 1.41x instead of 1.15x
/// the in-place floor at n = 26 (AVX2 complex64, 1 thread, one interleaved run).
/// </summary>
internal interface ILaneFlipPattern
{
    /// <summary>The flip mask over complex lanes, or -1 for "whatever the index table says".</summary>
    static abstract int Flips { get; }
}

/// <summary>No lane moves: a pairing whose flips lie above the lanes (FlipLanes does not know it; <see cref="LaneFlip{TVec, TOps}.Apply{TFlip}"/> does).</summary>
internal readonly struct NoLaneFlip : ILaneFlipPattern
{
    public static int Flips => 0;
}

/// <summary>Qubit 0's partner lanes: neighbouring complex numbers.</summary>
internal readonly struct FlipQubit0 : ILaneFlipPattern
{
    public const int Mask = 1;
    public static int Flips => Mask;
}

/// <summary>Qubit 1's partner lanes: pairs two complex numbers apart (the 128-bit halves of AVX2 complex64).</summary>
internal readonly struct FlipQubit1 : ILaneFlipPattern
{
    public const int Mask = 2;
    public static int Flips => Mask;
}

/// <summary>Any pattern, through the permutation's index table.</summary>
internal readonly struct FlipByTable : ILaneFlipPattern
{
    public static int Flips => -1;
}

/// <summary>Flips lanes by a pattern fixed at JIT time, <see cref="NoLaneFlip"/> included: for loops that take any pattern.</summary>
internal static class LaneFlip<TVec, TOps> where TVec : unmanaged where TOps : IComplexVectorOps<TVec>
{
    /// <summary><paramref name="value"/> with its lanes flipped by <typeparamref name="TFlip"/> (the table <paramref name="indices"/> when it has no constant).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVec Apply<TFlip>(TVec value, TVec indices) where TFlip : ILaneFlipPattern =>
        TFlip.Flips == 0 ? value : TOps.FlipLanes(value, TFlip.Flips, indices);
}
