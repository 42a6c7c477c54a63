using System.Numerics.Tensors;
using System.Runtime.InteropServices;

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

    /// <summary>Scales every float in place: the bandwidth floor of a gate pass.</summary>
    public void ScaleInPlace() => ForEachChunk((p, n) => TensorPrimitives.Multiply(new ReadOnlySpan<float>(p, n), 0.999f, new Span<float>(p, n)));

    /// <summary>Copies the buffer to a second one.</summary>
    public void CopyOnce()
    {
        long offset = (long)(_copy - _buffer);
        ForEachChunk((p, n) => new ReadOnlySpan<float>(p, n).CopyTo(new Span<float>(p + offset, n)));
    }

    private void ForEachChunk(ChunkAction action)
    {
        const int chunk = 1 << 24;
        long chunks = (_floats + chunk - 1) / chunk;
        Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = _threads }, c =>
        {
            long begin = c * chunk;
            action(_buffer + begin, (int)Math.Min(chunk, _floats - begin));
        });
    }

    private delegate void ChunkAction(float* start, int count);

    public void Dispose()
    {
        NativeMemory.AlignedFree(_buffer);
        NativeMemory.AlignedFree(_copy);
    }
}
