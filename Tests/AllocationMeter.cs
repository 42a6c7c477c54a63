namespace QSim.Tests;

/// <summary>
/// Bytes a call allocates on the calling thread, robust to the runtime's own one-off allocations (tiered JIT
/// promoting a method mid-call, a lock object created the first time a wait blocks on a loaded machine).
/// </summary>
public static class AllocationMeter
{
    /// <summary>
    /// The fewest bytes any of <paramref name="repeats"/> calls allocated. An allocation the code makes on every call
    /// shows in every repeat, so the minimum keeps it; a runtime one-off shows in a few and the minimum drops it.
    /// </summary>
    public static long MinimumBytesPerCall(Action call, int repeats = 5)
    {
        long fewest = long.MaxValue;
        for (int i = 0; i < repeats; i++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            call();
            fewest = Math.Min(fewest, GC.GetAllocatedBytesForCurrentThread() - before);
        }
        return fewest;
    }
}
