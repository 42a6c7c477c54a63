using System.CommandLine;
using System.Globalization;
using QSim.Backends;
using QSim.Cli.Output;

namespace QSim.Cli.Commands;

/// <summary><c>qsim run FILE|-</c>: simulates a circuit and prints counts, probabilities, the state vector, expectation values and their gradients.</summary>
internal static class RunCommand
{
    /// <summary>Output kinds <c>--output</c> accepts.</summary>
    public static readonly string[] OutputKinds = ["counts", "probabilities", "statevector", Expectation];

    public const string Expectation = "expectation";

    /// <summary>The most shots one run samples; sampling holds 16 bytes per shot (1.6 GB at the limit).</summary>
    public const int MaxShots = 100_000_000;

    public static Command Create(CliConsole console, BackendCatalog backends)
    {
        var file = new Argument<string>("file") { Description = "OpenQASM 2 or 3 file to run, or - to read standard input" };
        var shots = WholeNumberOption.Create("--shots", $"Shots to sample for counts, at most {MaxShots} (default 1024 when the circuit measures, else none)", 0, MaxShots, "-s");
        var seed = WholeNumberOption.Create("--seed", "Seed of the sampling for counts (default: a random seed, printed with the counts)", 0UL, ulong.MaxValue);
        var output = new Option<string[]>("--output", "-o")
        {
            Description = "What to print: counts, probabilities, statevector, expectation (repeat or separate with commas; default counts when the circuit measures, else probabilities)",
        };
        var observable = new Option<string[]>("--observable") { Description = "Observable for expectation, e.g. \"0.5*Z0*Z1 + X2\" (repeatable; one value each, in order)" };
        var gradient = new Option<string?>("--gradient", "-g") { Description = "Also print the gradient of every expectation value with respect to every input: adjoint, shift (parameter shift) or fd (finite differences)" };
        gradient.AcceptOnlyFromAmong([.. ExpectationExecution.GradientMethods.Keys]);
        var parameters = new Option<string[]>("--param", "-p") { Description = "Value of an OpenQASM 3 input, as name=value (repeatable)" };
        var precision = new Option<string?>("--precision")
        {
            Description = "State precision: single (complex64) or double (complex128) (default: double for probabilities, statevector and expectation, single where a double state does not fit; single for counts)",
        };
        precision.AcceptOnlyFromAmong("single", "double");
        var backend = new Option<string>("--backend") { Description = "Kernel layer: cpu, gpu (CUDA, then OpenCL), or auto (the GPU if usable, else the CPU)", DefaultValueFactory = _ => BackendSelection.Cpu };
        backend.AcceptOnlyFromAmong([.. backends.Names]);
        var threads = WholeNumberOption.Create("--threads", "Threads for the CPU backend (default: every core); not with --backend gpu", 1, int.MaxValue, "-t");
        var format = new Option<string>("--format", "-f") { Description = "Output format: text or json", DefaultValueFactory = _ => "text" };
        var optimize = OptimizeOption.Create();
        var verbose = new Option<bool>("--verbose", "-v") { Description = "Also print, on stderr, what the optimizer made of the circuit for the backend" };
        var includePaths = CircuitLoader.CreateIncludePathOption();
        format.AcceptOnlyFromAmong("text", "json");
        var all = new Option<bool>("--all") { Description = $"Print every outcome and amplitude (default: the {OutputLimit.DefaultEntries} most likely outcomes and the first {OutputLimit.DefaultEntries} amplitudes, and how many more there are)" };
        var plot = new Option<string?>("--plot") { Description = "Also draw a histogram of the counts (or probabilities) into this PNG file" };
        var noise = new Option<string?>("--noise") { Description = "Noise model, a JSON file (docs/noise.md): its channels after gates and before measurements, its readout errors on measured bits" };
        var method = new Option<string?>("--method")
        {
            Description = $"How --noise runs: density-matrix (exact, memory 4^n) or trajectories (averages with standard errors); default density-matrix up to {NoiseExecution.DefaultDensityMatrixQubits} qubits",
        };
        method.AcceptOnlyFromAmong(NoiseExecution.Methods);
        var trajectories = WholeNumberOption.Create("--trajectories", "Quantum trajectories --noise averages (implies --method trajectories; default one per shot for counts, else 1000)",
            2, NoiseExecution.MaxTrajectories);

        var command = new Command("run", "Simulate an OpenQASM circuit")
        {
            file, shots, seed, output, observable, gradient, parameters, precision, backend, threads, optimize, verbose, includePaths, format, all, plot,
            noise, method, trajectories,
        };
        command.SetAction(parse => CommandRunner.Guard(console, parse.GetValue(format) == "json", () =>
        {
            var observables = RequestedObservable.ParseAll(parse.GetValue(observable) ?? []);
            var outputs = ParseOutputs(parse.GetValue(output) ?? []);
            // Observables alone ask for their values: no need to repeat --output expectation.
            if (outputs.Count == 0 && observables.Count > 0) outputs.Add(Expectation);
            var request = new RunRequest(
                File: parse.GetValue(file)!,
                Shots: parse.GetValue(shots),
                Seed: parse.GetValue(seed),
                Outputs: outputs,
                Observables: observables,
                Gradient: parse.GetValue(gradient),
                Parameters: ParseParameters(parse.GetValue(parameters) ?? []),
                Precision: parse.GetValue(precision) switch { "double" => Precision.Double, "single" => Precision.Single, _ => null },
                Backend: parse.GetValue(backend)!,
                Threads: parse.GetValue(threads),
                OptimizationLevel: parse.GetValue(optimize),
                Verbose: parse.GetValue(verbose),
                Noise: parse.GetValue(noise) is { } model ? new NoiseRequest(model, parse.GetValue(method), parse.GetValue(trajectories)) : null);
            NoiseExecution.Validate(request.Noise, parse.GetValue(method), parse.GetValue(trajectories));
            Validate(request);
            string? plotPath = parse.GetValue(plot);
            if (plotPath is not null && outputs.Count > 0 && !outputs.Intersect(HistogramPlot.PlottableOutputs).Any())
                throw new CliException($"--plot draws {string.Join(" or ", HistogramPlot.PlottableOutputs)}; add one of them to --output");
            var circuit = CircuitLoader.Load(request.File, parse.GetValue(includePaths) ?? [], console);
            RunReport report;
            using (var progress = ProgressBar.Start(console, $"simulating {circuit.QubitCount} qubits"))
                report = RunExecution.Execute(circuit, request, backends, console, new QSim.Execution.RunControl(console.Cancellation, progress));
            var limit = parse.GetValue(all) ? OutputLimit.All : OutputLimit.Default;
            if (plotPath is not null) HistogramPlot.Write(report, limit, plotPath);
            ReportWriters.For(parse.GetValue(format)!).WriteRun(report, console.Out, limit);
            return ExitCodes.Success;
        }));
        return command;
    }

