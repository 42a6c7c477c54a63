using System.Numerics;
using QSim.Backends;
using QSim.Circuits;
using QSim.Cli.Output;
using QSim.Execution;
using QSim.Parameters;
using QSim.Passes;

namespace QSim.Cli.Commands;

/// <summary>Simulates a parsed circuit as a <see cref="RunRequest"/> asks and gathers the results.</summary>
internal static class RunExecution
{
    private const int DefaultShots = 1024;

    /// <summary>Runs the request's outputs; <paramref name="progress"/> receives one step per output until the engine reports its own steps.</summary>
    public static RunReport Execute(Circuit circuit, RunRequest request, BackendSelection backends, CliConsole console, IProgress<ExecutionProgress> progress)
    {
        bool measures = circuit.Operations.Any(IsMeasurement);
        var outputs = request.Outputs.Count > 0 ? request.Outputs : [measures ? "counts" : "probabilities"];
        int shots = request.Shots ?? (measures ? DefaultShots : 0);
        if (outputs.Contains("counts") && !measures)
            throw new CliException("--output counts needs measurements, and the circuit has none; ask for probabilities or statevector");
        if (outputs.Contains("counts") && shots == 0)
            throw new CliException("--output counts needs at least one shot; got --shots 0");
        // Checked before anything runs, so a bad request fails fast whatever the outputs' order.
        var unitary = outputs.Contains("statevector") || outputs.Contains(RunCommand.Expectation) ? WithoutTerminalMeasurements(circuit, outputs) : null;
        if (outputs.Contains(RunCommand.Expectation)) ExpectationExecution.Check(circuit, request.Observables, request.Gradient);

        var binding = Bind(request.Parameters, circuit);
        ulong seed = request.Seed ?? (ulong)Random.Shared.NextInt64();

        using var backend = backends.Create(request.Backend, request.Threads, console.Error);
        // Counts sample at single precision by default (rounding of 1e-7 is far below any sampling noise); exact outputs default to double.
        var exact = new ExactPrecision(request.Precision, console.Error);
        // PROGRESS: the engine calls below take `progress` once they report their own steps; until then each output is one step.
        int outputsDone = 0;
        void OutputDone() => progress.Report(new ExecutionProgress(++outputsDone, outputs.Count));
        progress.Report(new ExecutionProgress(0, outputs.Count));
        var report = new RunReport(request.File, circuit.QubitCount, circuit.ClbitCount, outputs.Contains("counts") ? shots : null, seed);
        if (outputs.Contains("counts"))
        {
            var counts = new Simulator(backend, new PassManager(request.OptimizationLevel)).Counts(circuit, new RunOptions { Shots = shots, Seed = seed, Precision = request.Precision ?? Precision.Single, Binding = binding });
            report = report with { Counts = counts };
            OutputDone();
        }
        if (outputs.Contains("probabilities"))
        {
            var probabilities = exact.Run(precision => ExactProbabilities.Compute(backend, circuit, binding, precision));
            report = report with { Probabilities = new ProbabilityTable(probabilities.Probabilities, circuit.QubitCount) };
            OutputDone();
        }
        if (outputs.Contains("statevector"))
        {
            report = report with { StateVector = exact.Run(precision => FinalAmplitudes(new Simulator(backend, new PassManager(request.OptimizationLevel)), unitary!, binding, precision)) };
            OutputDone();
        }
        if (outputs.Contains(RunCommand.Expectation))
        {
            var (values, gradient) = exact.Run(precision => ExpectationExecution.Compute(backend, unitary!, request.Observables, binding, precision, request.Gradient));
            report = report with { Expectation = values, Gradient = gradient };
            OutputDone();
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
    /// The circuit less its terminal measurements, which only read the final state: the state vector and
    /// expectation values are those of the state just before them.
    /// </summary>
    /// <exception cref="CliException">Mid-circuit measurement, reset or if leave no single final state.</exception>
    private static Circuit WithoutTerminalMeasurements(Circuit circuit, List<string> outputs)
    {
        if (!circuit.HasOnlyTerminalMeasurements)
        {
            string asked = string.Join(" and ", outputs.Where(o => o is "statevector" or RunCommand.Expectation));
            throw new CliException($"--output {asked}: the circuit has mid-circuit measurement, reset or if, so there is no single final state; ask for probabilities or counts");
        }
        var unitary = circuit.CopyShape();
        foreach (var op in circuit.Operations.Where(op => op is not MeasureOperation)) unitary.Append(op);
        return unitary;
    }

    private static Complex[] FinalAmplitudes(Simulator simulator, Circuit unitary, ParameterBinding binding, Precision precision)
    {
        using var state = simulator.FinalState(unitary, binding, precision);
        var amplitudes = new Complex[state.Length];
        state.GetAmplitudes(amplitudes);
        return amplitudes;
    }
}
