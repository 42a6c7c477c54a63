using System.Text.Json;
using QSim.Noise;
using static QSim.Tests.Cli.CliHarness;

namespace QSim.Tests.Cli;

/// <summary><c>qsim run --noise model.json</c>: the density matrix and trajectories, their outputs, and bad models rejected with the JSON path.</summary>
public sealed class NoiseOptionTests : TempFolderFixture
{
    private const string Bell = "OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[2];\ncreg c[2];\nh q[0];\ncx q[0], q[1];\nmeasure q -> c;\n";

    /// <summary>Depolarizing after cx with p = 0.3 (on |Φ+⟩ it leaves 0.68·|Φ+⟩⟨Φ+| + 0.08·I) and a readout error on qubit 1.</summary>
    private const string Model = """
        { "gates": [ { "gates": ["cx"], "channel": { "type": "depolarizing2", "p": 0.3 } } ],
          "readout": [ { "qubits": [1], "matrix": [[0.9, 0.1], [0.2, 0.8]] } ] }
        """;

    private string ModelFile(string json) => Write($"model-{Guid.NewGuid():N}.json", json);

    /// <summary>The exact distribution of the Bell circuit under <see cref="Model"/>, through the reference confusion.</summary>
    private static Dictionary<string, double> ExactBell()
    {
        double[] truth = [0.34 + 0.08, 0.08, 0.08, 0.34 + 0.08];
        var read = Oracles.DensityMatrixReference.Confuse(truth, [null, new ReadoutError(new[,] { { 0.9, 0.1 }, { 0.2, 0.8 } })]);
        return Enumerable.Range(0, 4).ToDictionary(i => QSim.Execution.Simulator.FormatBasisIndex(i, 2), i => read[i]);
    }

