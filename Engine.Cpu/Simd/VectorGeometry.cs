using System.Numerics;
using System.Runtime.CompilerServices;

namespace QSim.Cpu.Simd;

/// <summary>
/// Where the amplitudes of a gate's qubits sit for SIMD passes of one width and precision. Qubits below
/// <see cref="LowQubits"/> are lanes of one vector; the others select vectors. A gate's <i>extended</i> targets
/// (low controls folded in first, then its targets; bit m of a matrix index is extended target m) split into
/// high ones, whose bits number the vectors of a group, and low ones, whose bits are flipped inside a vector.
/// </summary>
internal static unsafe class VectorGeometry<TVec, TOps> where TVec : unmanaged where TOps : IComplexVectorOps<TVec>
{
    /// <summary>Qubits whose amplitudes share one vector.</summary>
    public static int LowQubits => BitOperations.Log2((uint)TOps.ComplexCount);

    /// <summary>Bytes from the state's start to vector <paramref name="vectorIndex"/>, across the layout's segment gaps.</summary>
    /// <remarks>Linear in the index's bits: offsets of vector indices with disjoint bits add up, so a group's base address plus a target offset never crosses a gap wrongly.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long ByteOffset(long vectorIndex) =>
        vectorIndex * sizeof(TVec) + (vectorIndex >> (StateLayout.SegmentBits - LowQubits)) * StateLayout.GapAmplitudes * 2 * TOps.ScalarSize;

    /// <summary>Offset, in vectors, of vector <paramref name="o"/> of a group: its bits are the high extended targets.</summary>
    public static long VectorOffset(ReadOnlySpan<int> extended, int o)
    {
        long offset = 0;
        int bit = 0;
        foreach (int q in extended)
        {
            if (q < LowQubits) continue;
            if (((o >> bit++) & 1) != 0) offset |= 1L << (q - LowQubits);
        }
        return offset;
    }

    /// <summary>Index into the extended matrix of lane <paramref name="lane"/> of group vector <paramref name="o"/>.</summary>
    public static int ExtendedIndex(ReadOnlySpan<int> extended, int o, int lane)
    {
        int index = 0, highBit = 0;
        for (int m = 0; m < extended.Length; m++)
        {
            int q = extended[m];
            int bit = q < LowQubits ? (lane >> q) & 1 : (o >> highBit++) & 1;
            index |= bit << m;
        }
        return index;
    }

    /// <summary>Lanes (complex units) whose low extended-target bits are flipped by pattern <paramref name="p"/>.</summary>
    public static int LaneFlips(ReadOnlySpan<int> extended, int p)
    {
        int flips = 0, lowBit = 0;
        foreach (int q in extended)
        {
            if (q >= LowQubits) continue;
            if (((p >> lowBit++) & 1) != 0) flips |= 1 << q;
        }
        return flips;
    }

    /// <summary>The 32-bit-lane indices for <see cref="IComplexVectorOps{TVec}.Permute"/> that bring each complex lane j lane j ⊕ <paramref name="flips"/>.</summary>
    public static TVec FlipIndices(int flips)
    {
        TVec indices = default;
        int* words = (int*)&indices;
        int wordsPerComplex = 2 * TOps.ScalarSize / 4;
        for (int lane = 0; lane < TOps.ComplexCount; lane++)
            for (int w = 0; w < wordsPerComplex; w++)
                words[lane * wordsPerComplex + w] = (lane ^ flips) * wordsPerComplex + w;
        return indices;
    }

    /// <summary>
    /// Writes lane <paramref name="lane"/> of a lane-wise complex coefficient: (re, re) into <paramref name="pair"/>[0] and
    /// (−im, im) into <paramref name="pair"/>[1], so that c·v = pair[0]⊙v + pair[1]⊙swapReIm(v).
    /// </summary>
    public static void WriteCoefficient(TVec* pair, int lane, Complex value)
    {
        TOps.WriteScalar(pair, 2 * lane, value.Real);
        TOps.WriteScalar(pair, 2 * lane + 1, value.Real);
        TOps.WriteScalar(pair + 1, 2 * lane, -value.Imaginary);
        TOps.WriteScalar(pair + 1, 2 * lane + 1, value.Imaginary);
    }

    /// <summary>
    /// Lane <paramref name="lane"/>'s sum of conj(x)·y from the accumulators of x⊙y (<paramref name="re"/>: the lane's
    /// pair added) and x⊙swapReIm(y) (<paramref name="im"/>: the pair subtracted), as the read-only passes keep them.
    /// </summary>
    public static Complex LaneOverlap(TVec* re, TVec* im, int lane) => new(
        TOps.ReadScalar(re, 2 * lane) + TOps.ReadScalar(re, 2 * lane + 1),
        TOps.ReadScalar(im, 2 * lane) - TOps.ReadScalar(im, 2 * lane + 1));
}
