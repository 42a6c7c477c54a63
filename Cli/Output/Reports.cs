using System.Numerics;

namespace QSim.Cli.Output;

/// <summary>What <c>qsim run</c> prints; absent outputs are null.</summary>
/// <param name="File">The file that was run.</param>
/// <param name="Qubits">Number of qubits.</param>
/// <param name="Clbits">Number of classical bits.</param>
/// <param name="Shots">Shots sampled, or null when no counts were asked for.</param>
/// <param name="Seed">The seed used.</param>
internal sealed record RunReport(string File, int Qubits, int Clbits, int? Shots, ulong Seed)
{
    /// <summary>Classical outcome → count (Qiskit key convention).</summary>
    public IReadOnlyDictionary<string, int>? Counts { get; init; }

    /// <summary>Bitstring of all qubits (qubit 0 rightmost) → exact probability; zero entries omitted.</summary>
    public IReadOnlyDictionary<string, double>? Probabilities { get; init; }

    /// <summary>Amplitudes by index.</summary>
    public Complex[]? StateVector { get; init; }
}

/// <summary>What <c>qsim info</c> prints.</summary>
internal sealed record InfoReport(
    string File,
    int Qubits,
    int Clbits,
    int Depth,
    IReadOnlyDictionary<string, int> GateCounts,
    IReadOnlyList<string> Parameters,
    double SingleBytes,
    double DoubleBytes);

/// <summary>Writes reports in one format.</summary>
internal interface IReportWriter
{
    void WriteRun(RunReport report, TextWriter output);
    void WriteInfo(InfoReport report, TextWriter output);
}

internal static class ReportWriters
{
    /// <summary>The writer for <c>--format</c> text or json.</summary>
    public static IReportWriter For(string format) => format == "json" ? new JsonReportWriter() : new TextReportWriter();
}
