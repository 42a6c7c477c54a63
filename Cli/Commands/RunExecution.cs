using System.Numerics;
using QSim.Backends;
using QSim.Circuits;
using QSim.Cli.Output;
using QSim.Estimation;
using QSim.Execution;
using QSim.Parameters;
using QSim.Passes;

namespace QSim.Cli.Commands;

/// <summary>
/// Simulates a parsed circuit as a <see cref="RunRequest"/> asks and gathers the results. The circuit is compiled once for
/// the backend at the requested level, and every output (counts, probabilities, state vector, expectation values and
/// gradients) runs that plan.
/// </summary>
internal static class RunExecution
{
    /// <summary>Probabilities below this are left out of the output (they are rounding noise of zero).</summary>
    private const double SmallestReportedProbability = 1e-12;

    private const int DefaultShots = 1024;

    public static RunReport Execute(Circuit circuit, RunRequest request, BackendCatalog backends, CliConsole console, RunControl control = default)
    {
        bool measures = circuit.Operations.Any(IsMeasurement);
        var outputs = request.Outputs.Count > 0 ? request.Outputs : [measures ? "counts" : "probabilities"];
        int shots = request.Shots ?? (measures ? DefaultShots : 0);
        if (outputs.Contains("counts") && !measures)
            throw new CliException("--output counts needs measurements, and the circuit has none; ask for probabilities or statevector");
        if (outputs.Contains("counts") && shots == 0)
            throw new CliException("--output counts needs at least one shot; got --shots 0");
        // Checked before anything runs, so a bad request fails fast whatever the outputs' order.
        bool finalState = outputs.Contains("statevector") || outputs.Contains(RunCommand.Expectation);
        if (finalState && !circuit.HasOnlyTerminalMeasurements)
        {
            string asked = string.Join(" and ", outputs.Where(o => o is "statevector" or RunCommand.Expectation));
            throw new CliException($"--output {asked}: the circuit has mid-circuit measurement, reset or if, so there is no single final state; ask for probabilities or counts");
        }
        if (outputs.Contains(RunCommand.Expectation)) ExpectationExecution.Check(circuit, request.Observables, request.Gradient);

        var binding = Bind(request.Parameters, circuit);
        ulong seed = request.Seed ?? (ulong)Random.Shared.NextInt64();
        if (request.Noise is { } noise) return NoiseExecution.Execute(circuit, request, noise, outputs, shots, seed, binding, backends, console, control);

        using var backend = backends.Create(request.Backend, request.Threads, console.Error);
        var simulator = new Simulator(backend, request.OptimizationLevel, ExpectationExecution.OptimizerOptions(outputs));
        var compiled = simulator.Compile(circuit, request.Precision);
        if (request.Verbose) console.Error.WriteLine(compiled.Statistics);
        using var progress = Progress.Start(console, $"simulating {circuit.QubitCount} qubit(s)" + (outputs.Contains("counts") ? $", {shots} shot(s)" : ""));
        var report = new RunReport(request.File, circuit.QubitCount, circuit.ClbitCount, outputs.Contains("counts") ? shots : null, seed);
        if (outputs.Contains("counts"))
            report = report with { Counts = simulator.Counts(compiled, new RunOptions { Shots = shots, Seed = seed, Binding = binding }, control) };
        if (outputs.Contains("probabilities"))
        {
            var exact = ExactProbabilities.Compute(backend, compiled, binding, control: control);
            report = report with { Probabilities = Bitstrings(exact.Probabilities, circuit.QubitCount) };
        }
        if (outputs.Contains("statevector"))
            report = report with { StateVector = FinalAmplitudes(simulator, compiled, binding, control) };
        if (outputs.Contains(RunCommand.Expectation))
        {
            var (values, gradient) = ExpectationExecution.Compute(backend, compiled, request.Observables, binding, request.Gradient, control.Cancellation);
            report = report with { Expectation = values, Gradient = gradient };
        }
        return report;
    }

    private static ParameterBinding Bind(Dictionary<string, double> values, Circuit circuit)
    {
        try
        {
            var binding = ParameterBinding.FromNames(values);
            binding.RequireExactly(circuit.Symbols.ToList());
            return binding;
        }
        catch (ParameterBindingException e)
        {
            throw new CliException($"{e.Message} Give each input of the circuit a value with --param name=value.");
        }
    }

    private static bool IsMeasurement(Operation op) => op is MeasureOperation or ConditionalOperation { Body: MeasureOperation };

    /// <summary>
    /// <paramref name="values"/> by basis state (qubit 0 rightmost), for the states whose probability (<paramref name="values"/>
    /// themselves, or <paramref name="probabilities"/> when given: their standard errors) is reported.
    /// </summary>
    internal static SortedDictionary<string, double> Bitstrings(double[] values, int qubits, double[]? probabilities = null)
    {
        probabilities ??= values;
        var result = new SortedDictionary<string, double>(StringComparer.Ordinal);
        for (int i = 0; i < values.Length; i++)
            if (probabilities[i] >= SmallestReportedProbability) result[Simulator.FormatBasisIndex(i, qubits)] = values[i];
        return result;
    }

    /// <summary>The state just before the terminal measurements (they only read it).</summary>
    private static Complex[] FinalAmplitudes(Simulator simulator, CompiledCircuit compiled, ParameterBinding binding, RunControl control)
    {
        using var state = simulator.FinalState(compiled, binding, control);
        var amplitudes = new Complex[state.Length];
        state.GetAmplitudes(amplitudes);
        return amplitudes;
    }
}
