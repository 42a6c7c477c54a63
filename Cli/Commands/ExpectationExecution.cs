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
    /// <paramref name="gradient"/> names one of <see cref="GradientMethods"/>. The request passed <see cref="Check"/>.
    /// </summary>
    /// <exception cref="CliException">The method cannot differentiate one of the circuit's gates.</exception>
    public static (ExpectationReport Values, GradientReport? Gradient) Compute(IBackend backend, CompiledCircuit compiled,
        IReadOnlyList<RequestedObservable> observables, ParameterBinding binding, string? gradient, CancellationToken cancellation)
    {
        var sums = observables.Select(o => o.Sum).ToList();
        var labels = observables.Select(o => o.Text).ToList();
        var estimator = new Estimator(backend, new EstimatorOptions { Precision = compiled.Precision });
        using var compiledEstimator = estimator.Compile(compiled, sums);
        var row = Row(compiledEstimator.Parameters, binding);
        if (gradient is null)
            return (new ExpectationReport(labels, FirstRow(compiledEstimator.Evaluate(row, cancellation))), null);

        GradientResult result;
        try
        {
            result = compiledEstimator.EvaluateWithGradient(row, GradientMethods[gradient], cancellation);
        }
        catch (NotSupportedException e)
        {
            throw new CliException($"--gradient {gradient}: {e.Message} (--gradient fd works for every gate)");
        }
        var derivatives = new double[sums.Count, result.Parameters.Count];
        for (int o = 0; o < sums.Count; o++)
            for (int p = 0; p < result.Parameters.Count; p++) derivatives[o, p] = result.Gradients[0, o, p];
        return (new ExpectationReport(labels, FirstRow(result.Values)),
            new GradientReport(gradient, [.. result.Parameters.Select(s => s.Name)], derivatives));
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
