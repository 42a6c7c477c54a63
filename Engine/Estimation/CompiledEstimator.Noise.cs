using QSim.Numerics;
using QSim.Observables;
using QSim.Parameters;

namespace QSim.Estimation;

// Noisy circuits: averages over quantum trajectories on a state-vector backend, and the adjoint method on density matrices.
public sealed partial class CompiledEstimator
{
    /// <summary>
    /// Expectation values [B, O] for parameter rows [B, P], with their standard errors when the circuit is noisy and the
    /// backend's states are vectors (averages over <see cref="EstimatorOptions.Trajectories"/> trajectories per row); exact
    /// values (no errors) otherwise.
    /// </summary>
    /// <exception cref="ParameterBindingException">The column count differs from the symbol count, or a value is not finite.</exception>
    /// <exception cref="OperationCanceledException">The call was cancelled.</exception>
    public EstimateResult EvaluateWithErrors(double[,] parameters, CancellationToken cancellation = default) =>
        _circuit.RunsTrajectories
            ? Call(cancellation, token => EvaluateTrajectories(parameters, CheckRows(parameters), token))
            : new EstimateResult(Evaluate(parameters, cancellation), null, 0);

    /// <summary>True when the circuit is noisy and its values are averages over quantum trajectories (a state-vector backend).</summary>
    public bool RunsTrajectories => _circuit.RunsTrajectories;

    /// <summary>Trajectory t of row r follows the draws of this seed, whichever thread runs it.</summary>
    private ulong TrajectorySeed(int row, int trajectory) => SeededRandom.ForItem(SeededRandom.ForItem(_options.Seed, row), trajectory);

    private EstimateResult EvaluateTrajectories(double[,] parameters, int rows, CancellationToken cancellation)
    {
        int trajectories = _options.Trajectories, o = _observables.Length;
        var samples = new double[rows * trajectories * o];
        ForEachRow(rows * trajectories, cancellation, (worker, item) =>
        {
            int r = item / trajectories;
            worker.BindRow(Row(parameters, r), r);
            worker.TrajectorySeed = TrajectorySeed(r, item % trajectories);
            worker.RunCircuit(worker.State, cancellation);
            EstimationWorker.Expectations(_observables, worker.State, samples.AsSpan(item * o, o));
        });
        var (values, errors) = Average(samples, rows, trajectories, o);
        return new EstimateResult(To2D(values, rows, o), To2D(errors, rows, o), trajectories);
    }

    /// <summary>
    /// Gradients by parameter shift or finite differences on trajectories: every evaluation of one trajectory (shifted or
    /// not) meets the same draws of its mixed-unitary channels (common random numbers), so each trajectory gives one sample
    /// of the derivative whose spread is that of the noise, not of independent estimates subtracted; channels whose draw
    /// reads the state draw afresh in each evaluation (see <see cref="EstimationWorker"/>).
    /// </summary>
    /// <exception cref="NotSupportedException">The adjoint method, which trajectories do not support.</exception>
    private GradientResult DifferentiateTrajectories(double[,] parameters, GradientMethod method, CancellationToken cancellation)
    {
        if (method == GradientMethod.Adjoint)
            throw new NotSupportedException(
                "The adjoint method does not differentiate quantum trajectories (a trajectory's Kraus choices depend on the parameters); " +
                "use parameter shift or finite differences, or the density-matrix backend.");
        int rows = CheckRows(parameters), trajectories = _options.Trajectories, o = _observables.Length, p = _circuit.Symbols.Count;
        double step = _options.FiniteDifferenceStep ?? FiniteDifferenceDifferentiation.DefaultStep(_options.Precision);
        var valueSamples = new double[rows * trajectories * o];
        var gradientSamples = new double[rows * trajectories * o * p];
        ForEachRow(rows * trajectories, cancellation, (worker, item) =>
        {
            int r = item / trajectories;
            worker.TrajectorySeed = TrajectorySeed(r, item % trajectories);
            var values = valueSamples.AsSpan(item * o, o);
            var gradient = gradientSamples.AsSpan(item * o * p, o * p);
            if (method == GradientMethod.FiniteDifference)
            {
                FiniteDifferenceDifferentiation.Run(worker, _observables, Row(parameters, r), step, values, gradient, cancellation);
                return;
            }
            worker.BindRow(Row(parameters, r), r);
            ParameterShiftDifferentiation.Run(worker, _observables, values, gradient, cancellation);
        });
        var (valueMeans, valueErrors) = Average(valueSamples, rows, trajectories, o);
        var (gradientMeans, gradientErrors) = Average(gradientSamples, rows, trajectories, o * p);
        return new GradientResult(To2D(valueMeans, rows, o), To3D(gradientMeans, rows, o, p), _circuit.Symbols)
        {
            ValueErrors = To2D(valueErrors, rows, o),
            GradientErrors = To3D(gradientErrors, rows, o, p),
            Trajectories = trajectories,
        };
    }

