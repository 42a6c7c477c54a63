using System.Numerics.Tensors;
using System.Runtime.InteropServices;
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
        ForEachChunk(Environment.ProcessorCount, (p, n) => new Span<float>(p, n).Fill(1f));
        CopyOnce(Environment.ProcessorCount);
    }

    /// <summary>Size of each buffer.</summary>
    public long Bytes { get; }

    /// <summary>Scales every float in place on <paramref name="threads"/> threads: the bandwidth floor of a gate pass.</summary>
    public void ScaleInPlace(int threads) =>
        ForEachChunk(threads, (p, n) => TensorPrimitives.Multiply(new ReadOnlySpan<float>(p, n), 0.999f, new Span<float>(p, n)));

    /// <summary>Copies the buffer to the second one on <paramref name="threads"/> threads.</summary>
    public void CopyOnce(int threads)
    {
        long offset = _copy - _buffer;
        ForEachChunk(threads, (p, n) => new ReadOnlySpan<float>(p, n).CopyTo(new Span<float>(p + offset, n)));
    }

    private static float* Allocate(long bytes)
    {
        var buffer = NativeMemory.AlignedAlloc((nuint)bytes, 64);
        HugePages.Advise(buffer, (nuint)bytes);
        return (float*)buffer;
    }

    private void ForEachChunk(int threads, ChunkAction action)
    {
        // At least one chunk per thread, so a small buffer still runs on every thread the figure uses.
        const long maxChunk = 1 << 24, cacheLine = 16;
        long chunks = Math.Max(threads, (_floats + maxChunk - 1) / maxChunk);
        long chunk = ((_floats + chunks - 1) / chunks + cacheLine - 1) / cacheLine * cacheLine;
        Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = threads }, c =>
        {
            long begin = c * chunk;
            if (begin < _floats) action(_buffer + begin, (int)Math.Min(chunk, _floats - begin));
        });
    }

    private delegate void ChunkAction(float* start, int count);

    public void Dispose()
    {
        NativeMemory.AlignedFree(_buffer);
        NativeMemory.AlignedFree(_copy);
    }
}
