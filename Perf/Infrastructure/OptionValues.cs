using System.Globalization;

namespace QSim.Perf.Infrastructure;

/// <summary>Reads option values of the Perf subcommands strictly: names for enums (not numbers), plain decimal integers.</summary>
public static class OptionValues
{
    /// <summary>An enum value by its name, any case.</summary>
    public static bool TryName<TEnum>(string value, out TEnum result) where TEnum : struct, Enum
    {
        result = default;
        return value.Length > 0 && char.IsLetter(value[0]) && Enum.TryParse(value, ignoreCase: true, out result);
    }

    /// <summary>A decimal integer in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public static bool TryInt(string value, int min, int max, out int result) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out result) && result >= min && result <= max;
}
