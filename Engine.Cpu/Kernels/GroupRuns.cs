using System.Numerics;
using System.Runtime.CompilerServices;
using QSim.Cpu.Simd;

namespace QSim.Cpu.Kernels;

/// <summary>
/// The groups of a SIMD pass, walked in <i>runs</i>: the positions below the skeleton's lowest free position are
/// fixed, so consecutive groups are 2^stride vectors apart until a carry reaches the next fixed position (or the
/// layout's next segment). A loop over a run steps a byte offset; <see cref="IndexSkeleton.Next"/> and the layout's
/// address arithmetic run once per run, not once per group (per group they cost a gate on the first qubit above the
/// vector 438 against 260 µs at n = 20).
/// </summary>
internal readonly unsafe struct GroupRuns<TVec, TOps> where TVec : unmanaged where TOps : IComplexVectorOps<TVec>
{
    private readonly long _fixedMask, _onesMask, _runGroups;
    private readonly int _strideBits;

    /// <summary>Runs of the groups of <paramref name="skeleton"/> (vector positions).</summary>
    public GroupRuns(in IndexSkeleton skeleton)
    {
        _fixedMask = skeleton.FixedMask;
        _onesMask = skeleton.OnesMask;
        _strideBits = BitOperations.TrailingZeroCount(~_fixedMask);
        long fixedAbove = _fixedMask >> _strideBits;
        int segmentVectorBits = StateLayout.SegmentBits - VectorGeometry<TVec, TOps>.LowQubits;
        int runTop = Math.Min(fixedAbove == 0 ? 64 : _strideBits + BitOperations.TrailingZeroCount(fixedAbove), segmentVectorBits);
        _runGroups = runTop > _strideBits ? 1L << (runTop - _strideBits) : 1;
    }

    /// <summary>Bytes from one group of a run to the next.</summary>
    public long StrideBytes => (long)sizeof(TVec) << _strideBits;

    /// <summary><paramref name="groups"/> groups from base vector <paramref name="first"/>, run by run (use with foreach).</summary>
    public Enumerator From(long first, long groups) => new(this, first, groups);

    /// <summary>One run: the byte offsets of its first group and just past its last (from the state's start).</summary>
    public readonly record struct Run(long Start, long End);

    public struct Enumerator(GroupRuns<TVec, TOps> runs, long first, long groups)
    {
        private long _next = first, _left = groups;

        public Run Current { get; private set; }

        public readonly Enumerator GetEnumerator() => this;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public bool MoveNext()
        {
            if (_left <= 0) return false;
            long length = Math.Min(runs._runGroups - ((_next >> runs._strideBits) & (runs._runGroups - 1)), _left);
            long start = VectorGeometry<TVec, TOps>.ByteOffset(_next);
            Current = new Run(start, start + length * runs.StrideBytes);
            _left -= length;
            _next = IndexSkeleton.Next(_next + ((length - 1) << runs._strideBits), runs._fixedMask, runs._onesMask);
            return true;
        }
    }
}
