using System.Numerics;

namespace QSim.Tests.Oracles;

/// <summary>
/// The lowest eigenvalue of a dense Hermitian matrix: Lanczos with full reorthogonalisation (run to the
/// matrix dimension, so exact up to rounding) and Sturm-sequence bisection on the tridiagonal matrix.
/// </summary>
public static class LowestEigenvalue
{
    public static double Of(Complex[,] h, int seed = 1)
    {
        int n = h.GetLength(0);
        var rng = new Random(seed);
        var basis = new List<Complex[]>();
        var alpha = new List<double>();
        var beta = new List<double>();
        var v = Normalise(Enumerable.Range(0, n).Select(_ => new Complex(rng.NextDouble() - 0.5, rng.NextDouble() - 0.5)).ToArray());
        for (int k = 0; k < n; k++)
        {
            basis.Add(v);
            var w = new Complex[n];
            for (int r = 0; r < n; r++)
                for (int c = 0; c < n; c++) w[r] += h[r, c] * v[c];
            alpha.Add(Dot(v, w).Real);
            foreach (var b in basis) Subtract(w, b, Dot(b, w)); // full reorthogonalisation
            double norm = Math.Sqrt(Dot(w, w).Real);
            if (norm < 1e-12) break;
            beta.Add(norm);
            v = w.Select(x => x / norm).ToArray();
        }
        return SmallestOfTridiagonal([.. alpha], [.. beta]);
    }

    private static double SmallestOfTridiagonal(double[] a, double[] b)
    {
        double bound = a.Select((x, i) => Math.Abs(x) + (i > 0 ? b[i - 1] : 0) + (i < b.Length && i < a.Length - 1 ? b[i] : 0)).Max();
        double lo = -bound, hi = bound;
        for (int iteration = 0; iteration < 200; iteration++)
        {
            double mid = (lo + hi) / 2;
            if (CountBelow(a, b, mid) >= 1) hi = mid; else lo = mid;
        }
        return (lo + hi) / 2;
    }

    /// <summary>Eigenvalues below x, from the signs of the LDLᵀ pivots of T − x.</summary>
    private static int CountBelow(double[] a, double[] b, double x)
    {
        int count = 0;
        double d = 1;
        for (int i = 0; i < a.Length; i++)
        {
            double off = i > 0 ? b[i - 1] : 0;
            d = a[i] - x - (i > 0 ? off * off / d : 0);
            if (d == 0) d = 1e-300;
            if (d < 0) count++;
        }
        return count;
    }

    private static Complex Dot(Complex[] a, Complex[] b)
    {
        Complex s = 0;
        for (int i = 0; i < a.Length; i++) s += Complex.Conjugate(a[i]) * b[i];
        return s;
    }

    private static void Subtract(Complex[] w, Complex[] b, Complex factor)
    {
        for (int i = 0; i < w.Length; i++) w[i] -= factor * b[i];
    }

    private static Complex[] Normalise(Complex[] v)
    {
        double norm = Math.Sqrt(Dot(v, v).Real);
        return v.Select(x => x / norm).ToArray();
    }
}
