using QSim.Backends;
using QSim.Observables;

namespace QSim.Estimation;

/// <summary>
/// Central finite differences per symbol, (f(θ + h) − f(θ − h)) / 2h: approximate (error O(h²) plus rounding
/// of order ε/h), for comparison and for gates without a known generator.
/// </summary>
internal static class FiniteDifferenceDifferentiation
{
    /// <summary>The default step: about the cube root of the precision's epsilon, which balances truncation and rounding.</summary>
    public static double DefaultStep(Precision precision) => precision == Precision.Double ? 1e-5 : 1e-2;

    /// <summary>Values [O] and gradient [O × P, row-major] of <paramref name="row"/>; leaves the worker bound to other values.</summary>
    /// <exception cref="OperationCanceledException">The call was cancelled.</exception>
    public static void Run(EstimationWorker worker, IReadOnlyList<PauliSum> observables, ReadOnlySpan<double> row, double step,
        Span<double> values, Span<double> gradient, CancellationToken cancellation)
    {
        int p = row.Length, o = observables.Count;
        worker.Bind(row);
        worker.RunCircuit(worker.State, cancellation);
        EstimationWorker.Expectations(observables, worker.State, values);
        var shifted = row.ToArray();
        Span<double> plus = stackalloc double[o], minus = stackalloc double[o];
        for (int s = 0; s < p; s++)
        {
            shifted[s] = row[s] + step;
            Evaluate(worker, observables, shifted, plus, cancellation);
            shifted[s] = row[s] - step;
            Evaluate(worker, observables, shifted, minus, cancellation);
            shifted[s] = row[s];
            for (int ob = 0; ob < o; ob++) gradient[ob * p + s] = (plus[ob] - minus[ob]) / (2 * step);
        }
    }

    private static void Evaluate(EstimationWorker worker, IReadOnlyList<PauliSum> observables, ReadOnlySpan<double> row, Span<double> values,
        CancellationToken cancellation)
    {
        worker.Bind(row);
        worker.RunCircuit(worker.State, cancellation);
        EstimationWorker.Expectations(observables, worker.State, values);
    }
}
