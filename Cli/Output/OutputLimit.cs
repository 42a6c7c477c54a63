namespace QSim.Cli.Output;

/// <summary>
/// How much of a long output is printed: by default the <see cref="DefaultEntries"/> most likely outcomes (and the
/// first amplitudes of a state vector), with a count of the rest; <c>--all</c> prints everything.
/// </summary>
/// <param name="MaxEntries">Entries printed per output, or null for all of them.</param>
internal readonly record struct OutputLimit(int? MaxEntries)
{
    /// <summary>Entries an output prints unless <c>--all</c> is given: a screenful.</summary>
    public const int DefaultEntries = 32;

    public static OutputLimit Default => new(DefaultEntries);

    public static OutputLimit All => new(null);

    /// <summary>
    /// The entries of largest weight, largest first (ties in key order), at most <see cref="MaxEntries"/> of them, and
    /// how many and how much weight were left out.
    /// </summary>
    public Shown<KeyValuePair<string, T>> MostLikely<T>(IEnumerable<KeyValuePair<string, T>> entries, Func<T, double> weight)
    {
        var ordered = entries.OrderByDescending(e => weight(e.Value)).ThenBy(e => e.Key, StringComparer.Ordinal).ToList();
        int shown = Math.Min(ordered.Count, MaxEntries ?? int.MaxValue);
        double omittedWeight = ordered.Skip(shown).Sum(e => weight(e.Value));
        return new Shown<KeyValuePair<string, T>>(ordered[..shown], ordered.Count - shown, omittedWeight);
    }

    /// <summary>The first entries of <paramref name="items"/> in their order, at most <see cref="MaxEntries"/>.</summary>
    public Shown<T> First<T>(IReadOnlyList<T> items)
    {
        int shown = Math.Min(items.Count, MaxEntries ?? int.MaxValue);
        return new Shown<T>(items.Take(shown).ToList(), items.Count - shown, OmittedWeight: 0);
    }
}

/// <summary>What an output prints of its entries.</summary>
/// <param name="Entries">The entries printed.</param>
/// <param name="Omitted">How many were left out.</param>
/// <param name="OmittedWeight">Their total weight (probability or shots).</param>
internal sealed record Shown<T>(IReadOnlyList<T> Entries, int Omitted, double OmittedWeight);
