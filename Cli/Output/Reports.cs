using System.Numerics;

namespace QSim.Cli.Output;

/// <summary>What <c>qsim run</c> prints; absent outputs are null.</summary>
/// <param name="File">The file that was run.</param>
/// <param name="Qubits">Number of qubits.</param>
/// <param name="Clbits">Number of classical bits.</param>
/// <param name="Shots">Shots sampled, or null when no counts were asked for.</param>
/// <param name="Seed">The seed of the sampling (printed only with counts: exact outputs use no randomness).</param>
internal sealed record RunReport(string File, int Qubits, int Clbits, int? Shots, ulong Seed)
{
    /// <summary>Classical outcome → count (Qiskit key convention).</summary>
    public IReadOnlyDictionary<string, int>? Counts { get; init; }

    /// <summary>Exact probability of each basis state.</summary>
    public ProbabilityTable? Probabilities { get; init; }

    /// <summary>Amplitudes by index.</summary>
    public Complex[]? StateVector { get; init; }

    /// <summary>Exact expectation value of each observable, in the order given.</summary>
    public ExpectationReport? Expectation { get; init; }

    /// <summary>Derivatives of each expectation value with respect to each input parameter.</summary>
    public GradientReport? Gradient { get; init; }

    /// <summary>The noise model and how it ran, or null for a noise-free run.</summary>
    public NoiseSummary? Noise { get; init; }

}

/// <summary>
/// Exact probabilities by basis index (bit k of the index is qubit k). Outcomes are named by bitstring only when they
/// are printed: a capped output of a million outcomes formats 32 names, not a million.
/// </summary>
/// <param name="ByIndex">Probability of each basis state.</param>
/// <param name="Qubits">Number of qubits (the length of a bitstring).</param>
/// <param name="StandardErrors">Standard error of each probability when they are averages over noise trajectories, else null.</param>
internal sealed record ProbabilityTable(double[] ByIndex, int Qubits, double[]? StandardErrors = null)
{
    /// <summary>Probabilities below this are rounding noise of zero: never printed, and not counted as outcomes.</summary>
    public const double Smallest = 1e-12;

    /// <summary>The basis indices of the most likely outcomes within <paramref name="limit"/>, most likely first.</summary>
    public Shown<int> MostLikely(OutputLimit limit)
    {
        var outcomes = new List<int>();
        for (int i = 0; i < ByIndex.Length; i++)
            if (ByIndex[i] >= Smallest) outcomes.Add(i);
        // Index order is bitstring order, so equal probabilities list as their bitstrings sort.
        return limit.MostLikely(outcomes, i => ByIndex[i], (a, b) => a.CompareTo(b));
    }

    /// <summary>The outcome of basis index <paramref name="index"/> as a bitstring of all qubits, qubit 0 rightmost.</summary>
    public string Name(int index) => QSim.Execution.Simulator.FormatBasisIndex(index, Qubits);
}

/// <param name="Model">The noise model's file.</param>
/// <param name="Method">density-matrix or trajectories.</param>
/// <param name="Trajectories">Trajectories averaged, or null for the (exact) density matrix.</param>
internal sealed record NoiseSummary(string Model, string Method, int? Trajectories);

/// <param name="Observables">Each observable as the user wrote it.</param>
/// <param name="Values">⟨ψ|H|ψ⟩ of each, in the same order.</param>
internal sealed record ExpectationReport(IReadOnlyList<string> Observables, double[] Values)
{
    /// <summary>Standard error of each value when it is an average over trajectories.</summary>
    public double[]? Errors { get; init; }
}

/// <param name="Method">The <c>--gradient</c> method: adjoint, shift or fd.</param>
/// <param name="Parameters">The circuit's input names in declaration order.</param>
/// <param name="Derivatives">[observable, parameter]: ∂⟨H_o⟩/∂θ_p.</param>
internal sealed record GradientReport(string Method, IReadOnlyList<string> Parameters, double[,] Derivatives)
{
    /// <summary>[observable, parameter] standard errors when the derivatives are averages over trajectories.</summary>
    public double[,]? Errors { get; init; }
}

/// <summary>A backend as <c>qsim info</c> describes it.</summary>
/// <param name="Name">cpu or gpu.</param>
/// <param name="Device">The device, e.g. "NVIDIA H200 (Cuda, 140 GiB)" or "16 core(s), Vector512".</param>
/// <param name="AvailableBytes">Memory states may still take on it.</param>
/// <param name="GpuUnavailable">Why no GPU is used (what was found instead), or null when the GPU is.</param>
internal sealed record BackendReport(string Name, string Device, long AvailableBytes, string? GpuUnavailable);

/// <summary>What <c>qsim info</c> prints.</summary>
internal sealed record InfoReport(
    string File,
    int Qubits,
    int Clbits,
    int Depth,
    IReadOnlyDictionary<string, int> GateCounts,
    IReadOnlyList<string> Parameters,
    double SingleBytes,
    double DoubleBytes,
    BackendReport AutoBackend,
    QSim.Passes.OptimizationStatistics Optimization);

/// <summary>Writes reports in one format.</summary>
internal interface IReportWriter
{
    /// <summary>Writes the run's outputs, each long one cut to <paramref name="limit"/>.</summary>
    void WriteRun(RunReport report, TextWriter output, OutputLimit limit);
    void WriteInfo(InfoReport report, TextWriter output);
}

internal static class ReportWriters
{
    /// <summary>The writer for <c>--format</c> text or json.</summary>
    public static IReportWriter For(string format) => format == "json" ? new JsonReportWriter() : new TextReportWriter();
}
