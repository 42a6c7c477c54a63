using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using QSim.Cpu.Parallel;

namespace QSim.Cpu.Kernels;

/// <summary>
/// Exchanges pairs of qubits (index bits) in one pass: the amplitude at index i moves to the index with
/// each pair's bits exchanged. The pass works on units of 2^u consecutive amplitudes, the unit index being
/// i >> u. A "unit pair", whose lower qubit is u or above, only moves whole units. An "offset pair", whose
/// lower qubit is below u, exchanges a bit of the offset inside a unit with a bit of the unit index (or
/// with another offset bit).
/// <list type="bullet">
/// <item>Only unit pairs: u is the lowest swapped qubit, and each unit is swapped with its partner unit by
/// a plain memory copy (the optimizer's relabelling of high qubits).</item>
/// <item>Some offset pairs: u is <see cref="UnitBits"/>. The 2^s units that differ only in the offset pairs'
/// unit-index bits form a group whose amplitudes permute among themselves, and the unit pairs map a group
/// onto a partner group. Both groups are copied unit by unit into a scratch buffer (at most
/// 2·2^(2·UnitBits) amplitudes, 128 KiB of complex128, in L2) and written back through a gather table built once per pass, so
/// memory sees whole units however low the swapped qubits are (the relabelling of a brickwork circuit
/// moves qubits 0..6, which as single-amplitude chunks cost 20-70 copies of the state).</item>
/// </list>
/// </summary>
internal sealed unsafe class QubitSwapKernel(void* state, int amplitudeBytes) : IRangeJob
{
    /// <summary>
    /// log2 of the amplitudes in a unit when offset pairs are present: 512 bytes of complex64. At n = 24 units of
    /// 2^6 ran [0..6]↔[17..23] and [0,5,9]↔[20,22,23] 1.1-2x faster than units of 2^5 (longer runs per memory stream).
    /// </summary>
    private const int UnitBits = 6;

    /// <summary>At most UnitBits offset pairs reach the unit index, so a group holds at most this many amplitudes.</summary>
    private const int MaxGroupAmplitudes = 1 << (2 * UnitBits);

    private readonly byte* _state = (byte*)state;
    private readonly int[] _unitPairLow = new int[64];
    private readonly int[] _unitPairHigh = new int[64];
    private readonly int[] _groupBits = new int[UnitBits];
    private readonly long[] _memberUnits = new long[1 << UnitBits];
    private readonly int[] _gather = new int[MaxGroupAmplitudes];
    private int _unitPairs;
    private int _unitBits;
    private long _unitBytes;
    private bool _permutes;
    private int _groupBitCount;
    private int _members;

    /// <summary>Prepares the (validated, disjoint) pairs and returns the number of groups to visit.</summary>
    public long Prepare(int qubits, ReadOnlySpan<int> first, ReadOnlySpan<int> second)
    {
        int lowest = qubits;
        for (int i = 0; i < first.Length; i++) lowest = Math.Min(lowest, Math.Min(first[i], second[i]));
        _permutes = lowest < UnitBits;
        _unitBits = _permutes ? Math.Min(UnitBits, qubits) : lowest;
        // A unit within a segment of the layout is 2^u amplitudes; a larger one spans whole segments and their gaps, alike for every unit.
        _unitBytes = amplitudeBytes * (_unitBits <= StateLayout.SegmentBits ? 1L << _unitBits : StateLayout.Offset(1L << _unitBits));

        _unitPairs = 0;
        Span<int> crossLow = stackalloc int[UnitBits];
        Span<int> innerLow = stackalloc int[UnitBits];
        Span<int> innerHigh = stackalloc int[UnitBits];
        int groupBits = 0, innerPairs = 0;
        for (int i = 0; i < first.Length; i++)
        {
            int low = Math.Min(first[i], second[i]), high = Math.Max(first[i], second[i]);
            if (low >= _unitBits)
            {
                _unitPairLow[_unitPairs] = low - _unitBits;
                _unitPairHigh[_unitPairs++] = high - _unitBits;
            }
            else if (high >= _unitBits)
            {
                crossLow[groupBits] = low;
                _groupBits[groupBits++] = high - _unitBits;
            }
            else
            {
                innerLow[innerPairs] = low;
                innerHigh[innerPairs++] = high;
            }
        }
        // Spreading a group's ordinal inserts zeros at the group bits, lowest first.
        _groupBits.AsSpan(0, groupBits).Sort(crossLow[..groupBits]);
        _groupBitCount = groupBits;
        _members = 1 << groupBits;
        if (_permutes) BuildGroupTables(crossLow, innerLow[..innerPairs], innerHigh[..innerPairs]);
        return 1L << (qubits - _unitBits - groupBits);
    }

