using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Numerics;

namespace QSim.Cli.Commands;

/// <summary>Options whose value is a whole number in a range, with one clear message for anything else.</summary>
internal static class WholeNumberOption
{
    /// <summary>An option accepting integers from <paramref name="minimum"/> to <paramref name="maximum"/>.</summary>
    public static Option<T?> Create<T>(string name, string description, T minimum, T maximum, params string[] aliases)
        where T : struct, IBinaryInteger<T>
    {
        var option = new Option<T?>(name, aliases) { Description = description };
        option.CustomParser = result =>
        {
            string text = string.Join(" ", result.Tokens.Select(t => t.Value));
            if (T.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out T value) && value >= minimum && value <= maximum) return value;
            result.AddError($"{name} must be an integer from {minimum} to {maximum}; got '{text}'");
            return null;
        };
        return option;
    }
}
