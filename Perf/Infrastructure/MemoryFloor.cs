using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace QSim.Perf.Infrastructure;

/// <summary>
/// The machine's floor for one pass over a state: a buffer of the state's size scaled in place (what
/// a gate pass does to memory: read and write every byte once) and copied to a second buffer. Gate
/// benchmarks report their time against these, measured in the same run, so machine speed cancels.
/// </summary>
public sealed unsafe class MemoryFloor : IDisposable
{
    private readonly float* _buffer;
    private readonly float* _copy;
    private readonly long _floats;
    private readonly int _threads;

    /// <summary>Allocates (and touches) buffers of <paramref name="bytes"/> bytes.</summary>
    public MemoryFloor(long bytes, int threads, bool withCopy)
    {
        _floats = bytes / sizeof(float);
        _threads = threads;
        _buffer = (float*)NativeMemory.AlignedAlloc((nuint)bytes, 64);
        _copy = withCopy ? (float*)NativeMemory.AlignedAlloc((nuint)bytes, 64) : null;
        ForEachChunk((p, n) => new Span<float>(p, n).Fill(1f));
        if (withCopy) CopyOnce();
    }

    /// <summary>Scales every float in place with plain 256-bit loads and stores: the bandwidth floor of a gate pass.</summary>
    public void ScaleInPlace() => ForEachChunk(static (p, n) =>
    {
        var factor = Vector256.Create(0.999f);
        int i = 0;
        for (; i + Vector256<float>.Count <= n; i += Vector256<float>.Count)
            (Vector256.Load(p + i) * factor).Store(p + i);
        for (; i < n; i++) p[i] *= 0.999f;
    });

    /// <summary>Copies the buffer to a second one.</summary>
    public void CopyOnce()
    {
        long offset = (long)(_copy - _buffer);
        ForEachChunk((p, n) => new ReadOnlySpan<float>(p, n).CopyTo(new Span<float>(p + offset, n)));
    }

    /// <summary>One contiguous part per thread, as the engine's worker pool splits a pass; parts are cut in chunks a span can index.</summary>
    private void ForEachChunk(ChunkAction action)
    {
        const long chunk = 1 << 28;
        System.Threading.Tasks.Parallel.For(0, _threads, new ParallelOptions { MaxDegreeOfParallelism = _threads }, part =>
        {
            long begin = _floats * part / _threads, end = _floats * (part + 1) / _threads;
            for (long start = begin; start < end; start += chunk)
                action(_buffer + start, (int)Math.Min(chunk, end - start));
        });
    }

    private delegate void ChunkAction(float* start, int count);

    public void Dispose()
    {
        NativeMemory.AlignedFree(_buffer);
        NativeMemory.AlignedFree(_copy);
    }
}