    /// <summary>
    /// Member h of a group is the unit with the group bits set as h's bits. Destination amplitude j = h·2^u + o
    /// takes source amplitude P(j) of the partner group: cross pair k exchanges h's bit k with o's bit at its
    /// lower qubit, and inner pairs exchange two bits of o. P is its own inverse, so one table serves both groups.
    /// </summary>
    private void BuildGroupTables(ReadOnlySpan<int> crossLow, ReadOnlySpan<int> innerLow, ReadOnlySpan<int> innerHigh)
    {
        int groupBits = _groupBitCount;
        int unit = 1 << _unitBits;
        for (int member = 0; member < _members; member++)
        {
            long units = 0;
            for (int k = 0; k < groupBits; k++) units |= (long)((member >> k) & 1) << _groupBits[k];
            _memberUnits[member] = units;
            for (int offset = 0; offset < unit; offset++)
            {
                int sourceMember = 0, sourceOffset = offset;
                for (int k = 0; k < groupBits; k++)
                {
                    sourceMember |= ((offset >> crossLow[k]) & 1) << k;
                    sourceOffset = (sourceOffset & ~(1 << crossLow[k])) | (((member >> k) & 1) << crossLow[k]);
                }
                for (int p = 0; p < innerLow.Length; p++)
                {
                    if ((((offset >> innerLow[p]) ^ (offset >> innerHigh[p])) & 1) != 0) sourceOffset ^= (1 << innerLow[p]) | (1 << innerHigh[p]);
                }
                _gather[member * unit + offset] = ((sourceMember << _unitBits) | sourceOffset) * amplitudeBytes;
            }
        }
    }

    public void Execute(long begin, long end)
    {
        if (_permutes) PermuteGroups(begin, end);
        else SwapUnits(begin, end);
    }

    private void SwapUnits(long begin, long end)
    {
        for (long unit = begin; unit < end; unit++)
        {
            long partner = Partner(unit);
            // Each pair of units is swapped once, by whichever thread owns the lower one.
            if (partner > unit) SwapBytes(UnitAddress(unit), UnitAddress(partner), _unitBytes);
        }
    }

    [SkipLocalsInit]
    private void PermuteGroups(long begin, long end)
    {
        // SAFETY: two groups of at most MaxGroupAmplitudes amplitudes of at most 16 bytes (128 KiB), once per range,
        // well inside a thread's stack; every byte is copied in before the gather reads it.
        long groupBytes = _members * _unitBytes;
        byte* scratch = stackalloc byte[(int)(2 * groupBytes)];
        byte* partnerScratch = scratch + groupBytes;
        fixed (int* gather = _gather)
        {
            for (long ordinal = begin; ordinal < end; ordinal++)
            {
                long group = Spread(ordinal);
                long partner = Partner(group);
                // Each pair of groups is rewritten once, by whichever thread owns the lower one.
                if (partner < group) continue;
                CopyIn(group, scratch);
                if (partner == group)
                {
                    Gather(group, scratch, gather);
                    continue;
                }
                CopyIn(partner, partnerScratch);
                Gather(group, partnerScratch, gather);
                Gather(partner, scratch, gather);
            }
        }
    }

    /// <summary>The lowest unit of a group: <paramref name="ordinal"/> with zeros inserted at the group bits.</summary>
    private long Spread(long ordinal)
    {
        for (int k = 0; k < _groupBitCount; k++)
        {
            int bit = _groupBits[k];
            ordinal = ((ordinal >> bit) << (bit + 1)) | (ordinal & ((1L << bit) - 1));
        }
        return ordinal;
    }

    private long Partner(long unit)
    {
        long partner = unit;
        for (int i = 0; i < _unitPairs; i++)
        {
            int a = _unitPairLow[i], b = _unitPairHigh[i];
            if ((((unit >> a) ^ (unit >> b)) & 1) != 0) partner ^= (1L << a) | (1L << b);
        }
        return partner;
    }

    private byte* UnitAddress(long unit) => _state + StateLayout.Offset(unit << _unitBits) * amplitudeBytes;

    private void CopyIn(long group, byte* scratch)
    {
        for (int member = 0; member < _members; member++)
            Buffer.MemoryCopy(UnitAddress(group | _memberUnits[member]), scratch + member * _unitBytes, _unitBytes, _unitBytes);
    }

    private void Gather(long group, byte* source, int* gather)
    {
        if (amplitudeBytes == sizeof(ulong)) Gather<ulong>(group, source, gather);
        else Gather<Vector128<ulong>>(group, source, gather);
    }

    /// <summary>Writes <paramref name="group"/> unit by unit from the scratch copy of its partner; <typeparamref name="TAmplitude"/> is an amplitude's bytes.</summary>
    private void Gather<TAmplitude>(long group, byte* source, int* gather) where TAmplitude : unmanaged
    {
        int unit = 1 << _unitBits;
        for (int member = 0; member < _members; member++, gather += unit)
        {
            var destination = (TAmplitude*)UnitAddress(group | _memberUnits[member]);
            for (int offset = 0; offset < unit; offset++) destination[offset] = *(TAmplitude*)(source + gather[offset]);
        }
    }

    private static void SwapBytes(byte* p, byte* q, long bytes)
    {
        long i = 0;
        for (; i + 32 <= bytes; i += 32)
        {
            var a = Vector256.Load(p + i);
            var b = Vector256.Load(q + i);
            a.Store(q + i);
            b.Store(p + i);
        }
        // Amplitudes are 8 or 16 bytes, so a tail is whole ulongs.
        for (; i < bytes; i += 8) (*(ulong*)(p + i), *(ulong*)(q + i)) = (*(ulong*)(q + i), *(ulong*)(p + i));
    }
}
