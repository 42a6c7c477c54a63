using System.Runtime.InteropServices;

namespace QSim.Cpu;

/// <summary>Asks Linux for transparent huge pages on a large buffer: fewer TLB misses on strided gate passes.</summary>
internal static unsafe partial class HugePages
{
    private const int MadvHugePage = 14;
    private const long Threshold = 4L << 20;

    /// <summary>Advises the kernel; any failure is ignored (it is only a hint).</summary>
    public static void Advise(void* buffer, nuint bytes)
    {
        if (!OperatingSystem.IsLinux() || (long)bytes < Threshold) return;
        try
        {
            // madvise needs a page-aligned start: round inward to whole 4 KiB pages.
            nuint start = ((nuint)buffer + 4095) & ~(nuint)4095;
            nuint end = ((nuint)buffer + bytes) & ~(nuint)4095;
            if (end > start) _ = MAdvise((void*)start, end - start, MadvHugePage);
        }
        catch (DllNotFoundException) { }
        catch (EntryPointNotFoundException) { }
    }

    [LibraryImport("libc.so.6", EntryPoint = "madvise")]
    private static partial int MAdvise(void* address, nuint length, int advice);
}
