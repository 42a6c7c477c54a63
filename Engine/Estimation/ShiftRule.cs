namespace QSim.Estimation;

/// <summary>
/// A parameter-shift rule built from a generator spectrum. Along one gate parameter the expectation is a
/// trigonometric polynomial f(θ) = a₀ + Σ_l a_l cos(Ω_l θ) + b_l sin(Ω_l θ) whose frequencies Ω_l are the
/// distinct positive differences of the generator's eigenvalues, so its odd part
/// g(s) = (f(θ+s) − f(θ−s))/2 = Σ_l c_l sin(Ω_l s) and f′(θ) = Σ_l Ω_l c_l. Sampling g at R shifts and solving
/// for the c_l gives f′(θ) = Σ_μ w_μ·(f(θ+s_μ) − f(θ−s_μ)). One frequency gives the familiar two-term rule
/// (Ω/2)·(f(θ+π/2Ω) − f(θ−π/2Ω)); equally spaced frequencies use the shifts (2μ−1)π/(2RΩ₁) of Wierichs et al.
/// (Quantum 6, 677, 2022).
/// </summary>
internal sealed class ShiftRule
{
    private ShiftRule(double[] shifts, double[] weights)
    {
        Shifts = shifts;
        Weights = weights;
    }

    /// <summary>The shifts s_μ.</summary>
    public double[] Shifts { get; }

    /// <summary>The weights w_μ of f(θ+s_μ) − f(θ−s_μ).</summary>
    public double[] Weights { get; }

    /// <summary>The rule for a generator with the given distinct eigenvalues, or null when it has no frequency (f is constant).</summary>
    /// <exception cref="NotSupportedException">The spectrum is unknown, or the shift system is too ill-conditioned to trust.</exception>
    public static ShiftRule? ForSpectrum(IReadOnlyList<double> spectrum, string gateName, string parameterName)
    {
        if (spectrum.Count == 0)
            throw new NotSupportedException($"Gate '{gateName}' has no known generator for parameter '{parameterName}', so no parameter-shift rule; use the adjoint method.");
        var frequencies = new List<double>();
        foreach (double a in spectrum)
            foreach (double b in spectrum)
                if (a - b > 1e-12 && !frequencies.Any(f => Math.Abs(f - (a - b)) < 1e-9)) frequencies.Add(a - b);
        if (frequencies.Count == 0) return null;
        frequencies.Sort();
        int r = frequencies.Count;
        double lowest = frequencies[0];
        var shifts = Enumerable.Range(1, r).Select(mu => (2 * mu - 1) * Math.PI / (2 * r * lowest)).ToArray();
        // Weights w solve Sᵀ·w = Ω with S[μ, l] = sin(Ω_l s_μ); each difference f(θ+s) − f(θ−s) is 2·g(s).
        var transposed = new double[r, r];
        for (int mu = 0; mu < r; mu++)
            for (int l = 0; l < r; l++) transposed[l, mu] = Math.Sin(frequencies[l] * shifts[mu]);
        double[] weights = Solve(transposed, [.. frequencies], gateName, parameterName);
        return new ShiftRule(shifts, weights.Select(w => w / 2).ToArray());
    }

    private static double[] Solve(double[,] a, double[] b, string gateName, string parameterName)
    {
        int n = b.Length;
        for (int col = 0; col < n; col++)
        {
            int pivot = col;
            for (int row = col + 1; row < n; row++)
                if (Math.Abs(a[row, col]) > Math.Abs(a[pivot, col])) pivot = row;
            if (Math.Abs(a[pivot, col]) < 1e-6)
                throw new NotSupportedException($"The generator spectrum of '{gateName}' parameter '{parameterName}' gives no well-conditioned parameter-shift rule; use the adjoint method.");
            for (int c = 0; c < n; c++) (a[col, c], a[pivot, c]) = (a[pivot, c], a[col, c]);
            (b[col], b[pivot]) = (b[pivot], b[col]);
            for (int row = 0; row < n; row++)
            {
                if (row == col) continue;
                double f = a[row, col] / a[col, col];
                for (int c = col; c < n; c++) a[row, c] -= f * a[col, c];
                b[row] -= f * b[col];
            }
        }
        for (int i = 0; i < n; i++) b[i] /= a[i, i];
        return b;
    }
}
