using System.Text.Json;
using QSim.Backends;
using QSim.Cli.Commands;
using static QSim.Tests.Cli.CliHarness;

namespace QSim.Tests.Cli;

/// <summary>What <c>qsim run</c> prints: exact outputs in double precision, long outputs capped, compact JSON, seeds only with sampling, JSON errors.</summary>
public class OutputTests
{
    /// <summary>Six qubits in uniform superposition: 64 outcomes of probability 1/64 each.</summary>
    private const string Uniform6 = "OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[6];\nh q;\n";

    [Test]
    public void Probabilities_ByDefault_AreDoublePrecision()
    {
        var result = RunWithStdin(Bell, "run", "-", "-o", "probabilities", "--format", "json");

        using var json = JsonDocument.Parse(result.Out);
        Assert.That(json.RootElement.GetProperty("probabilities").GetProperty("11").GetDouble(), Is.EqualTo(0.5).Within(1e-15));
        Assert.That(result.Error, Is.Empty);
    }

    [Test]
    public void Probabilities_PrecisionSingle_StillOverrides()
    {
        var result = RunWithStdin(Bell, "run", "-", "-o", "probabilities", "--precision", "single", "--format", "json");

        using var json = JsonDocument.Parse(result.Out);
        double p = json.RootElement.GetProperty("probabilities").GetProperty("11").GetDouble();
        Assert.That(p, Is.EqualTo(0.5).Within(1e-6).And.Not.EqualTo(0.5).Within(1e-12));
    }

    [Test]
    public void ExactPrecision_DoubleStateTooLarge_FallsBackToSingleWithOneNote()
    {
        var notes = new StringWriter();
        var exact = new ExactPrecision(requested: null, notes);
        var tried = new List<Precision>();
        Precision Compute(Precision precision)
        {
            tried.Add(precision);
            return precision == Precision.Double ? throw new StateTooLargeException("A state of 30 qubits in complex128 needs 16 GiB, but only 10 GiB is available in host memory.") : precision;
        }

        Assert.That(exact.Run(Compute), Is.EqualTo(Precision.Single));
        Assert.That(exact.Run(Compute), Is.EqualTo(Precision.Single));
        Assert.That(tried, Is.EqualTo(new[] { Precision.Double, Precision.Single, Precision.Single }), "after one fallback, later outputs go straight to single");
        Assert.That(notes.ToString(), Is.EqualTo(
            "qsim: computing in single precision (complex64), as complex128 does not fit: A state of 30 qubits in complex128 needs 16 GiB, but only 10 GiB is available in host memory. Give --precision to choose.\n"));
    }

    [Test]
    public void ExactPrecision_Requested_IsUsedAsIs()
    {
        var exact = new ExactPrecision(Precision.Single, TextWriter.Null);

        Assert.That(exact.Run(p => p), Is.EqualTo(Precision.Single));
    }

    [Test]
    public void OutputLimit_MostLikely_KeepsWhatAFullSortWouldWithTheOmittedWeight()
    {
        var random = new Random(17);
        // Few distinct weights, so that ties (broken by key) are frequent.
        var entries = Enumerable.Range(0, 5000).Select(i => KeyValuePair.Create(i.ToString("x4", System.Globalization.CultureInfo.InvariantCulture), random.Next(40) / 40.0)).ToList();
        var fullSort = entries.OrderByDescending(e => e.Value).ThenBy(e => e.Key, StringComparer.Ordinal).ToList();

        Comparison<KeyValuePair<string, double>> byKey = (a, b) => string.CompareOrdinal(a.Key, b.Key);
        var shown = new QSim.Cli.Output.OutputLimit(32).MostLikely(entries, e => e.Value, byKey);

        Assert.That(shown.Entries, Is.EqualTo(fullSort.Take(32)));
        Assert.That(shown.Omitted, Is.EqualTo(5000 - 32));
        Assert.That(shown.OmittedWeight, Is.EqualTo(fullSort.Skip(32).Sum(e => e.Value)).Within(1e-9));
        Assert.That(QSim.Cli.Output.OutputLimit.All.MostLikely(entries, e => e.Value, byKey).Entries, Is.EqualTo(fullSort));
    }

    [Test]
    public void Probabilities_ManyOutcomes_TextShowsThe32MostLikelyAndSaysHowManyMore()
    {
        var result = RunWithStdin(Uniform6, "run", "-");

        var lines = result.Out.Split('\n');
        int first = Array.IndexOf(lines, "probabilities:") + 1;
        Assert.That(lines[first], Is.EqualTo("  000000  0.015625000"));
        Assert.That(lines[first + 31], Is.EqualTo("  011111  0.015625000"));
        Assert.That(lines[first + 32], Is.EqualTo("  ... 32 more outcomes (total probability 0.500000000); --all prints every one"));
    }

