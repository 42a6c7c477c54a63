using System.Text.Json;

namespace QSim.Tests.Conformance;

/// <summary>
/// The shared OpenQASM corpus (<c>shared/qasm-corpus</c> beside the repository root), found by walking up
/// from the test assembly. It is never copied into the repository.
/// </summary>
internal static class Corpus
{
    private static readonly Lazy<string?> Folder = new(() =>
    {
        for (var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "shared", "qasm-corpus", "circuits");
            if (Directory.Exists(candidate)) return candidate;
        }
        return null;
    });

    /// <summary>True when the corpus was found.</summary>
    public static bool IsPresent => Folder.Value is not null;

    /// <summary>Names (without extension) of every corpus circuit; one placeholder name when the corpus is absent.</summary>
    public static IEnumerable<string> Names() =>
        Folder.Value is { } folder
            ? Directory.GetFiles(folder, "*.qasm").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal)!
            : ["(corpus absent)"];

    /// <summary>Path of a circuit's .qasm file; ignores the test when the corpus is absent.</summary>
    public static string QasmPath(string name)
    {
        if (Folder.Value is null)
            Assert.Ignore("The shared OpenQASM corpus (shared/qasm-corpus beside the repository) is absent; conformance tests skipped.");
        return Path.Combine(Folder.Value!, name + ".qasm");
    }

    /// <summary>The reference result of a circuit.</summary>
    public static Expected Load(string name)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.ChangeExtension(QasmPath(name), ".expected.json")));
        var root = json.RootElement;
        static Dictionary<string, double> Map(JsonElement e) => e.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDouble());
        return new Expected(
            root.GetProperty("qubits").GetInt32(),
            root.GetProperty("mixed").GetBoolean(),
            Map(root.GetProperty("probabilities")),
            root.TryGetProperty("classical_probabilities", out var classical) ? Map(classical) : null);
    }

    /// <summary>½·Σ|p − q| over the union of keys.</summary>
    public static double TotalVariation(IReadOnlyDictionary<string, double> p, IReadOnlyDictionary<string, double> q) =>
        0.5 * p.Keys.Union(q.Keys).Sum(k => Math.Abs(p.GetValueOrDefault(k) - q.GetValueOrDefault(k)));
}

/// <summary>A corpus circuit's reference result.</summary>
internal sealed record Expected(int Qubits, bool Mixed, Dictionary<string, double> Probabilities, Dictionary<string, double>? ClassicalProbabilities);
