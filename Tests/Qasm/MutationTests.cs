using System.Diagnostics;
using System.Text;
using QSim.Cpu;
using QSim.Fuzz;
using QSim.Numerics;
using QSim.Qasm;
using QSim.Qasm.Lexing;
using QSim.Tests.Conformance;

namespace QSim.Tests.Qasm;

/// <summary>
/// Seeded mutation fuzzing (failures reproduce): byte flips, token deletions and duplications, splices of two files
/// and truncations of the shared corpus and the examples, each run through <see cref="PipelineCheck"/> (the same
/// property the coverage-guided harness in fuzz/ checks): every input parses or is refused with well-formed
/// diagnostics, a circuit compiles at every optimization level, a small one gives exact probabilities.
/// </summary>
public class MutationTests
{
    private const int Inputs = 20_000;
    private const ulong Seed = 20261207;

    private static readonly string[] Fragments =
        [";", ",", "(", ")", "[", "]", "{", "}", "->", "==", "@", "^", "-", "/", "\"", "/*", "//", "\n", "q", "q[", "[0]", "pi", "1e", ".5",
         "gate", "qreg", "creg", "measure", "if", "ctrl @", "inv @", "pow(", "U", "CX", "include", "OPENQASM", "opaque", "99999999999", "-1", "0",
         "negctrl @", "reset", "barrier", "input float[64] t;", "sin(", "**", "\uFEFF", "\u001b", "\0"];

    internal enum Mutation { FlipBit, DeleteToken, DuplicateToken, InsertFragment, Splice, Truncate }

    [Test]
    public void Pipeline_TwentyThousandSeededMutations_ParseOrReportCleanDiagnostics()
    {
        var sources = Sources();
        if (sources.Count == 0) Assert.Ignore("Neither the examples nor the shared corpus were found above the test directory.");
        using var backend = new CpuBackend(new CpuBackendOptions { Threads = 1 });
        var outcomes = new Dictionary<PipelineOutcome, int>();
        var clock = Stopwatch.StartNew();
        for (int i = 0; i < Inputs; i++)
        {
            var rng = new SeededRandom(Seed + (ulong)i);
            var (name, text) = sources[i % sources.Count];
            string mutated = Mutate(text, sources, rng, out var applied);
            try
            {
                var outcome = PipelineCheck.Run(mutated, backend);
                outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
            }
            catch (Exception e)
            {
                string file = Path.Combine(TestContext.CurrentContext.WorkDirectory, $"mutation-{i}.qasm");
                File.WriteAllText(file, mutated);
                Assert.Fail($"Input {i} ({string.Join(", ", applied)} of {name}) threw {e.GetType().Name}: {e.Message}\n" +
                    $"Saved as {file}; replay with: dotnet run --project fuzz/QSim.Fuzz -c Release -- {file}\n{e.StackTrace}");
            }
        }
        TestContext.Out.WriteLine($"{Inputs} mutated inputs from {sources.Count} files in {clock.Elapsed.TotalSeconds:F0} s: " +
            string.Join(", ", outcomes.Select(o => $"{o.Value} {o.Key}")));
        Assert.That(outcomes.Keys, Is.EquivalentTo(new[] { PipelineOutcome.Diagnostics, PipelineOutcome.Circuit }), "the mutations should reach both outcomes");
    }

    /// <summary>The examples and the corpus files, by name.</summary>
    internal static List<(string Name, string Text)> Sources()
    {
        var sources = new List<(string, string)>();
        for (var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); dir is not null; dir = dir.Parent)
        {
            string examples = Path.Combine(dir.FullName, "examples");
            if (!Directory.Exists(examples)) continue;
            sources.AddRange(Directory.GetFiles(examples, "*.qasm").Order().Select(f => ("examples/" + Path.GetFileName(f), File.ReadAllText(f))));
            break;
        }
        if (Corpus.IsPresent) sources.AddRange(Corpus.Names().Select(n => (n, File.ReadAllText(Corpus.QasmPath(n)))));
        else TestContext.Out.WriteLine("The shared corpus (shared/qasm-corpus beside the repository) is absent: mutating the examples only.");
        return sources;
    }

    /// <summary>
    /// One mutation of <paramref name="text"/> (three times in four; most single mutations still leave a circuit for the
    /// engine stages), else two or three, each chosen and placed by <paramref name="rng"/>.
    /// </summary>
    internal static string Mutate(string text, List<(string Name, string Text)> sources, SeededRandom rng, out List<Mutation> applied)
    {
        applied = [];
        int count = Next(rng, 4) == 0 ? 2 + Next(rng, 2) : 1;
        for (int m = 0; m < count && text.Length > 0; m++)
        {
            var mutation = (Mutation)Next(rng, Enum.GetValues<Mutation>().Length);
            applied.Add(mutation);
            text = mutation switch
            {
                Mutation.FlipBit => FlipBit(text, rng),
                Mutation.DeleteToken or Mutation.DuplicateToken => EditToken(text, rng, duplicate: mutation == Mutation.DuplicateToken),
                Mutation.InsertFragment => text.Insert(Next(rng, text.Length + 1), Fragments[Next(rng, Fragments.Length)]),
                Mutation.Splice => Splice(text, sources[Next(rng, sources.Count)].Text, rng),
                _ => text[..Next(rng, text.Length)],
            };
        }
        return text;
    }

    private static int Next(SeededRandom rng, int bound) => (int)(rng.NextDouble() * bound);

    /// <summary>Flips one bit of the UTF-8 bytes, decoding the result as the command line would (invalid bytes replaced).</summary>
    private static string FlipBit(string text, SeededRandom rng)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(text);
        bytes[Next(rng, bytes.Length)] ^= (byte)(1 << Next(rng, 8));
        return Encoding.UTF8.GetString(bytes);
    }

    /// <summary>Deletes one token, or writes it twice (a token as the front end's lexer sees it; stray characters are skipped).</summary>
    private static string EditToken(string text, SeededRandom rng, bool duplicate)
    {
        var tokens = new List<SourceSpan>();
        var lexer = new Lexer(new SourceText(text, "mutated.qasm"), new DiagnosticBag());
        for (var token = lexer.Next(); token.Kind != TokenKind.EndOfFile && tokens.Count < 100_000; token = lexer.Next()) tokens.Add(token.Span);
        if (tokens.Count == 0) return text;
        var span = tokens[Next(rng, tokens.Count)];
        return duplicate ? text.Insert(span.End, " " + span.ToString()) : text.Remove(span.Start, span.Length);
    }

    /// <summary>The start of <paramref name="text"/> up to a random point, then the rest of <paramref name="other"/> from a random point.</summary>
    private static string Splice(string text, string other, SeededRandom rng) =>
        text[..Next(rng, text.Length + 1)] + other[Next(rng, other.Length + 1)..];
}
