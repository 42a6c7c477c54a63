using BenchmarkDotNet.Attributes;

namespace QSim.Perf.Infrastructure;

/// <summary>
/// Base of every suite: the in-place floor (the Baseline, so BenchmarkDotNet's Ratio column is figure / floor)
/// and a copy, over a buffer of the size the suite's figures sweep, on the threads they use, in the same run.
/// A suite sets itself up in <see cref="Setup"/> and returns that size.
/// </summary>
public abstract class FloorBenchmarks
{
    // Kept across benchmark cases (they run in one process): touching fresh memory costs seconds per GiB here.
    private static MemoryFloor? s_floor;
    private int _floorThreads;

    /// <summary>Name of the floor benchmark, which the regression tools divide every figure by.</summary>
    public const string FloorName = nameof(InPlaceFloor);

    /// <summary>Name of the copy benchmark, a reference figure like the floor.</summary>
    public const string CopyName = nameof(Copy);

    [GlobalSetup]
    public void GlobalSetup()
    {
        var (bytes, threads) = Setup();
        _floorThreads = threads;
        if (s_floor?.Bytes != bytes)
        {
            s_floor?.Dispose();
            s_floor = null; // freed before the next allocation, so two large floors never coexist
            s_floor = new MemoryFloor(bytes);
        }
    }

    [GlobalCleanup]
    public void GlobalCleanup() => Cleanup();

    /// <summary>Prepares the suite's figures; returns the bytes their state spans and the threads they run on.</summary>
    protected abstract (long Bytes, int Threads) Setup();

    /// <summary>Releases what <see cref="Setup"/> made (the floor buffers stay for the next case).</summary>
    protected abstract void Cleanup();

    [Benchmark(Baseline = true)] public void InPlaceFloor() => s_floor!.ScaleInPlace(_floorThreads);
    [Benchmark] public void Copy() => s_floor!.CopyOnce(_floorThreads);
}
