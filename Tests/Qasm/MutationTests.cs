using QSim.Numerics;
using QSim.Qasm;
using QSim.Tests.Conformance;

namespace QSim.Tests.Qasm;

/// <summary>
/// Random mutations of valid programs (seeded, so failures reproduce): each must parse or fail with a
/// <see cref="QasmException"/> whose diagnostics point inside the text, never with another exception.
/// </summary>
public class MutationTests
{
    private const int MutationsPerSource = 300;

    private static readonly string[] Fragments =
        [";", ",", "(", ")", "[", "]", "{", "}", "->", "==", "@", "^", "-", "/", "\"", "/*", "//", "\n", "q", "q[", "[0]", "pi", "1e", ".5",
         "gate", "qreg", "creg", "measure", "if", "ctrl @", "inv @", "pow(", "U", "CX", "include", "OPENQASM", "opaque", "99999999999", "-1", "0"];

    private static IEnumerable<string> Sources()
    {
        yield return "examples:ghz";
        yield return "examples:vqe_ansatz";
        foreach (var name in Corpus.Names().Where(n => n.Contains("teleport") || n.Contains("qpt") || n.Contains("pea_n5") || n.Contains("wstate")))
            yield return name;
    }

    [TestCaseSource(nameof(Sources))]
    public void Parse_RandomMutations_ParseOrReportCleanDiagnostics(string source)
    {
        string text = source.StartsWith("examples:") ? File.ReadAllText(ExamplePath(source["examples:".Length..])) : File.ReadAllText(Corpus.QasmPath(source));
        var rng = new SeededRandom(source.Aggregate(17UL, (hash, c) => hash * 31 + c)); // stable across processes, unlike GetHashCode
        for (int i = 0; i < MutationsPerSource; i++)
        {
            string mutated = Mutate(text, rng);
            try
            {
                QasmParser.Parse(mutated, "mutated.qasm");
            }
            catch (QasmException e)
            {
                int lines = mutated.Split('\n').Length;
                Assert.That(e.Diagnostics.All(d => d.File != "mutated.qasm" || d.Line >= 1 && d.Line <= lines && d.Column >= 1), Is.True, e.Message);
            }
            catch (Exception e)
            {
                Assert.Fail($"Mutation {i} of {source} threw {e.GetType().Name}: {e.Message}\n--- text ---\n{mutated}");
            }
        }
    }

    private static string Mutate(string text, SeededRandom rng)
    {
        int edits = 1 + (int)(rng.NextDouble() * 3);
        for (int e = 0; e < edits && text.Length > 0; e++)
        {
            int at = (int)(rng.NextDouble() * text.Length);
            int length = Math.Min(text.Length - at, 1 + (int)(rng.NextDouble() * 6));
            string fragment = Fragments[(int)(rng.NextDouble() * Fragments.Length)];
            text = (int)(rng.NextDouble() * 4) switch
            {
                0 => text.Remove(at, length),
                1 => text.Insert(at, fragment),
                2 => text.Remove(at, length).Insert(at, fragment),
                _ => text.Insert(at, text.Substring(at, length)),
            };
        }
        return text;
    }

    private static string ExamplePath(string name)
    {
        for (var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "examples", name + ".qasm");
            if (File.Exists(candidate)) return candidate;
        }
        Assert.Ignore($"examples/{name}.qasm not found above the test directory.");
        return "";
    }
}