    [Test]
    public void Noise_DensityMatrix_PrintsExactProbabilitiesThroughTheReadoutErrors()
    {
        var result = RunWithStdin(Bell, "run", "-", "--noise", ModelFile(Model), "-o", "probabilities", "--precision", "double", "--format", "json");
        Assert.That(result.ExitCode, Is.EqualTo(0), result.Error);
        using var json = JsonDocument.Parse(result.Out);
        var noise = json.RootElement.GetProperty("noise");
        Assert.That(noise.GetProperty("method").GetString(), Is.EqualTo("density-matrix"));
        Assert.That(noise.GetProperty("trajectories").ValueKind, Is.EqualTo(JsonValueKind.Null));
        var probabilities = json.RootElement.GetProperty("probabilities").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDouble());
        Assert.That(probabilities, Is.EquivalentTo(ExactBell()).Using<KeyValuePair<string, double>>((a, b) => a.Key == b.Key && Math.Abs(a.Value - b.Value) < 1e-12));
        Assert.That(json.RootElement.TryGetProperty("probability_errors", out _), Is.False);
    }

    [Test]
    public void Noise_Trajectories_PrintProbabilitiesWithStandardErrorsWithinBounds()
    {
        var result = RunWithStdin(Bell, "run", "-", "--noise", ModelFile(Model), "-o", "probabilities", "--trajectories", "2000", "--seed", "4", "--format", "json");
        Assert.That(result.ExitCode, Is.EqualTo(0), result.Error);
        using var json = JsonDocument.Parse(result.Out);
        Assert.That(json.RootElement.GetProperty("noise").GetProperty("trajectories").GetInt32(), Is.EqualTo(2000));
        var exact = ExactBell();
        var estimates = json.RootElement.GetProperty("probabilities").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDouble());
        var errors = json.RootElement.GetProperty("probability_errors").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDouble());
        string[] keys = [.. exact.Keys];
        Assert.That(Noise.SamplingStatistics.MaxZScore([.. keys.Select(k => estimates[k])], [.. keys.Select(k => errors[k])], [.. keys.Select(k => exact[k])], 1e-6),
            Is.LessThan(Noise.SamplingStatistics.MaxZ));
    }

    [TestCase("density-matrix")]
    [TestCase("trajectories")]
    public void Noise_Counts_FitTheExactDistribution(string method)
    {
        var result = RunWithStdin(Bell, "run", "-", "--noise", ModelFile(Model), "--method", method, "--shots", "4000", "--seed", "9", "--format", "json");
        Assert.That(result.ExitCode, Is.EqualTo(0), result.Error);
        using var json = JsonDocument.Parse(result.Out);
        var counts = json.RootElement.GetProperty("counts").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32());
        var (statistic, df) = Noise.SamplingStatistics.ChiSquared(counts, ExactBell(), 4000);
        Assert.That(statistic, Is.LessThan(Noise.SamplingStatistics.ChiSquaredBound(df)));
    }

    [Test]
    public void Noise_ExpectationAndGradient_OnTrajectories_CarryStandardErrors()
    {
        const string circuit = "OPENQASM 3.0;\ninclude \"stdgates.inc\";\ninput float[64] theta;\nqubit[2] q;\nry(theta) q[0];\ncx q[0], q[1];\n";
        string model = ModelFile("""{ "gates": [ { "gates": ["cx"], "channel": { "type": "depolarizing2", "p": 0.3 } } ] }""");
        var exact = RunWithStdin(circuit, "run", "-", "--noise", model, "-p", "theta=0.4", "--observable", "Z0*Z1", "--gradient", "adjoint", "--format", "json", "--precision", "double");
        var sampled = RunWithStdin(circuit, "run", "-", "--noise", model, "-p", "theta=0.4", "--observable", "Z0*Z1", "--gradient", "shift",
            "--method", "trajectories", "--trajectories", "500", "--seed", "1", "--format", "json");
        Assert.That(exact.ExitCode, Is.EqualTo(0), exact.Error);
        Assert.That(sampled.ExitCode, Is.EqualTo(0), sampled.Error);
        using var exactJson = JsonDocument.Parse(exact.Out);
        using var sampledJson = JsonDocument.Parse(sampled.Out);
        // ⟨ZZ⟩ = 1 − 16p/15 for any θ: depolarizing keeps (1 − 16p/15) of the correlation, whose noise-free value is 1.
        Assert.That(exactJson.RootElement.GetProperty("expectation")[0].GetDouble(), Is.EqualTo(1 - 16 * 0.3 / 15).Within(1e-12));
        Assert.That(exactJson.RootElement.GetProperty("gradient")[0][0].GetDouble(), Is.EqualTo(0).Within(1e-12));
        Assert.That(sampledJson.RootElement.GetProperty("expectation_errors")[0].GetDouble(), Is.GreaterThan(0));
        Assert.That(sampledJson.RootElement.GetProperty("gradient_errors")[0][0].GetDouble(), Is.GreaterThanOrEqualTo(0));
        var text = RunWithStdin(circuit, "run", "-", "--noise", model, "-p", "theta=0.4", "--observable", "Z0*Z1", "--method", "trajectories", "--trajectories", "50");
        Assert.That(text.Out, Does.Contain("noise: ").And.Contain("50 quantum trajectories").And.Contain("± error"));
    }

    [Test]
    public void Noise_AdjointGradientOnTrajectories_IsRefusedNamingTheAlternatives()
    {
        const string circuit = "OPENQASM 3.0;\ninclude \"stdgates.inc\";\ninput float[64] theta;\nqubit[1] q;\nry(theta) q[0];\n";
        var result = RunWithStdin(circuit, "run", "-", "--noise", ModelFile("""{ "gates": [ { "gates": ["ry"], "channel": { "type": "amplitude_damping", "gamma": 0.1 } } ] }"""),
            "-p", "theta=1", "--observable", "Z0", "--gradient", "adjoint", "--method", "trajectories");
        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.Error, Does.Contain("parameter shift"));
    }

    [TestCase("""{ "gates": [ { "gates": ["cx"], "channel": { "type": "depolarizing2", "p": 1.5 } } ] }""", "$.gates[0].channel.p: must be in [0, 1]; got 1.5")]
    [TestCase("""{ "gates": [ { "gates": ["cx"], "chanel": {} } ] }""", "$.gates[0].chanel: unknown field")]
    [TestCase("""{ "readout": [ { "matrix": [[0.9, 0.2], [0, 1]] } ] }""", "$.readout[0].matrix[0]: must sum to 1")]
    [TestCase("""{ "gates": [ """, "$: not valid JSON")]
    public void Noise_BadModel_ExitsTwoNamingTheJsonPath(string model, string message)
    {
        var result = RunWithStdin(Bell, "run", "-", "--noise", ModelFile(model));
        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.Error, Does.StartWith("error: --noise ").And.Contain(message));
        Assert.That(result.Out, Is.Empty);
    }

    [TestCase(new[] { "--trajectories", "10" }, "--trajectories runs a noise model")]
    [TestCase(new[] { "--method", "trajectories" }, "--method runs a noise model")]
    [TestCase(new[] { "--noise", "MODEL", "--method", "density-matrix", "--trajectories", "10" }, "a density matrix is exact")]
    [TestCase(new[] { "--noise", "MODEL", "-o", "statevector" }, "a noisy circuit has no state vector")]
    [TestCase(new[] { "--noise", "/nonexistent/model.json" }, "--noise: file '/nonexistent/model.json' not found")]
    [TestCase(new[] { "--noise", "MODEL", "--trajectories", "1" }, "--trajectories must be an integer from 2")]
    public void Noise_BadOptions_ExitTwoWithMessage(string[] options, string message)
    {
        string model = ModelFile(Model);
        var result = RunWithStdin(Bell, ["run", "-", .. options.Select(o => o == "MODEL" ? model : o)]);
        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.Error, Does.Contain(message));
    }

    [Test]
    public void Noise_FreeModel_GivesTheNoiseFreeCounts()
    {
        string model = ModelFile("""{ "gates": [ { "gates": ["cx"], "channel": { "type": "depolarizing2", "p": 0 } } ] }""");
        var plain = RunWithStdin(Bell, "run", "-", "--seed", "3", "--format", "json");
        var noisy = RunWithStdin(Bell, "run", "-", "--seed", "3", "--format", "json", "--noise", model, "--method", "trajectories");
        using var a = JsonDocument.Parse(plain.Out);
        using var b = JsonDocument.Parse(noisy.Out);
        Assert.That(b.RootElement.GetProperty("counts").ToString(), Is.EqualTo(a.RootElement.GetProperty("counts").ToString()));
    }
}
