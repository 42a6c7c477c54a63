namespace QSim.Execution;

/// <summary>
/// Sums and sums of squares of per-trajectory values in 128-bit fixed point (2^-62 resolution): integer sums do not depend
/// on the order of the terms, so means and standard errors are the same whichever thread ran which trajectory. Values must
/// lie in [−2, 2] (probabilities, normalised expectations of Pauli strings) — callers scale anything larger.
/// </summary>
internal sealed class FixedPointMoments(int length)
{
    private const double Scale = 4611686018427387904.0;   // 2^62

    private readonly Int128[] _sum = new Int128[length];
    private readonly Int128[] _squares = new Int128[length];

    /// <summary>Adds one trajectory's values.</summary>
    public void Add(ReadOnlySpan<double> values)
    {
        for (int i = 0; i < values.Length; i++)
        {
            _sum[i] += (Int128)Math.Round(values[i] * Scale);
            _squares[i] += (Int128)Math.Round(values[i] * values[i] * Scale);
        }
    }

    /// <summary>Adds another accumulator's sums.</summary>
    public void Add(FixedPointMoments other)
    {
        for (int i = 0; i < _sum.Length; i++)
        {
            _sum[i] += other._sum[i];
            _squares[i] += other._squares[i];
        }
    }

    /// <summary>The means and their standard errors √(sample variance / count) over <paramref name="count"/> trajectories.</summary>
    public (double[] Means, double[] StandardErrors) Finish(int count)
    {
        var means = new double[_sum.Length];
        var errors = new double[_sum.Length];
        for (int i = 0; i < means.Length; i++)
        {
            double sum = (double)_sum[i] / Scale, squares = (double)_squares[i] / Scale;
            means[i] = sum / count;
            errors[i] = count > 1 ? Math.Sqrt(Math.Max(0, (squares - sum * means[i]) / (count - 1) / count)) : 0;
        }
        return (means, errors);
    }
}
