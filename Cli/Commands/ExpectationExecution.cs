using QSim.Backends;
using QSim.Circuits;
using QSim.Cli.Output;
using QSim.Estimation;
using QSim.Parameters;

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
    /// Values on the final state of <paramref name="unitary"/> (the circuit without its terminal measurements), and
    /// the gradient when <paramref name="gradient"/> names one of <see cref="GradientMethods"/>. The request passed <see cref="Check"/>.
    /// </summary>
    /// <exception cref="CliException">The method cannot differentiate one of the circuit's gates.</exception>
    public static (ExpectationReport Values, GradientReport? Gradient) Compute(IBackend backend, Circuit unitary,
        IReadOnlyList<RequestedObservable> observables, ParameterBinding binding, Precision precision, string? gradient)
    {
        var sums = observables.Select(o => o.Sum).ToList();
        var labels = observables.Select(o => o.Text).ToList();
        var estimator = new Estimator(backend, new EstimatorOptions { Precision = precision });
        if (gradient is null)
            return (new ExpectationReport(labels, FirstRow(estimator.Evaluate(unitary, sums, binding))), null);

        GradientResult result;
        try
        {
            result = estimator.EvaluateWithGradient(unitary, sums, binding, GradientMethods[gradient]);
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

    private static double[] FirstRow(double[,] values) => [.. Enumerable.Range(0, values.GetLength(1)).Select(o => values[0, o])];
}
