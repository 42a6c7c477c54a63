using System.Text.Json;

namespace QSim.Perf.Regression;

/// <summary>Reads the figures of BenchmarkDotNet JSON exports (<c>--exporters json</c>).</summary>
public static class ResultFile
{
    /// <summary>Pattern of the files BenchmarkDotNet's JSON exporters write in BenchmarkDotNet.Artifacts/results.</summary>
    public const string ExportPattern = "*-report*.json";

    /// <summary>
    /// Every figure of one run: a JSON export, or a folder of them (one per suite unless the run used
    /// <c>--join</c>). A benchmark that failed (no statistics) is left out.
    /// </summary>
    /// <exception cref="ResultFileException">
    /// The path is missing, holds no export, or a file is not one; or a figure appears twice (e.g. a <c>--join</c>
    /// export beside the per-suite ones), since it is then unclear which measurement to use.
    /// </exception>
    public static IReadOnlyList<BenchmarkResult> Load(string path)
    {
        string[] files = Directory.Exists(path) ? Directory.GetFiles(path, ExportPattern).Order().ToArray()
            : File.Exists(path) ? [path]
            : throw new ResultFileException($"{path}: no such file or folder.");
        if (files.Length == 0) throw new ResultFileException($"{path}: no BenchmarkDotNet JSON export ({ExportPattern}) in this folder.");
        var fileOf = new Dictionary<string, string>();
        var results = new List<BenchmarkResult>();
        foreach (var file in files)
            foreach (var result in LoadFile(file))
            {
                if (fileOf.TryGetValue(result.Key, out var first))
                    throw new ResultFileException(first == file
                        ? $"{file}: {result.Key} appears twice in this file."
                        : $"{path}: {result.Key} appears in both {first} and {file}; keep one export of each figure (not a --join export beside the per-suite ones).");
                fileOf[result.Key] = file;
                results.Add(result);
            }
        return results;
    }

    private static IReadOnlyList<BenchmarkResult> LoadFile(string path)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            if (!document.RootElement.TryGetProperty("Benchmarks", out var benchmarks) || benchmarks.ValueKind != JsonValueKind.Array)
                throw new ResultFileException($"{path}: not a BenchmarkDotNet JSON export (no \"Benchmarks\" array).");
            return benchmarks.EnumerateArray().Select(b => Read(b, path)).OfType<BenchmarkResult>().ToArray();
        }
        catch (JsonException e)
        {
            throw new ResultFileException($"{path}: malformed JSON ({e.Message})");
        }
        catch (IOException e)
        {
            throw new ResultFileException($"{path}: cannot be read ({e.Message})");
        }
    }

    /// <summary>
    /// One benchmark's figure. The sample count and standard error come from the statistics' ConfidenceInterval
    /// when the export has one (the fields BenchmarkDotNet computes its interval from), else from the statistics.
    /// </summary>
    private static BenchmarkResult? Read(JsonElement benchmark, string path)
    {
        string type = RequiredString(benchmark, "Type", path);
        string method = RequiredString(benchmark, "Method", path);
        string parameters = benchmark.TryGetProperty("Parameters", out var p) && p.ValueKind == JsonValueKind.String ? p.GetString()! : "";
        if (!benchmark.TryGetProperty("Statistics", out var statistics) || statistics.ValueKind != JsonValueKind.Object) return null;
        var interval = statistics.TryGetProperty("ConfidenceInterval", out var ci) && ci.ValueKind == JsonValueKind.Object ? ci : statistics;
        return new BenchmarkResult(type, method, BenchmarkResult.CanonicalParameters(parameters), RequiredNumber(statistics, "Mean", path),
            RequiredNumber(interval, "StandardError", path), (int)RequiredNumber(interval, "N", path));
    }

    private static string RequiredString(JsonElement element, string name, string path) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw new ResultFileException($"{path}: a benchmark has no \"{name}\" string.");

    private static double RequiredNumber(JsonElement element, string name, string path) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number
            ? value.GetDouble()
            : throw new ResultFileException($"{path}: a benchmark's statistics have no \"{name}\" number.");
}
