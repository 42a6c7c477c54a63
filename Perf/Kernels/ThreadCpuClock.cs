using System.Diagnostics;
using System.Runtime.InteropServices;

namespace QSim.Perf.Kernels;

/// <summary>
/// Time the calling thread spent on a CPU (Linux CLOCK_THREAD_CPUTIME_ID), or wall time where that clock is missing.
/// On a machine shared with other jobs a single-threaded loop is descheduled for whole time slices; its CPU time
/// leaves those out, so a kernel and the FMA peak measured this way compare even when the machine is busy.
/// </summary>
internal static partial class ThreadCpuClock
{
    private const int ThreadCpuTimeClock = 3; // CLOCK_THREAD_CPUTIME_ID

    /// <summary>True when <see cref="Seconds"/> reads the thread's CPU time, false when it falls back to wall time.</summary>
    public static bool IsCpuTime { get; } = Probe();

    /// <summary>The current reading, in seconds from an arbitrary origin.</summary>
    public static double Seconds()
    {
        if (!IsCpuTime) return Stopwatch.GetTimestamp() / (double)Stopwatch.Frequency;
        ClockGetTime(ThreadCpuTimeClock, out var time);
        return time.Seconds + time.Nanoseconds * 1e-9;
    }

    /// <summary>Seconds <paramref name="work"/> takes on this clock.</summary>
    public static double Measure(Action work)
    {
        double start = Seconds();
        work();
        return Seconds() - start;
    }

    private static bool Probe()
    {
        if (!OperatingSystem.IsLinux()) return false;
        try
        {
            return ClockGetTime(ThreadCpuTimeClock, out _) == 0;
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
