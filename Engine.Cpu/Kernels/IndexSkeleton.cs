using System.Runtime.CompilerServices;

namespace QSim.Cpu.Kernels;

/// <summary>
/// Turns a loop counter into the base index of one group of amplitudes (or vectors) that a gate mixes:
/// the counter's bits are spread over the positions not fixed by the gate, fixed target positions are 0,
/// control positions are 1. One skeleton for every kernel shape (1, 2 or k targets, any controls).
/// </summary>
internal struct IndexSkeleton
{
    private readonly int[] _fixedPositions;
    private int _fixedCount;

    public IndexSkeleton(int capacity) => _fixedPositions = new int[capacity];

    /// <summary>Bits set in every base index (the controls).</summary>
    public long OnesMask { get; private set; }

    /// <summary>Every fixed position (targets and controls).</summary>
    public long FixedMask { get; private set; }

    /// <summary>Number of positions the gate fixes.</summary>
    public int FixedCount => _fixedCount;

    /// <summary>Starts a new shape.</summary>
    public void Clear()
    {
        _fixedCount = 0;
        OnesMask = 0;
        FixedMask = 0;
    }

    /// <summary>Fixes <paramref name="position"/> to 0 (a target) or 1 (a control).</summary>
    public void Fix(int position, bool one)
    {
        int i = _fixedCount++;
        // Insertion keeps the positions sorted ascending, which InsertZeros relies on.
        while (i > 0 && _fixedPositions[i - 1] > position)
        {
            _fixedPositions[i] = _fixedPositions[i - 1];
            i--;
        }
        _fixedPositions[i] = position;
        FixedMask |= 1L << position;
        if (one) OnesMask |= 1L << position;
    }

    /// <summary>The base index of group <paramref name="counter"/>.</summary>
    public readonly long BaseIndex(long counter)
    {
        for (int k = 0; k < _fixedCount; k++)
        {
            int p = _fixedPositions[k];
            long low = counter & ((1L << p) - 1);
            counter = ((counter >> p) << (p + 1)) | low;
        }
        return counter | OnesMask;
    }

    /// <summary>The base index after <paramref name="index"/>: step over the fixed bits, then set the controls again (cheaper than <see cref="BaseIndex"/> in a loop).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long Next(long index, long fixedMask, long onesMask) => (((index | fixedMask) + 1) & ~fixedMask) | onesMask;

    /// <summary>
    /// For each local index r of a k-target gate, the amplitude offset that spreads r's bits over the
    /// targets (bit j of r is target j, the little-endian order of the gate's own matrix).
    /// </summary>
    public static void TargetOffsets(ReadOnlySpan<int> targets, Span<long> offsets)
    {
        for (int r = 0; r < 1 << targets.Length; r++)
        {
            long offset = 0;
            for (int j = 0; j < targets.Length; j++)
                if (((r >> j) & 1) != 0) offset |= 1L << targets[j];
            offsets[r] = offset;
        }
    }
}
