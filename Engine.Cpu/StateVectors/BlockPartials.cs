using System.Numerics;

namespace QSim.Cpu;

/// <summary>
/// The last step of every CPU reduction: one partial sum per fixed block of the state, added in block order.
/// Blocks do not depend on how the worker pool splits the pass, so neither does the result.
/// </summary>
internal static class BlockPartials
{
    /// <summary>Σ of partials[0 .. blocks).</summary>
    public static double Sum(double[] partials, long blocks)
    {
        double sum = 0;
        for (long b = 0; b < blocks; b++) sum += partials[b];
        return sum;
    }

    /// <summary>Σ of the complex partials stored as (re, im) pairs at [2b, 2b + 1], b in [0, blocks).</summary>
    public static Complex SumPairs(double[] partials, long blocks)
    {
        double re = 0, im = 0;
        for (long b = 0; b < blocks; b++)
        {
            re += partials[2 * b];
            im += partials[2 * b + 1];
        }
        return new Complex(re, im);
    }
}
