namespace QSim.Samples;

/// <summary>scikit-learn's make_moons: two interleaved half circles with Gaussian noise, centred near the origin.</summary>
public static class TwoMoons
{
    /// <summary>
    /// <paramref name="samples"/> points as rows [x, y] of <c>Points</c> (row-major, 2 per row) and their classes 0 or 1 in
    /// <c>Labels</c>, alternating; the same seed gives the same points.
    /// </summary>
    public static (float[] Points, float[] Labels) Generate(int samples, double noise, int seed)
    {
        var random = new Random(seed);
        var points = new float[2 * samples];
        var labels = new float[samples];
        for (int i = 0; i < samples; i++)
        {
            int label = i % 2;
            double t = Math.PI * random.NextDouble();
            double x = label == 0 ? Math.Cos(t) : 1 - Math.Cos(t);
            double y = label == 0 ? Math.Sin(t) : 0.5 - Math.Sin(t);
            points[2 * i] = (float)(x - 0.5 + noise * Gaussian(random));
            points[2 * i + 1] = (float)(y - 0.25 + noise * Gaussian(random));
            labels[i] = label;
        }
        return (points, labels);
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