    [Test]
    public void Probabilities_All_PrintsEveryOutcome()
    {
        var result = RunWithStdin(Uniform6, "run", "-", "--all", "--format", "json");

        using var json = JsonDocument.Parse(result.Out);
        Assert.That(json.RootElement.GetProperty("probabilities").EnumerateObject().Count(), Is.EqualTo(64));
        Assert.That(json.RootElement.TryGetProperty("omitted", out _), Is.False);
    }

    [Test]
    public void Json_ManyOutcomes_IsCappedAlikeAndSaysWhatWasOmitted()
    {
        var result = RunWithStdin(Uniform6, "run", "-", "-o", "probabilities,statevector", "--format", "json");

        using var json = JsonDocument.Parse(result.Out);
        var root = json.RootElement;
        Assert.That(root.GetProperty("probabilities").EnumerateObject().Count(), Is.EqualTo(32));
        Assert.That(root.GetProperty("statevector").GetArrayLength(), Is.EqualTo(32));
        Assert.That(root.GetProperty("omitted").GetProperty("probabilities").GetInt32(), Is.EqualTo(32));
        Assert.That(root.GetProperty("omitted").GetProperty("statevector").GetInt32(), Is.EqualTo(32));
    }

    [Test]
    public void Counts_ManyOutcomes_AreCappedByFrequency()
    {
        var result = RunWithStdin(Uniform6 + "creg c[6];\nmeasure q -> c;\n", "run", "-", "--seed", "4", "--shots", "2000");

        var lines = result.Out.Split('\n');
        int first = Array.IndexOf(lines, "counts:") + 1;
        var shown = lines[first..(first + 32)].Select(l => int.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1])).ToList();
        Assert.That(shown, Is.Ordered.Descending);
        Assert.That(lines[first + 32], Does.Match(@"^  \.\.\. 32 more outcomes \(\d+ shots, \d+\.\d\d%\); --all prints every one$"));
    }

    [Test]
    public void Statevector_Text_IsCappedToTheFirstAmplitudes()
    {
        var result = RunWithStdin(Uniform6, "run", "-", "-o", "statevector");

        var lines = result.Out.Split('\n');
        int first = Array.IndexOf(lines, "statevector:") + 1;
        Assert.That(lines[first], Is.EqualTo("  000000   0.125000000 + 0.000000000i"));
        Assert.That(lines[first + 32], Is.EqualTo("  ... 32 more amplitudes; --all prints every one"));
    }

    [Test]
    public void Json_NumberArrays_AreCompact()
    {
        var result = RunWithStdin(Bell, "run", "-", "-o", "statevector", "--format", "json");

        Assert.That(result.Out, Does.Contain("""
              "statevector": [
                [0.7071067811865475, 0],
                [0, 0],
                [0, 0],
                [0.7071067811865475, 0]
              ]
            """));
    }

    [Test]
    public void ExactOutputs_PrintNoSeed()
    {
        var text = RunWithStdin(Unmeasured, "run", "-", "--seed", "3");
        var json = RunWithStdin(Unmeasured, "run", "-", "--format", "json");

        Assert.That(text.Out, Does.StartWith("-: 2 qubit(s), 0 classical bit(s)\n"));
        using var document = JsonDocument.Parse(json.Out);
        Assert.That(document.RootElement.GetProperty("seed").ValueKind, Is.EqualTo(JsonValueKind.Null));
    }

    [Test]
    public void JsonErrors_InvalidQasm_AreOneJsonObjectOnStdoutWithFileLineAndColumn()
    {
        var result = RunWithStdin("OPENQASM 2.0;\nqreg q[1];\nfoo q[0];\nbar q[0];\n", "run", "-", "--format", "json");

        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.Error, Is.Empty);
        using var json = JsonDocument.Parse(result.Out);
        var errors = json.RootElement.GetProperty("errors").EnumerateArray().ToList();
        Assert.That(errors, Has.Count.EqualTo(2));
        Assert.That(errors[0].EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "file", "line", "column", "message" }));
        Assert.That((errors[0].GetProperty("file").GetString(), errors[0].GetProperty("line").GetInt32(), errors[0].GetProperty("column").GetInt32()),
            Is.EqualTo(("<stdin>", 3, 1)));
        Assert.That(errors[0].GetProperty("message").GetString(), Is.EqualTo("unknown gate 'foo'"));
    }

    [TestCase("run", "-", "--shots", "many", "--format", "json")]
    [TestCase("run", "/no/such/file.qasm", "--format", "json")]
    [TestCase("info", "/no/such/file.qasm", "-f", "json")]
    public void JsonErrors_BadOptionsAndFiles_HaveNullLocations(params string[] args)
    {
        var result = RunWithStdin(Bell, args);

        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.Error, Is.Empty);
        using var json = JsonDocument.Parse(result.Out);
        var error = json.RootElement.GetProperty("errors")[0];
        Assert.That(error.GetProperty("file").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(error.GetProperty("line").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(error.GetProperty("message").GetString(), Is.Not.Empty);
    }
}
