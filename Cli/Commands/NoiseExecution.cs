using QSim.Backends;
using QSim.Circuits;
using QSim.Cli.Output;
using QSim.DensityMatrix;
using QSim.Estimation;
using QSim.Execution;
using QSim.Noise;
using QSim.Parameters;
using QSim.Passes;

namespace QSim.Cli.Commands;

/// <summary>The noise options of one <c>qsim run</c>: the model file, how to run it, and how many trajectories.</summary>
/// <param name="ModelFile">The noise model's JSON file (<c>--noise</c>).</param>
/// <param name="Method">density-matrix or trajectories (<c>--method</c>), or null to choose by size.</param>
/// <param name="Trajectories">Trajectories to average (<c>--trajectories</c>), or null for the default.</param>
internal sealed record NoiseRequest(string ModelFile, string? Method, int? Trajectories);

/// <summary>
/// Runs a circuit with a noise model: the model's channels are written into the circuit, which is compiled once for the
/// chosen method (a density matrix on the backend's kernels, or quantum trajectories on its state vectors) and every output
/// runs that plan; measured bits go through the model's readout errors. Averages over trajectories come with their
/// standard errors.
/// </summary>
internal static class NoiseExecution
{
    public const string DensityMatrixMethod = "density-matrix";
    public const string TrajectoriesMethod = "trajectories";

    /// <summary>Values <c>--method</c> accepts.</summary>
    public static readonly string[] Methods = [DensityMatrixMethod, TrajectoriesMethod];

    /// <summary>Largest circuit that runs as a density matrix unless told otherwise: 4^10 elements cost about what a 20-qubit state vector does.</summary>
    public const int DefaultDensityMatrixQubits = 10;

    /// <summary>Most trajectories one run averages.</summary>
    public const int MaxTrajectories = 10_000_000;

    /// <summary>Checks the options that need no file: a method or trajectories without a model, trajectories with a density matrix.</summary>
    /// <exception cref="CliException">They conflict.</exception>
    public static void Validate(NoiseRequest? noise, string? method, int? trajectories)
    {
        if (noise is null && (method is not null || trajectories is not null))
            throw new CliException($"{(method is not null ? "--method" : "--trajectories")} runs a noise model: give it with --noise model.json");
        if (method == DensityMatrixMethod && trajectories is not null)
            throw new CliException("--trajectories sets how many trajectories --method trajectories averages; a density matrix is exact");
    }

    /// <summary>Reads the model, before anything runs.</summary>
    /// <exception cref="CliException">The file cannot be read, or the model is malformed (naming the JSON path of the fault); exit code 2.</exception>
    public static NoiseModel LoadModel(string file)
    {
        try
        {
            return NoiseModelJson.Load(file);
        }
        catch (NoiseModelFormatException e)
        {
            throw new CliException($"--noise {file}: {e.Path}: {e.Reason}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new CliException(e is FileNotFoundException or DirectoryNotFoundException
                ? $"--noise: file '{file}' not found"
                : $"--noise: cannot read '{file}': {e.Message}");
        }
    }

    /// <summary>The method a request runs: as asked, else trajectories when asked for them or when the circuit is too large for a density matrix.</summary>
    public static string MethodOf(NoiseRequest noise, int qubits) =>
        noise.Method ?? (noise.Trajectories is not null || qubits > DefaultDensityMatrixQubits ? TrajectoriesMethod : DensityMatrixMethod);

    public static RunReport Execute(Circuit circuit, RunRequest request, NoiseRequest noise, IReadOnlyList<string> outputs, int shots, ulong seed,
        ParameterBinding binding, BackendCatalog backends, CliConsole console, RunControl control)
    {
        var model = LoadModel(noise.ModelFile);
        if (outputs.Contains("statevector"))
            throw new CliException("--output statevector: a noisy circuit has no state vector; ask for probabilities, counts or expectation");
        NoisyCircuit noisy;
        try
        {
            noisy = model.Apply(circuit);
        }
        catch (ArgumentException e)
        {
            throw new CliException($"--noise {noise.ModelFile}: {e.Message}");
        }
        string method = MethodOf(noise, circuit.QubitCount);
        bool exact = method == DensityMatrixMethod;
        // One number for every output: counts alone default to one trajectory per shot.
        int trajectories = noise.Trajectories ?? (outputs.SequenceEqual(["counts"]) ? Math.Max(2, shots) : TrajectoryOptions.DefaultTrajectories);

        var vectors = backends.Create(request.Backend, request.Threads, console.Error);
        using var backend = exact ? new DensityMatrixBackend(vectors) : vectors;
        var optimizer = ExpectationExecution.OptimizerOptions(outputs);
        // Noisy outputs are averages or exact mixed-state values: double precision unless told otherwise.
        var precision = request.Precision ?? Precision.Double;
        var compiled = new PassManager(request.OptimizationLevel, backend.Capabilities, precision, optimizer).Compile(noisy);
        if (request.Verbose) console.Error.WriteLine(compiled.Statistics);
        var simulator = new Simulator(backend, request.OptimizationLevel, optimizer);
        var report = new RunReport(request.File, circuit.QubitCount, circuit.ClbitCount, outputs.Contains("counts") ? shots : null, seed)
        {
            Noise = new NoiseSummary(noise.ModelFile, method, exact ? null : trajectories),
        };
        if (outputs.Contains("counts"))
        {
            var options = new RunOptions { Shots = shots, Seed = seed, Binding = binding, Trajectories = trajectories };
            report = report with { Counts = simulator.Counts(compiled, options, control) };
        }
        if (outputs.Contains("probabilities"))
        {
            var result = simulator.Probabilities(compiled, binding, new TrajectoryOptions { Trajectories = trajectories, Seed = seed }, control);
            report = report with { Probabilities = new ProbabilityTable(result.Probabilities, circuit.QubitCount, result.StandardErrors) };
        }
        if (outputs.Contains(RunCommand.Expectation))
        {
            var options = new EstimatorOptions { Precision = precision, Trajectories = trajectories, Seed = seed, Optimizer = optimizer };
            var (values, gradient) = ExpectationExecution.Compute(backend, compiled, request.Observables, binding, request.Gradient, control.Cancellation, options);
            report = report with { Expectation = values, Gradient = gradient };
        }
        return report;
    }
}
