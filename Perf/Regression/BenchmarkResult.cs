namespace QSim.Perf.Regression;

/// <summary>
/// One figure of a BenchmarkDotNet run as its JSON export records it: mean time and standard error (ns)
/// of the benchmark <paramref name="Method"/> of <paramref name="Type"/> under one parameter set.
/// </summary>
public sealed record BenchmarkResult(string Type, string Method, string Parameters, double MeanNs, double StandardErrorNs)
{
    /// <summary>Type and parameter set: figures with the same group share one floor.</summary>
    public string Group => $"{Type}({Parameters})";

    /// <summary>Parameter values by name (BenchmarkDotNet writes them as <c>A=1&amp;B=x</c>).</summary>
    public IReadOnlyDictionary<string, string> ParameterValues =>
        Parameters.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .ToDictionary(pair => pair[0], pair => pair.Length > 1 ? pair[1] : "");
}
