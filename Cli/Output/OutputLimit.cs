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

    /// <summary>Counts of the most frequent outcomes, largest first (ties in key order), and how many were left out.</summary>
    public Shown<KeyValuePair<string, int>> MostFrequent(IReadOnlyDictionary<string, int> counts) =>
        MostLikely([.. counts], entry => entry.Value, (a, b) => string.CompareOrdinal(a.Key, b.Key));

    /// <summary>
    /// The items of largest weight, largest first (equal weights in <paramref name="ties"/> order), at most
    /// <see cref="MaxEntries"/> of them, and how many and how much weight were left out.
    /// </summary>
    public Shown<T> MostLikely<T>(IReadOnlyList<T> items, Func<T, double> weight, Comparison<T> ties)
    {
        var order = Comparer<T>.Create((a, b) =>
        {
            int byWeight = weight(b).CompareTo(weight(a));
            return byWeight != 0 ? byWeight : ties(a, b);
        });
        int shown = Math.Min(items.Count, MaxEntries ?? int.MaxValue);
        List<T> kept;
        if (shown == items.Count || shown == 0)
        {
            kept = shown == 0 ? [] : [.. items];
        }
        else
        {
            // A million outcomes, 32 shown: keep the best so far in a heap whose root is the worst kept, not a full sort.
            var heap = new PriorityQueue<T, T>(shown + 1, Comparer<T>.Create((a, b) => order.Compare(b, a)));
            foreach (var item in items)
            {
                if (heap.Count < shown) heap.Enqueue(item, item);
                else if (order.Compare(item, heap.Peek()) < 0) heap.EnqueueDequeue(item, item);
            }
            kept = [.. heap.UnorderedItems.Select(entry => entry.Element)];
        }
        kept.Sort(order);
        double omittedWeight = items.Sum(weight) - kept.Sum(weight);
        return new Shown<T>(kept, items.Count - shown, Math.Max(0, omittedWeight));
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
