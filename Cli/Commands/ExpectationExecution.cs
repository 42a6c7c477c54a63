using QSim.Backends;
using QSim.Circuits;
using QSim.Cli.Output;
using QSim.Estimation;
using QSim.Parameters;
using QSim.Passes;

namespace QSim.Cli.Commands;

/// <summary>Exact expectation values of the requested observables on a unitary circuit, and their gradients when asked.</summary>
internal static class ExpectationExecution
{
    /// <summary>Names <c>--gradient</c> accepts, and the method each stands for.</summary>
    public static readonly IReadOnlyDictionary<string, GradientMethod> GradientMethods = new Dictionary<string, GradientMethod>
    {
        ["adjoint"] = GradientMethod.Adjoint,
        ["shift"] = GradientMethod.ParameterShift,
        ["fd"] = GradientMethod.FiniteDifference,
    };

    /// <summary>Checks what can be checked before a state exists, so that a bad request costs nothing.</summary>
    /// <exception cref="CliException">An observable acts beyond the circuit, or a gradient is asked of a circuit without parameters.</exception>
    public static void Check(Circuit circuit, IReadOnlyList<RequestedObservable> observables, string? gradient)
    {
        foreach (var observable in observables) observable.RequireFits(circuit.QubitCount);
        if (gradient is not null && circuit.Symbols.Count == 0)
            throw new CliException($"--gradient {gradient}: the circuit has no input parameters to differentiate (declare them as 'input float[64] name;')");
    }

    /// <summary>
    /// The optimizer settings of a run: an estimator's (small parameterized blocks, whose derivative terms the adjoint
    /// method reads) when the run asks for expectation values, so one compiled plan serves every output; the backend's own otherwise.
    /// </summary>
    public static OptimizerOptions? OptimizerOptions(IReadOnlyList<string> outputs) =>
        outputs.Contains(RunCommand.Expectation) ? Estimator.CompileOptions() : null;

    /// <summary>
    /// Values on the final state of the compiled circuit (its terminal measurements dropped), and the gradient when
    /// <paramref name="gradient"/> names one of <see cref="GradientMethods"/>. The request passed <see cref="Check"/>. A noisy
    /// circuit on state vectors gives averages over the <paramref name="options"/>' trajectories, with their standard errors.
    /// </summary>
    /// <exception cref="CliException">The method cannot differentiate one of the circuit's gates.</exception>
    public static (ExpectationReport Values, GradientReport? Gradient) Compute(IBackend backend, CompiledCircuit compiled,
        IReadOnlyList<RequestedObservable> observables, ParameterBinding binding, string? gradient, CancellationToken cancellation,
        EstimatorOptions? options = null)
    {
        var sums = observables.Select(o => o.Sum).ToList();
        var labels = observables.Select(o => o.Text).ToList();
        var estimator = new Estimator(backend, options ?? new EstimatorOptions { Precision = compiled.Precision });
        using var compiledEstimator = estimator.Compile(compiled, sums);
        var row = Row(compiledEstimator.Parameters, binding);
        if (gradient is null)
        {
            var estimate = compiledEstimator.EvaluateWithErrors(row, cancellation);
            return (new ExpectationReport(labels, FirstRow(estimate.Values)) { Errors = estimate.StandardErrors is { } standardErrors ? FirstRow(standardErrors) : null }, null);
        }

        GradientResult result;
        try
        {
            result = compiledEstimator.EvaluateWithGradient(row, GradientMethods[gradient], cancellation);
        }
        catch (NotSupportedException e)
        {
            throw new CliException($"--gradient {gradient}: {e.Message} (--gradient fd works for every gate)");
        }
        return (new ExpectationReport(labels, FirstRow(result.Values)) { Errors = result.ValueErrors is { } valueErrors ? FirstRow(valueErrors) : null },
            new GradientReport(gradient, [.. result.Parameters.Select(s => s.Name)], FirstRow(result.Gradients))
            {
                Errors = result.GradientErrors is { } errors ? FirstRow(errors) : null,
            });
    }

    /// <summary>[observable, parameter] of row 0.</summary>
    private static double[,] FirstRow(double[,,] values)
    {
        var row = new double[values.GetLength(1), values.GetLength(2)];
        for (int o = 0; o < row.GetLength(0); o++)
            for (int p = 0; p < row.GetLength(1); p++) row[o, p] = values[0, o, p];
        return row;
    }

    /// <summary>The binding as one parameter row [1, P] in the estimator's column order.</summary>
    private static double[,] Row(IReadOnlyList<Symbol> symbols, ParameterBinding binding)
    {
        var row = new double[1, symbols.Count];
        for (int j = 0; j < symbols.Count; j++) row[0, j] = binding[symbols[j]];
        return row;
    }

    private static double[] FirstRow(double[,] values) => [.. Enumerable.Range(0, values.GetLength(1)).Select(o => values[0, o])];
}