    private static List<string> ParseOutputs(string[] values)
    {
        var kinds = new List<string>();
        foreach (string kind in values.SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            if (!OutputKinds.Contains(kind))
                throw new CliException($"unknown output kind '{kind}' for --output (use {string.Join(", ", OutputKinds)})");
            if (!kinds.Contains(kind)) kinds.Add(kind);
        }
        return kinds;
    }

    private static Dictionary<string, double> ParseParameters(string[] values)
    {
        var parsed = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (string value in values)
        {
            int equals = value.IndexOf('=');
            if (equals <= 0)
                throw new CliException($"--param expects name=value; got '{value}'");
            string name = value[..equals].Trim();
            if (!double.TryParse(value[(equals + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out double number) || !double.IsFinite(number))
                throw new CliException($"--param {name}: '{value[(equals + 1)..]}' is not a finite number");
            if (!parsed.TryAdd(name, number))
                throw new CliException($"--param {name} is given more than once");
        }
        return parsed;
    }

    private static void Validate(RunRequest request)
    {
        if (request.Threads is not null && request.Backend == BackendSelection.Gpu)
            throw new CliException("--threads sets the CPU backend's threads; it cannot be used with --backend gpu");
        bool expectation = request.Outputs.Contains(Expectation);
        if (expectation && request.Observables.Count == 0)
            throw new CliException("--output expectation needs at least one --observable, e.g. --observable \"Z0\"");
        if (!expectation && request.Observables.Count > 0)
            throw new CliException("--observable is only used by --output expectation; add it to --output");
        if (request.Gradient is not null && request.Observables.Count == 0)
            throw new CliException($"--gradient {request.Gradient} differentiates expectation values: give --observable (and --output expectation)");
    }
}

/// <summary>The validated options of one <c>qsim run</c>; a null <c>Precision</c> leaves each output its default.</summary>
internal sealed record RunRequest(
    string File,
    int? Shots,
    ulong? Seed,
    List<string> Outputs,
    List<RequestedObservable> Observables,
    string? Gradient,
    Dictionary<string, double> Parameters,
    Precision? Precision,
    string Backend,
    int? Threads,
    int OptimizationLevel,
    bool Verbose,
    NoiseRequest? Noise = null);