    /// <summary>Shot estimates on trajectories: each group's shots spread evenly over up to <see cref="EstimatorOptions.Trajectories"/> of them.</summary>
    private double[,] EvaluateSampledTrajectories(double[,] parameters, int rows, int shotsPerGroup, ulong seed, CancellationToken cancellation)
    {
        int trajectories = Math.Min(_options.Trajectories, shotsPerGroup), o = _observables.Length;
        var parts = new double[rows * trajectories * o];
        ForEachRow(rows * trajectories, cancellation, (worker, item) =>
        {
            int r = item / trajectories, t = item % trajectories;
            worker.BindRow(Row(parameters, r), r);
            worker.TrajectorySeed = TrajectorySeed(r, t);
            worker.RunCircuit(worker.State, cancellation);
            int shots = (int)((long)shotsPerGroup * (t + 1) / trajectories - (long)shotsPerGroup * t / trajectories);
            var random = new SeededRandom(SeededRandom.ForItem(SeededRandom.ForItem(seed, r), t));
            for (int ob = 0; ob < o; ob++)
                parts[item * o + ob] = (double)shots / shotsPerGroup * SampledExpectation.Estimate(worker.State, _observables[ob], shots, random, worker.Scratch);
        });
        var values = new double[rows, o];
        for (int r = 0; r < rows; r++)
            for (int t = 0; t < trajectories; t++)
                for (int ob = 0; ob < o; ob++) values[r, ob] += parts[(r * trajectories + t) * o + ob];
        return values;
    }

    /// <summary>The adjoint method on density matrices (see <see cref="DensityMatrixAdjoint"/>), row by row.</summary>
    private GradientResult DifferentiateDensityMatrix(double[,] parameters, CancellationToken cancellation)
    {
        int rows = CheckRows(parameters), o = _observables.Length, p = _circuit.Symbols.Count;
        var values = new double[rows, o];
        var gradients = new double[rows, o, p];
        ForEachRow(rows, cancellation, (worker, r) =>
        {
            worker.Bind(Row(parameters, r));
            var gradient = p == 0 ? [] : System.Runtime.InteropServices.MemoryMarshal.CreateSpan(ref gradients[r, 0, 0], o * p);
            DensityMatrixAdjoint.Run(worker, _backend, _observables, RowSpan(values, r), gradient, cancellation);
        });
        return new GradientResult(values, gradients, _circuit.Symbols);
    }

    /// <summary>Means and standard errors over the trajectories of each row: samples are [row, trajectory, column], summed in trajectory order.</summary>
    private static (double[] Means, double[] Errors) Average(double[] samples, int rows, int trajectories, int columns)
    {
        var means = new double[rows * columns];
        var errors = new double[rows * columns];
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < columns; c++)
            {
                double sum = 0;
                for (int t = 0; t < trajectories; t++) sum += samples[(r * trajectories + t) * columns + c];
                double mean = sum / trajectories, squares = 0;
                for (int t = 0; t < trajectories; t++)
                {
                    double d = samples[(r * trajectories + t) * columns + c] - mean;
                    squares += d * d;
                }
                means[r * columns + c] = mean;
                errors[r * columns + c] = Math.Sqrt(squares / (trajectories - 1) / trajectories);
            }
        return (means, errors);
    }

    private static double[,] To2D(double[] flat, int rows, int columns)
    {
        var result = new double[rows, columns];
        Buffer.BlockCopy(flat, 0, result, 0, flat.Length * sizeof(double));
        return result;
    }

    private static double[,,] To3D(double[] flat, int rows, int middle, int columns)
    {
        var result = new double[rows, middle, columns];
        Buffer.BlockCopy(flat, 0, result, 0, flat.Length * sizeof(double));
        return result;
    }
}
