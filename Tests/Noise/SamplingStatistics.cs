namespace QSim.Tests.Noise;

/// <summary>
/// The bounds the sampling tests use instead of loose tolerances: z-scores of estimates against exact values, and a
/// chi-squared goodness-of-fit of counts. Their thresholds fail a correct sampler about once in 10^4 to 10^5 runs (and the
/// seeds are fixed, so never), while a bias of a few standard errors fails them.
/// </summary>
public static class SamplingStatistics
{
    /// <summary>Largest |z| accepted for one estimate (two-sided tail ≈ 7·10^-6).</summary>
    public const double MaxZ = 4.5;

    /// <summary>The largest |estimate − exact| / standard error over all entries (entries with zero error must match to <paramref name="exactTolerance"/>).</summary>
    public static double MaxZScore(IReadOnlyList<double> estimates, IReadOnlyList<double> errors, IReadOnlyList<double> exact, double exactTolerance = 1e-9)
    {
        double worst = 0;
        for (int i = 0; i < estimates.Count; i++)
        {
            double deviation = Math.Abs(estimates[i] - exact[i]);
            if (errors[i] > 0) worst = Math.Max(worst, deviation / errors[i]);
            else if (deviation > exactTolerance) return double.PositiveInfinity;
        }
        return worst;
    }

    /// <summary>Pearson's statistic Σ (observed − expected)² / expected over the outcomes with expected count ≥ 1 (the rest pooled).</summary>
    public static (double Statistic, int DegreesOfFreedom) ChiSquared(IReadOnlyDictionary<string, int> counts, IReadOnlyDictionary<string, double> probabilities, int shots)
    {
        double statistic = 0, pooledObserved = 0, pooledExpected = 0;
        int bins = 0;
        foreach (var key in probabilities.Keys.Union(counts.Keys))
        {
            double expected = probabilities.GetValueOrDefault(key) * shots, observed = counts.GetValueOrDefault(key);
            if (expected < 1)
            {
                pooledExpected += expected;
                pooledObserved += observed;
                continue;
            }
            statistic += (observed - expected) * (observed - expected) / expected;
            bins++;
        }
        if (pooledExpected >= 1)
        {
            statistic += (pooledObserved - pooledExpected) * (pooledObserved - pooledExpected) / pooledExpected;
            bins++;
        }
        else if (pooledObserved > pooledExpected + 5) statistic = double.PositiveInfinity;
        return (statistic, bins - 1);
    }

    /// <summary>The chi-squared quantile at 1 − 10^-4 for the degrees of freedom (Wilson–Hilferty: within 1% for df ≥ 3).</summary>
    public static double ChiSquaredBound(int degreesOfFreedom)
    {
        const double z = 3.719;   // the normal quantile at 1 − 10^-4
        double k = degreesOfFreedom, a = 2 / (9 * k);
        return k * Math.Pow(1 - a + z * Math.Sqrt(a), 3);
    }
}
