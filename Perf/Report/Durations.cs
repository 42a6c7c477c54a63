using System.Globalization;

namespace QSim.Perf.Report;

/// <summary>Times written in the unit (s, ms, µs, ns) that puts the number between 1 and 1000, for the report's tables and axes.</summary>
public static class Durations
{
    public static string Format(double seconds, string numberFormat)
    {
        var (value, unit) = seconds switch
        {
            >= 1 => (seconds, "s"),
            >= 1e-3 => (seconds * 1e3, "ms"),
            >= 1e-6 => (seconds * 1e6, "µs"),
            _ => (seconds * 1e9, "ns"),
        };
        return value.ToString(numberFormat, CultureInfo.InvariantCulture) + " " + unit;
    }
}
