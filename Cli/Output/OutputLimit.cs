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
    public Shown<KeyValuePair<string, T>> MostLikely<T>(IReadOnlyCollection<KeyValuePair<string, T>> entries, Func<T, double> weight)
    {
        var order = Comparer<KeyValuePair<string, T>>.Create((a, b) =>
        {
            int byWeight = weight(b.Value).CompareTo(weight(a.Value));
            return byWeight != 0 ? byWeight : string.CompareOrdinal(a.Key, b.Key);
        });
        int shown = Math.Min(entries.Count, MaxEntries ?? int.MaxValue);
        List<KeyValuePair<string, T>> kept;
        if (shown == entries.Count || shown == 0)
        {
            kept = shown == 0 ? [] : [.. entries];
        }
        else
        {
            // A million outcomes, 32 shown: keep the best so far in a heap whose root is the worst kept, not a full sort.
            var heap = new PriorityQueue<KeyValuePair<string, T>, KeyValuePair<string, T>>(shown + 1, Comparer<KeyValuePair<string, T>>.Create((a, b) => order.Compare(b, a)));
            foreach (var entry in entries)
            {
                if (heap.Count < shown) heap.Enqueue(entry, entry);
                else if (order.Compare(entry, heap.Peek()) < 0) heap.EnqueueDequeue(entry, entry);
            }
            kept = [.. heap.UnorderedItems.Select(item => item.Element)];
        }
        kept.Sort(order);
        double omittedWeight = entries.Sum(e => weight(e.Value)) - kept.Sum(e => weight(e.Value));
        return new Shown<KeyValuePair<string, T>>(kept, entries.Count - shown, Math.Max(0, omittedWeight));
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
