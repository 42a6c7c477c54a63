using System.Numerics;
using QSim.Backends;
using QSim.Circuits;
using QSim.Cli.Output;
using QSim.Execution;
using QSim.Parameters;
using QSim.Passes;

namespace QSim.Cli.Commands;

/// <summary>
/// Simulates a parsed circuit as a <see cref="RunRequest"/> asks and gathers the results. The circuit is compiled once for
/// the backend at the requested level and precision, and every output (counts, probabilities, state vector, expectation
/// values and gradients) runs that plan.
/// </summary>
internal static class RunExecution
{
    private const int DefaultShots = 1024;

    /// <summary>Runs the request's outputs, reporting each one's progress as its share of the whole to <paramref name="control"/>.</summary>
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
        var plans = new Plans(new Simulator(backend, request.OptimizationLevel, ExpectationExecution.OptimizerOptions(outputs)), circuit, request.Verbose ? console.Error : null);
        // Counts sample at single precision by default (rounding of 1e-7 is far below any sampling noise); exact outputs default to double.
        var exact = new ExactPrecision(request.Precision, console.Error);
        var progress = new OutputProgress(control, outputs.Count);
        var report = new RunReport(request.File, circuit.QubitCount, circuit.ClbitCount, outputs.Contains("counts") ? shots : null, seed);
        if (outputs.Contains("counts"))
        {
            var options = new RunOptions { Shots = shots, Seed = seed, Binding = binding };
            report = report with { Counts = plans.Simulator.Counts(plans.For(request.Precision ?? Precision.Single), options, progress.Next()) };
        }
        if (outputs.Contains("probabilities"))
        {
            var run = progress.Next();
            var probabilities = exact.Run(precision => ExactProbabilities.Compute(backend, plans.For(precision), binding, control: run));
            report = report with { Probabilities = new ProbabilityTable(probabilities.Probabilities, circuit.QubitCount) };
        }
        if (outputs.Contains("statevector"))
        {
            var run = progress.Next();
            report = report with { StateVector = exact.Run(precision => FinalAmplitudes(plans, precision, binding, run)) };
        }
        if (outputs.Contains(RunCommand.Expectation))
        {
            var run = progress.Next();
            var (values, gradient) = exact.Run(precision =>
                ExpectationExecution.Compute(backend, plans.For(precision), request.Observables, binding, request.Gradient, run.Cancellation));
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

    /// <summary>The state just before the terminal measurements (they only read it), as a host copy of every amplitude.</summary>
    /// <exception cref="StateTooLargeException">The state and its copy do not fit together.</exception>
    private static Complex[] FinalAmplitudes(Plans plans, Precision precision, ParameterBinding binding, RunControl control)
    {
        var compiled = plans.For(precision);
        EnsureStateVectorOutputFits(plans.Simulator.Backend, compiled.Plan.QubitCount, precision);
        using var state = plans.Simulator.FinalState(compiled, binding, control);
        var amplitudes = new Complex[state.Length];
        state.GetAmplitudes(amplitudes);
        return amplitudes;
    }

    /// <summary>
    /// The state-vector output is a host copy of every amplitude (16 bytes each) beside the state itself: both must fit, or
    /// the run would be ended by the system's out-of-memory killer after the state was admitted.
    /// </summary>
    /// <exception cref="StateTooLargeException">They do not fit; the message names both numbers.</exception>
    private static void EnsureStateVectorOutputFits(IBackend backend, int qubits, Precision precision)
    {
        // The state alone first, so a state that cannot exist is refused as such.
        MemoryGuard.EnsureFits(qubits, precision, backend.AvailableBytes, backend.Name == BackendSelection.Cpu ? "in host memory" : $"on {backend.Description}");
        double output = Math.Pow(2, qubits) * 16;
        double onHost = output + (backend.Name == BackendSelection.Cpu ? MemoryGuard.StateBytes(qubits, precision) : 0);
        MemoryGuard.EnsureFits(onHost, MemoryGuard.AvailableHostBytes(),
            $"Printing the state vector of {qubits} qubits (the state and a copy of its {Math.Pow(2, qubits):0} amplitudes)", "in host memory");
    }

    /// <summary>The run's compiled circuit per precision (the backend's costs and sweep block differ by precision), each compiled once.</summary>
    private sealed class Plans(Simulator simulator, Circuit circuit, TextWriter? statistics)
    {
        private readonly Dictionary<Precision, CompiledCircuit> _compiled = new();

        public Simulator Simulator => simulator;

        public CompiledCircuit For(Precision precision)
        {
            if (_compiled.TryGetValue(precision, out var compiled)) return compiled;
            compiled = _compiled[precision] = simulator.Compile(circuit, precision);
            statistics?.WriteLine(compiled.Statistics);
            return compiled;
        }
    }

    /// <summary>Each output's engine progress, reported to the run's observer as that output's share of the whole run.</summary>
    private sealed class OutputProgress(RunControl control, int outputs)
    {
        private const long UnitsPerOutput = 1000;
        private int _started;

        /// <summary>The control of the next output: its progress fills that output's share.</summary>
        public RunControl Next()
        {
            if (control.Progress is not { } overall) return control;
            long offset = _started++ * UnitsPerOutput, total = outputs * UnitsPerOutput;
            overall.Report(new ExecutionProgress(offset, total));
            return control with { Progress = new Share(overall, offset, total) };
        }

        private sealed class Share(IProgress<ExecutionProgress> overall, long offset, long total) : IProgress<ExecutionProgress>
        {
            public void Report(ExecutionProgress value) =>
                overall.Report(new ExecutionProgress(offset + (value.Total == 0 ? 0 : value.Done * UnitsPerOutput / value.Total), total));
        }
    }
}
