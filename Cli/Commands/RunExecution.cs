using System.Numerics;
using QSim.Backends;
using QSim.Circuits;
using QSim.Cli.Output;
using QSim.Cpu;
using QSim.Execution;
using QSim.Parameters;

namespace QSim.Cli.Commands;

/// <summary>Simulates a parsed circuit as a <see cref="RunRequest"/> asks and gathers the results.</summary>
internal static class RunExecution
{
    /// <summary>Probabilities below this are left out of the output (they are rounding noise of zero).</summary>
    private const double SmallestReportedProbability = 1e-12;

    private const int DefaultShots = 1024;

    public static RunReport Execute(Circuit circuit, RunRequest request, CliConsole console)
    {
        bool measures = circuit.Operations.Any(IsMeasurement);
        var outputs = request.Outputs.Count > 0 ? request.Outputs : [measures ? "counts" : "probabilities"];
        int shots = request.Shots ?? (measures ? DefaultShots : 0);
        if (outputs.Contains("counts") && !measures)
            throw new CliException("--output counts needs measurements, and the circuit has none; ask for probabilities or statevector");
        if (outputs.Contains("counts") && shots == 0)
            throw new CliException("--output counts needs at least one shot; got --shots 0");
        if (outputs.Contains("statevector") && !circuit.HasOnlyTerminalMeasurements)
            throw new CliException("--output statevector: the circuit has mid-circuit measurement, reset or if, so there is no single final state; ask for probabilities or counts");

        var binding = Bind(request.Parameters, circuit);
        ulong seed = request.Seed ?? (ulong)Random.Shared.NextInt64();

        using var backend = CreateBackend(request);
        using var progress = Progress.Start(console, $"simulating {circuit.QubitCount} qubit(s)" + (outputs.Contains("counts") ? $", {shots} shot(s)" : ""));
        var report = new RunReport(request.File, circuit.QubitCount, circuit.ClbitCount, outputs.Contains("counts") ? shots : null, seed);
        if (outputs.Contains("counts"))
        {
            var counts = new Simulator(backend).Counts(circuit, new RunOptions { Shots = shots, Seed = seed, Precision = request.Precision, Binding = binding });
            report = report with { Counts = counts };
        }
        if (outputs.Contains("probabilities"))
        {
            var exact = ExactProbabilities.Compute(backend, circuit, binding, request.Precision);
            report = report with { Probabilities = Bitstrings(exact.Probabilities, circuit.QubitCount) };
        }
        if (outputs.Contains("statevector"))
            report = report with { StateVector = FinalAmplitudes(backend, circuit, binding, request.Precision) };
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

    private static IBackend CreateBackend(RunRequest request)
    {
        // "auto" picks the best backend present; the CPU is the only one this build has.
        var options = new CpuBackendOptions();
        if (request.Threads is { } threads) options = options with { Threads = threads };
        return new CpuBackend(options);
    }

    private static SortedDictionary<string, double> Bitstrings(double[] probabilities, int qubits)
    {
        var result = new SortedDictionary<string, double>(StringComparer.Ordinal);
        for (int i = 0; i < probabilities.Length; i++)
            if (probabilities[i] >= SmallestReportedProbability) result[Simulator.FormatBasisIndex(i, qubits)] = probabilities[i];
        return result;
    }

    /// <summary>The state before the terminal measurements (they do not change it, only read it).</summary>
    private static Complex[] FinalAmplitudes(IBackend backend, Circuit circuit, ParameterBinding binding, Precision precision)
    {
        var unitary = circuit.CopyShape();
        foreach (var op in circuit.Operations.Where(op => op is not MeasureOperation)) unitary.Append(op);
        using var state = new Simulator(backend).FinalState(unitary, binding, precision);
        var amplitudes = new Complex[state.Length];
        state.GetAmplitudes(amplitudes);
        return amplitudes;
    }
}
