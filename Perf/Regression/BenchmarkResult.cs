using Perfolizer.Mathematics.Common;

namespace QSim.Perf.Regression;

/// <summary>
/// One figure of a BenchmarkDotNet run as its JSON export records it: mean time and standard error (ns) over
/// <paramref name="Samples"/> measurements of the benchmark <paramref name="Method"/> of <paramref name="Type"/>
/// under one parameter set. <paramref name="Parameters"/> is in canonical order (see <see cref="CanonicalParameters"/>).
/// </summary>
public sealed record BenchmarkResult(string Type, string Method, string Parameters, double MeanNs, double StandardErrorNs, int Samples)
{
    /// <summary>Type and parameter set: figures with the same group share one floor.</summary>
    public string Group => $"{Type}({Parameters})";

    /// <summary>How figures are matched between runs: suite, method and parameters.</summary>
    public string Key => $"{Type}.{Method}({Parameters})";

    /// <summary>
    /// Half-width of the mean's confidence interval at <paramref name="level"/> (0.95 for 95 %), relative to the mean:
    /// the Student t quantile for <see cref="Samples"/> − 1 degrees of freedom times the standard error, as
    /// BenchmarkDotNet computes its ConfidenceInterval (whose exports carry the 99.9 % one). NaN below 2 samples.
    /// </summary>
    public double RelativeMargin(double level) =>
        new ConfidenceIntervalEstimator(Samples, 0, 1).ZLevel(new ConfidenceLevel(level)) * StandardErrorNs / MeanNs;

    /// <summary>Parameter values by name (BenchmarkDotNet writes them as <c>A=1&amp;B=x</c>).</summary>
    public IReadOnlyDictionary<string, string> ParameterValues => Pairs(Parameters).ToDictionary(pair => pair.Name, pair => pair.Value);

    /// <summary>
    /// <paramref name="parameters"/> with its pairs sorted by name, so that a figure keeps its key when an export
    /// lists the same parameters in another order (BenchmarkDotNet follows the declaration order in the class).
    /// </summary>
    public static string CanonicalParameters(string parameters) =>
        string.Join('&', Pairs(parameters).OrderBy(pair => pair.Name, StringComparer.Ordinal).Select(pair => $"{pair.Name}={pair.Value}"));

    private static IEnumerable<(string Name, string Value)> Pairs(string parameters) =>
        parameters.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .Select(pair => (pair[0], pair.Length > 1 ? pair[1] : ""));
}
