using System.Diagnostics;
using System.Runtime.InteropServices;

namespace QSim.Perf.Infrastructure;

/// <summary>
/// CPU time of the calling thread or of the whole process (Linux CLOCK_THREAD_CPUTIME_ID, CLOCK_PROCESS_CPUTIME_ID), or
/// wall time where those clocks are missing. On a machine shared with other jobs a run is descheduled for whole time
/// slices; CPU time leaves those out, so a kernel and the FMA peak, or two simulators on one thread, compare even when
/// the machine is busy. (On several threads, process CPU time also counts the time workers spin while waiting.)
/// </summary>
internal static partial class CpuClock
{
    private const int ProcessClock = 2, ThreadClock = 3;

    /// <summary>True when the readings are CPU time, false when they fall back to wall time.</summary>
    public static bool IsCpuTime { get; } = Probe();

    /// <summary>The calling thread's CPU time, in seconds from an arbitrary origin.</summary>
    public static double ThreadSeconds() => Read(ThreadClock);

    /// <summary>The process's CPU time (all threads), in seconds from an arbitrary origin.</summary>
    public static double ProcessSeconds() => Read(ProcessClock);

    /// <summary>Seconds <paramref name="work"/> takes on the calling thread's clock.</summary>
    public static double MeasureThread(Action work)
    {
        double start = ThreadSeconds();
        work();
        return ThreadSeconds() - start;
    }

    private static double Read(int clock)
    {
        if (!IsCpuTime) return Stopwatch.GetTimestamp() / (double)Stopwatch.Frequency;
        ClockGetTime(clock, out var time);
        return time.Seconds + time.Nanoseconds * 1e-9;
    }

    private static bool Probe()
    {
        if (!OperatingSystem.IsLinux()) return false;
        try
        {
            return ClockGetTime(ThreadClock, out _) == 0 && ClockGetTime(ProcessClock, out _) == 0;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clock, out TimeSpec time);
}
