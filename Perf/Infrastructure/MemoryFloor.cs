using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using QSim.Cpu;

namespace QSim.Perf.Infrastructure;

/// <summary>
/// The machine's floor for one pass over a state: a buffer of the state's size scaled in place (what
/// a gate pass does to memory: read and write every byte once) and copied to a second buffer. Figures
/// are reported against these, measured in the same run, so machine speed cancels.
/// </summary>
public sealed unsafe class MemoryFloor : IDisposable
{
    private readonly float* _buffer;
    private readonly float* _copy;
    private readonly long _floats;

    /// <summary>Allocates and touches two buffers of <paramref name="bytes"/> bytes, on huge pages like the CPU states.</summary>
    public MemoryFloor(long bytes)
    {
        Bytes = bytes;
        _floats = bytes / sizeof(float);
        _buffer = Allocate(bytes);
        _copy = Allocate(bytes);
        ForEachPart(Environment.ProcessorCount, (p, n) => new Span<float>(p, n).Fill(1f));
        CopyOnce(Environment.ProcessorCount);
    }

    /// <summary>Size of each buffer.</summary>
    public long Bytes { get; }

    /// <summary>
    /// Scales every float in place on <paramref name="threads"/> threads with plain 256-bit loads and stores:
    /// the bandwidth floor of a gate pass. (TensorPrimitives on an aliased span measured slower than our own
    /// gate passes at n = 20, so it was no floor.)
    /// </summary>
    public void ScaleInPlace(int threads) => ForEachPart(threads, static (p, n) =>
    {
        var factor = Vector256.Create(0.999f);
        int i = 0;
        for (; i + Vector256<float>.Count <= n; i += Vector256<float>.Count)
            (Vector256.Load(p + i) * factor).Store(p + i);
        for (; i < n; i++) p[i] *= 0.999f;
    });

    /// <summary>Copies the buffer to the second one on <paramref name="threads"/> threads.</summary>
    public void CopyOnce(int threads)
    {
        long offset = _copy - _buffer;
        ForEachPart(threads, (p, n) => new ReadOnlySpan<float>(p, n).CopyTo(new Span<float>(p + offset, n)));
    }

    private static float* Allocate(long bytes)
    {
        var buffer = NativeMemory.AlignedAlloc((nuint)bytes, 64);
        HugePages.Advise(buffer, (nuint)bytes);
        return (float*)buffer;
    }

    /// <summary>One contiguous part per thread, as the engine's worker pool splits a pass; parts are cut in chunks a span can index.</summary>
    private void ForEachPart(int threads, ChunkAction action)
    {
        const long maxChunk = 1 << 28;
        Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, part =>
        {
            long begin = _floats * part / threads / 16 * 16, end = part == threads - 1 ? _floats : _floats * (part + 1) / threads / 16 * 16;
            for (long start = begin; start < end; start += maxChunk)
                action(_buffer + start, (int)Math.Min(maxChunk, end - start));
        });
    }

    private delegate void ChunkAction(float* start, int count);

    public void Dispose()
    {
        NativeMemory.AlignedFree(_buffer);
        NativeMemory.AlignedFree(_copy);
    }
}
