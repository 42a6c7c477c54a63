namespace QSim.Gpu.Kernels;

/// <summary>
/// Work items 0…Count−1 spread over Stride threads, thread t taking t, t + Stride, …: ILGPU's implicitly
/// grouped kernels index threads with an int, and a state can have more than 2^31 amplitudes.
/// </summary>
public readonly struct WorkSplit
{
    /// <summary>Most threads one launch starts by default.</summary>
    public const int MaxThreads = 1 << 30;

    /// <summary>Work items in all, numbered 0 to Count − 1.</summary>
    public readonly long Count;
    /// <summary>Threads launched: thread t takes items t, t + Stride, t + 2·Stride, ….</summary>
    public readonly long Stride;

    /// <summary>Splits <paramref name="count"/> items over at most <paramref name="maxThreads"/> threads.</summary>
    public WorkSplit(long count, int maxThreads = MaxThreads)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxThreads);
        Count = count;
        Stride = Math.Min(count, maxThreads);
    }

    /// <summary>Threads to launch.</summary>
    public int Threads => (int)Stride;
}
