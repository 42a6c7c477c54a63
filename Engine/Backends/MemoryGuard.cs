using System.Globalization;

namespace QSim.Backends;

/// <summary>A state vector would not fit in the memory available for it.</summary>
public sealed class StateTooLargeException(string message) : InvalidOperationException(message);

/// <summary>Checks a state's size against the memory available before anything is allocated.</summary>
public static class MemoryGuard
{
    /// <summary>Bytes of one amplitude at a precision.</summary>
    public static int BytesPerAmplitude(Precision precision) => precision == Precision.Single ? 8 : 16;

    /// <summary>Bytes of a state of <paramref name="qubits"/> qubits.</summary>
    public static double StateBytes(int qubits, Precision precision) => Math.Pow(2, qubits) * BytesPerAmplitude(precision);

    /// <summary>
    /// Memory this process may still use, in bytes: the least of what the GC sees as the machine's or container's limit less
    /// what this process holds, and what the system can still give (Linux's MemAvailable, which counts other processes' use).
    /// </summary>
    public static long AvailableHostBytes()
    {
        var info = GC.GetGCMemoryInfo();
        long limit = info.TotalAvailableMemoryBytes;
        long forThisProcess = Math.Max(0, limit - GC.GetTotalMemory(false) - Environment.WorkingSet / 4);
        return SystemAvailableBytes() is { } system ? Math.Min(forThisProcess, system) : forThisProcess;
    }

    /// <summary>MemAvailable from /proc/meminfo, or null where there is none (not Linux, or unreadable).</summary>
    private static long? SystemAvailableBytes()
    {
        try
        {
            if (!OperatingSystem.IsLinux()) return null;
            foreach (string line in File.ReadLines("/proc/meminfo"))
            {
                if (!line.StartsWith("MemAvailable:", StringComparison.Ordinal)) continue;
                var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                return fields.Length >= 2 && long.TryParse(fields[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out long kib) ? kib * 1024 : null;
            }
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Throws when 2^qubits amplitudes do not fit in <paramref name="availableBytes"/>.</summary>
    /// <exception cref="StateTooLargeException">They do not fit; the message names both numbers.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="qubits"/> is negative.</exception>
    public static void EnsureFits(int qubits, Precision precision, long availableBytes, string where)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(qubits);
        string what = $"A state of {qubits} qubits in {(precision == Precision.Single ? "complex64" : "complex128")}";
        double needed = StateBytes(qubits, precision);
        // Past 48 qubits (2 PiB and more) no machine holds the state, whatever it reports as available.
        if (qubits > 48) throw TooLarge(needed, availableBytes, what, where);
        EnsureFits(needed, availableBytes, what, where);
    }

    /// <summary>Throws when <paramref name="neededBytes"/> do not fit in <paramref name="availableBytes"/>.</summary>
    /// <param name="neededBytes">What the work would allocate.</param>
    /// <param name="availableBytes">What is available for it.</param>
    /// <param name="what">The work, as the subject of "needs …", e.g. "A state of 30 qubits in complex64".</param>
    /// <param name="where">Where the memory is, e.g. "in host memory".</param>
    /// <exception cref="StateTooLargeException">It does not fit; the message names both numbers.</exception>
    public static void EnsureFits(double neededBytes, long availableBytes, string what, string where)
    {
        if (neededBytes > availableBytes) throw TooLarge(neededBytes, availableBytes, what, where);
    }

    private static StateTooLargeException TooLarge(double neededBytes, long availableBytes, string what, string where)
    {
        // "needs 24 GiB, but only 24 GiB is available" says nothing: add decimals until the two amounts read differently.
        string needed = FormatBytes(neededBytes), available = FormatBytes(availableBytes);
        for (int decimals = 1; needed == available && decimals <= 6; decimals++)
            (needed, available) = (FormatBytes(neededBytes, decimals), FormatBytes(availableBytes, decimals));
        return new($"{what} needs {needed}, but only {available} is available {where}.");
    }

    /// <summary>Bytes in binary units, e.g. "16 GiB".</summary>
    public static string FormatBytes(double bytes) => FormatBytes(bytes, decimals: null);

    /// <summary>Bytes in binary units with a fixed number of decimals, or (null) up to two below 10 and none above.</summary>
    private static string FormatBytes(double bytes, int? decimals)
    {
        string[] units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"];
        int u = 0;
        while (bytes >= 1024 && u < units.Length - 1) { bytes /= 1024; u++; }
        string format = decimals is { } d ? "F" + d : bytes < 10 && u > 0 ? "0.##" : "0";
        return bytes.ToString(format, CultureInfo.InvariantCulture) + " " + units[u];
    }
}
