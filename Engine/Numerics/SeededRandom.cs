namespace QSim.Numerics;

/// <summary>
/// xoshiro256** seeded through SplitMix64: a small, fast generator whose sequence for a seed is fixed
/// by this code (not by the runtime's <see cref="Random"/>), so results are reproducible across .NET versions.
/// </summary>
public sealed class SeededRandom
{
    private ulong _s0, _s1, _s2, _s3;

    /// <summary>Creates the generator for <paramref name="seed"/>.</summary>
    public SeededRandom(ulong seed) => Reset(seed);

    /// <summary>Restarts the sequence of <paramref name="seed"/> (as a new generator for it would), without allocating.</summary>
    public void Reset(ulong seed)
    {
        _s0 = SplitMix(ref seed); _s1 = SplitMix(ref seed); _s2 = SplitMix(ref seed); _s3 = SplitMix(ref seed);
    }

    /// <summary>Continues from where <paramref name="other"/> stands: the next draws of both are the same.</summary>
    public void CopyFrom(SeededRandom other) => (_s0, _s1, _s2, _s3) = (other._s0, other._s1, other._s2, other._s3);

    /// <summary>
    /// The seed of item <paramref name="index"/> of a job seeded with <paramref name="seed"/> (a trajectory, a batch row): each
    /// item draws from its own sequence, so results do not depend on which thread runs it.
    /// </summary>
    public static ulong ForItem(ulong seed, long index)
    {
        // Hashed, not seed + k·γ: SplitMix seeds that differ by multiples of γ would start from overlapping states.
        ulong state = seed ^ 0x5851F42D4C957F2DUL * ((ulong)index + 1);
        return SplitMix(ref state);
    }

    /// <summary>The next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        ulong result = RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0; _s3 ^= _s1; _s1 ^= _s2; _s0 ^= _s3;
        _s2 ^= t;
        _s3 = RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>A uniform double in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>A uniform double in [0, 1) for every element of <paramref name="into"/>.</summary>
    public void Fill(Span<double> into)
    {
        for (int i = 0; i < into.Length; i++) into[i] = NextDouble();
    }

    private static ulong RotateLeft(ulong x, int k) => (x << k) | (x >> (64 - k));

    private static ulong SplitMix(ref ulong state)
    {
        ulong z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
