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
    /// <exception cref="ResultFileException">The path is missing, holds no export, or a file is not one.</exception>
    public static IReadOnlyList<BenchmarkResult> Load(string path)
    {
        if (Directory.Exists(path))
        {
            var files = Directory.GetFiles(path, ExportPattern).Order().ToArray();
            if (files.Length == 0) throw new ResultFileException($"{path}: no BenchmarkDotNet JSON export ({ExportPattern}) in this folder.");
            return files.SelectMany(LoadFile).ToArray();
        }
        if (!File.Exists(path)) throw new ResultFileException($"{path}: no such file or folder.");
        return LoadFile(path);
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

    private static BenchmarkResult? Read(JsonElement benchmark, string path)
    {
        string type = RequiredString(benchmark, "Type", path);
        string method = RequiredString(benchmark, "Method", path);
        string parameters = benchmark.TryGetProperty("Parameters", out var p) && p.ValueKind == JsonValueKind.String ? p.GetString()! : "";
        if (!benchmark.TryGetProperty("Statistics", out var statistics) || statistics.ValueKind != JsonValueKind.Object) return null;
        return new BenchmarkResult(type, method, parameters, RequiredNumber(statistics, "Mean", path), RequiredNumber(statistics, "StandardError", path));
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
