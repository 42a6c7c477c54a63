using System.Runtime.Intrinsics;
using QSim.Cpu.Parallel;

namespace QSim.Cpu.Kernels;

/// <summary>
/// Exchanges pairs of qubits (index bits) in one pass: the amplitude at index i moves to the index with
/// each pair's bits exchanged. Below the lowest swapped qubit c, amplitudes move together, so the
/// pass swaps chunks of 2^c consecutive amplitudes: a plain memory copy when the swapped qubits are
/// high, as the optimizer's relabelling chooses them.
/// </summary>
internal sealed unsafe class QubitSwapKernel(void* state, int amplitudeBytes) : IRangeJob
{
    private readonly byte* _state = (byte*)state;
    private readonly int[] _first = new int[64];
    private readonly int[] _second = new int[64];
    private int _pairs;
    private int _chunkBits;
    private long _chunkBytes;

    /// <summary>Prepares the (validated, disjoint) pairs and returns the number of chunks to visit.</summary>
    public long Prepare(int qubits, ReadOnlySpan<int> first, ReadOnlySpan<int> second)
    {
        int lowest = qubits;
        foreach (int q in first) lowest = Math.Min(lowest, q);
        foreach (int q in second) lowest = Math.Min(lowest, q);
        _pairs = first.Length;
        for (int i = 0; i < _pairs; i++)
        {
            _first[i] = first[i] - lowest;
            _second[i] = second[i] - lowest;
        }
        _chunkBits = lowest;
        // A chunk within a segment of the layout is 2^c amplitudes; a larger one spans whole segments and their gaps, alike for every chunk.
        _chunkBytes = amplitudeBytes * (lowest <= StateLayout.SegmentBits ? 1L << lowest : StateLayout.Offset(1L << lowest));
        return 1L << (qubits - lowest);
    }

    public void Execute(long begin, long end)
    {
        for (long chunk = begin; chunk < end; chunk++)
        {
            long partner = Partner(chunk);
            // Each pair of chunks is swapped once, by whichever thread owns the lower one.
            if (partner > chunk) SwapChunks(Address(chunk), Address(partner), _chunkBytes);
        }
    }

    private byte* Address(long chunk) => _state + StateLayout.Offset(chunk << _chunkBits) * amplitudeBytes;

    private long Partner(long chunk)
    {
        long partner = chunk;
        for (int i = 0; i < _pairs; i++)
        {
            int a = _first[i], b = _second[i];
            if ((((chunk >> a) ^ (chunk >> b)) & 1) != 0) partner ^= (1L << a) | (1L << b);
        }
        return partner;
    }

    private static void SwapChunks(byte* p, byte* q, long bytes)
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
