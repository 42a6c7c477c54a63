using System.Text.RegularExpressions;
using QSim.Circuits;
using QSim.Noise;
using QSim.Numerics;
using QSim.Tests.Oracles;

namespace QSim.Tests.Noise;

/// <summary>The noise-model JSON: the documented example, round trips, and every fault reported with its JSON path.</summary>
public sealed partial class NoiseModelJsonTests
{
    /// <summary>The first ```json block of docs/noise.md, found from the test folder up to the repository root.</summary>
    private static string DocumentedExample()
    {
        for (var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); dir is not null; dir = dir.Parent)
        {
            string path = Path.Combine(dir.FullName, "docs", "noise.md");
            if (File.Exists(Path.Combine(dir.FullName, "QSim.sln")) && File.Exists(path))
                return JsonBlock().Match(File.ReadAllText(path)).Groups[1].Value;
        }
        throw new DirectoryNotFoundException("docs/noise.md not found above the test folder.");
    }

    [GeneratedRegex("```json\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex JsonBlock();

    [Test]
    public void DocumentedExample_ReadsAsTheDocDescribesIt()
    {
        var model = NoiseModelJson.Parse(DocumentedExample());
        var circuit = new Circuit(4).H(2).H(0).CX(0, 1).CX(1, 0).X(3).MeasureAll();
        string[] listing = [.. model.Apply(circuit).Circuit.Operations.Select(op => op.ToString()!)];
        Assert.That(listing.Take(12), Is.EqualTo(new[]
        {
            "h q[2]", "kraus q[2]",
            "h q[0]", "depolarizing(p=0.001) q[0]",
            "cx q[0], q[1]", "depolarizing2(p=0.03) q[0], q[1]",
            "cx q[1], q[0]", "depolarizing2(p=0.01) q[1], q[0]",
            "x q[3]", "depolarizing(p=0.001) q[3]", "thermal_relaxation(t1=50000, t2=70000, time=35.5) q[3]",
            "bit_flip(p=0.005) q[0]",
        }));
        var readout = model.Apply(circuit).Readout;
        Assert.That(readout.For(0)![0, 1], Is.EqualTo(0.02));
        Assert.That(readout.For(3)![1, 0], Is.EqualTo(0.15));
        var kraus = model.GateRules[4].Channel;
        Assert.That(kraus.Definition.Flags, Is.EqualTo(ChannelFlags.MixedUnitary | ChannelFlags.Unital));
        Assert.That(kraus.MixedUnitary().Probabilities, Is.EqualTo(new[] { 0.9, 0.1 }).Within(1e-12));
    }

    private static NoiseModel EveryKindOfRule()
    {
        var model = new NoiseModel();
        foreach (var channel in ChannelCases.Grid().Where(c => c.QubitCount == 1).Take(40))
            model.AddGateNoise(channel, ["h", "rz"]);
        model.AddGateNoise(ChannelLibrary.Depolarizing2.Bind(0.125), ["cx", "cz"], [[0, 1], [2, 1]]);
        model.AddGateNoise(ChannelLibrary.Kraus(ChannelLibrary.AmplitudeDamping.Kraus([0.3])).Bind(), ["x"], [[1]]);
        var i = System.Numerics.Complex.ImaginaryOne;
        model.AddGateNoise(ChannelLibrary.Kraus([ComplexMatrix.Identity(2).Scale(Math.Sqrt(0.8)), ComplexMatrix.FromRows([0, -i], [i, 0]).Scale(Math.Sqrt(0.2))]).Bind(), ["y"]);
        model.AddMeasurementNoise(ChannelLibrary.BitFlip.Bind(0.1 / 3));
        model.AddMeasurementNoise(ChannelLibrary.ResetError.Bind(0.01, 0.02), [2, 0]);
        model.AddReadoutError(ReadoutError.FromFlipProbabilities(0.1, 0.2));
        var shared = ReadoutError.FromFlipProbabilities(1 / 3.0, 0.25);
        model.AddReadoutError(shared, [4, 1]);
        model.AddReadoutError(ReadoutError.FromFlipProbabilities(0, 1), [2]);
        return model;
    }

    [Test]
    public void Write_ThenParse_GivesTheSameModel()
    {
        var model = EveryKindOfRule();
        string json = NoiseModelJson.Write(model);
        var read = NoiseModelJson.Parse(json);
        Assert.That(NoiseModelJson.Write(read), Is.EqualTo(json));
        Assert.That(read.GateRules.Select(r => r.Channel.ToString()), Is.EqualTo(model.GateRules.Select(r => r.Channel.ToString())));
        Assert.That(read.GateRules.Take(41).Select(r => r.Channel), Is.EqualTo(model.GateRules.Take(41).Select(r => r.Channel)), "library channels bit for bit");
        Assert.That(read.QubitReadout.Keys, Is.EquivalentTo(model.QubitReadout.Keys));

        var circuit = new Circuit(3).H(0).CX(0, 1).CZ(2, 1).X(1).Y(2).RZ(0.4, 2);
        var expected = DensityMatrixReference.Run(model.Apply(circuit).Circuit);
        var actual = DensityMatrixReference.Run(read.Apply(circuit).Circuit);
        Assert.That(DensityMatrixReference.MaxDistance(actual, expected), Is.EqualTo(0));
    }

    [Test]
    public void Parse_EmptyModel_IsNoiseFree()
    {
        var circuit = new Circuit(1).H(0);
        Assert.That(NoiseModelJson.Parse("{}").Apply(circuit).Circuit, Is.SameAs(circuit));
        Assert.That(NoiseModelJson.Parse("""{"version": 1, "gates": [], "measure": [], "readout": []}""").IsEmpty, Is.True);
    }

    private const string H = """{"gates": [{"gates": ["h"], "channel": """;
    private const string CX = """{"gates": [{"gates": ["cx"], "channel": """;
    private const string Dep = """{"type": "depolarizing", "p": 0.1}""";

    [TestCase("""{"gates": [{"gates": ["h"], "channel": {"type": "depolarizing", "p": 1.5}}]}""", "$.gates[0].channel.p: must be in [0, 1]; got 1.5")]
    [TestCase("""{"gates": [{"gates": ["h"], "channel": {"type": "bit_flip", "p": 0.1}}, {"gates": ["x"], "channel": {"type": "bit_flip", "p": 0.1}}, {"gates": ["cx"], "channel": {"type": "depolarizing", "p": -1}}]}""", "$.gates[2].channel.p: must be in [0, 1]; got -1")]
    [TestCase("""{"gate": []}""", "$.gate: unknown field (expected version, gates, measure, readout)")]
    [TestCase("""{"gates": [{"gates": ["h"], "qubit": [[0]], "channel": {"type": "bit_flip", "p": 0.1}}]}""", "$.gates[0].qubit: unknown field (expected gates, qubits, channel)")]
    [TestCase(H + """{"type": "bit_flip", "p": 0.1, "q": 1}}]}""", "$.gates[0].channel.q: unknown field (expected type, p)")]
    [TestCase("""{"gates": [{"gates": ["h"]}]}""", "$.gates[0]: missing field 'channel'")]
    [TestCase(H + """{"type": "pauli", "px": 0.1, "py": 0.1}}]}""", "$.gates[0].channel: missing field 'pz'")]
    [TestCase(H + """{"p": 0.1}}]}""", "$.gates[0].channel: missing field 'type'")]
    [TestCase(H + """{"type": 3}}]}""", "$.gates[0].channel.type: must be a string")]
    [TestCase(H + "\"depolarizing\"}]}", "$.gates[0].channel: must be an object")]
    [TestCase(H + """{"type": "bit_flip", "p": "0.1"}}]}""", "$.gates[0].channel.p: must be a finite number")]
    [TestCase(H + """{"type": "bit_flip", "p": 1e400}}]}""", "$.gates[0].channel.p: must be a finite number")]
    [TestCase(H + """{"type": "thermal_relaxation", "t1": 50, "t2": 150, "time": 1}}]}""", "$.gates[0].channel.t2: must be at most 2·t1 = 100; got 150")]
    [TestCase(H + """{"type": "thermal_relaxation", "t1": 0, "t2": 1, "time": 1}}]}""", "$.gates[0].channel.t1: must be > 0; got 0")]
    [TestCase(H + """{"type": "pauli", "px": 0.5, "py": 0.5, "pz": 0.2}}]}""", "$.gates[0].channel: px + py + pz must be at most 1; got 1.2")]
    [TestCase(H + """{"type": "reset_error", "p0": 0.7, "p1": 0.7}}]}""", "$.gates[0].channel: p0 + p1 must be at most 1; got 1.4")]
    [TestCase(H + """{"type": "depolarizing2", "p": 0.1}}]}""",
        "$.gates[0].channel: a 2-qubit channel cannot follow gate 'h' on 1 qubit(s): it must act on 1 qubit or on as many as the gate")]
    [TestCase("""{"gates": [{"gates": ["h", "hadamard"], "channel": {"type": "bit_flip", "p": 0.1}}]}""",
        "$.gates[0].gates[1]: is not a gate of the gate library ('hadamard')")]
    [TestCase("""{"gates": [{"gates": [], "channel": {"type": "bit_flip", "p": 0.1}}]}""", "$.gates[0].gates: must name at least one gate")]
    [TestCase("""{"gates": [{"gates": "h", "channel": {"type": "bit_flip", "p": 0.1}}]}""", "$.gates[0].gates: must be an array")]
    [TestCase("""{"gates": [{"gates": ["cx"], "qubits": [[0, 1], [2]], "channel": {"type": "depolarizing2", "p": 0.1}}]}""",
        "$.gates[0].qubits[1]: has 1 qubit(s); gate 'cx' acts on 2")]
    [TestCase("""{"gates": [{"gates": ["cx"], "qubits": [[1, 1]], "channel": {"type": "depolarizing2", "p": 0.1}}]}""", "$.gates[0].qubits[0]: repeats a qubit ([1, 1])")]
    [TestCase("""{"gates": [{"gates": ["h"], "qubits": [[-1]], "channel": {"type": "bit_flip", "p": 0.1}}]}""", "$.gates[0].qubits[0][0]: must be a qubit index (an integer >= 0)")]
    [TestCase("""{"gates": [{"gates": ["h"], "qubits": [[0.5]], "channel": {"type": "bit_flip", "p": 0.1}}]}""", "$.gates[0].qubits[0][0]: must be a qubit index (an integer >= 0)")]
    [TestCase("""{"gates": [{"gates": ["h"], "qubits": [], "channel": {"type": "bit_flip", "p": 0.1}}]}""", "$.gates[0].qubits: is empty; leave it out for every qubit list")]
    [TestCase("""{"gates": [{"gates": ["h"], "qubits": [[]], "channel": {"type": "bit_flip", "p": 0.1}}]}""", "$.gates[0].qubits[0]: is an empty qubit list")]
    [TestCase(H + """{"type": "depolarising", "p": 0.1}}]}""", "$.gates[0].channel.type: unknown channel 'depolarising' (known: ")]
    [TestCase(H + """{"type": "kraus", "operators": [[[1, 0], [0, 0.9746794344808963]], [[0, 0.2], [0, 0]]]}}]}""",
        "$.gates[0].channel.operators: are not trace preserving: element [1, 1] of Σ K†K is 0.99, off by 0.01 from 1 (tolerance 1E-09)")]
    [TestCase(H + """{"type": "kraus", "operators": [[[1, 0], [0]]]}}]}""", "$.gates[0].channel.operators[0][1]: has 1 entries; the matrix has 2 rows")]
    [TestCase(H + """{"type": "kraus", "operators": [[[1, 0], [0, 1]], [[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1]]]}}]}""",
        "$.gates[0].channel.operators[1]: is 4x4 but operator 0 is 2x2")]
    [TestCase(H + """{"type": "kraus", "operators": [[[1, [0]], [0, 1]]]}}]}""", "$.gates[0].channel.operators[0][0][1]: must be a number or a pair [re, im]")]
    [TestCase(H + """{"type": "kraus", "operators": [[[1, [0, "i"]], [0, 1]]]}}]}""", "$.gates[0].channel.operators[0][0][1][1]: must be a finite number")]
    [TestCase(H + """{"type": "kraus", "operators": [[[1, 0, 0], [0, 1, 0], [0, 0, 1]]]}}]}""",
        "$.gates[0].channel.operators[0]: is 3x3; a channel acts on 1 to 3 qubits (2x2, 4x4 or 8x8)")]
    [TestCase(H + """{"type": "kraus", "operators": []}}]}""", "$.gates[0].channel.operators: must number 1 to 64; got 0")]
    [TestCase(H + """{"type": "kraus"}}]}""", "$.gates[0].channel: missing field 'operators'")]
    [TestCase(H + """{"type": "kraus", "operators": [[[1, 0], [0, 1]]], "p": 1}}]}""", "$.gates[0].channel.p: unknown field (expected type, operators)")]
    [TestCase(CX + """{"type": "kraus", "operators": [[[1, 0], [0, 1]]]}}, {"gates": ["x"], "channel": {"type": "kraus", "operators": [[]]}}]}""",
        "$.gates[1].channel.operators[0]: has 0 rows; a Kraus operator is 2x2, 4x4 or 8x8")]
    [TestCase("""{"measure": [{"channel": {"type": "depolarizing2", "p": 0.1}}]}""",
        "$.measure[0].channel: a channel before a measurement acts on 1 qubit; 'depolarizing2' acts on 2")]
    [TestCase("""{"measure": [{"qubits": [], "channel": {"type": "bit_flip", "p": 0.1}}]}""", "$.measure[0].qubits: is an empty qubit list")]
    [TestCase("""{"measure": [{"qubits": [0, 0], "channel": {"type": "bit_flip", "p": 0.1}}]}""", "$.measure[0].qubits: repeats a qubit ([0, 0])")]
    [TestCase("""{"readout": [{"matrix": [[1, 0], [0.1, 0.8]]}]}""", "$.readout[0].matrix[1]: must sum to 1 (P(read 0 | true 1) + P(read 1 | true 1)); got 0.9")]
    [TestCase("""{"readout": [{"matrix": [[1.2, -0.2], [0, 1]]}]}""", "$.readout[0].matrix[0][0]: must be in [0, 1]; got 1.2")]
    [TestCase("""{"readout": [{"matrix": [[1, 0]]}]}""", "$.readout[0].matrix: must be a 2x2 matrix [[P(0|0), P(1|0)], [P(0|1), P(1|1)]]")]
    [TestCase("""{"readout": [{"qubits": [1, 3], "matrix": [[1, 0], [0, 1]]}, {"qubits": [3], "matrix": [[1, 0], [0, 1]]}]}""",
        "$.readout[1].qubits[0]: qubit 3 already has a readout error")]
    [TestCase("""{"readout": [{"matrix": [[1, 0], [0, 1]]}, {"matrix": [[1, 0], [0, 1]]}]}""", "$.readout[1]: the model already has a readout error for all qubits")]
    [TestCase("""{"readout": {"matrix": [[1, 0], [0, 1]]}}""", "$.readout: must be an array")]
    [TestCase("""{"gates": [], "gates": []}""", "$.gates: appears twice")]
    [TestCase(H + """{"type": "bit_flip", "p": 0.1, "p": 0.2}}]}""", "$.gates[0].channel.p: appears twice")]
    [TestCase("""{"gates": [{"\u0000x'": 1}]}""", @"$.gates[0]['\u0000x\u0027']: unknown field (expected gates, qubits, channel)")]
    [TestCase("""{"version": 2}""", "$.version: must be 1 (the only version of this format)")]
    [TestCase("[]", "$: must be an object")]
    [TestCase("""{"gates": [}""", "$: not valid JSON at line 1, column 12")]
    [TestCase("""{"gates": [], }""", "$: not valid JSON at line 1, column 15")]
    [TestCase("{\n  // a comment\n}", "$: not valid JSON at line 2, column 3")]
    [TestCase("", "$: not valid JSON")]
    public void Parse_BadModel_NamesTheJsonPathOfTheFault(string json, string message)
    {
        Assert.That(() => NoiseModelJson.Parse(json), Throws.TypeOf<NoiseModelFormatException>().With.Message.StartsWith(message));
    }

    [Test]
    public void Parse_Fault_ExposesPathAndReason()
    {
        var e = Assert.Throws<NoiseModelFormatException>(() => NoiseModelJson.Parse(H + Dep.Replace("0.1", "2") + "}]}"))!;
        Assert.That(e.Path, Is.EqualTo("$.gates[0].channel.p"));
        Assert.That(e.Reason, Is.EqualTo("must be in [0, 1]; got 2"));
    }

    [Test]
    public void Parse_TooDeep_IsRejected()
    {
        string json = """{"gates": """ + new string('[', 40) + new string(']', 40) + "}";
        Assert.That(() => NoiseModelJson.Parse(json), Throws.TypeOf<NoiseModelFormatException>().With.Message.Contains("depth of 16"));
    }

    [Test]
    public void Parse_TooLarge_IsRejectedBeforeParsing()
    {
        string json = """{"gates": [""" + string.Join(", ", Enumerable.Repeat(H[11..] + Dep + "}", 20_000)) + "]}";
        Assert.That(json.Length, Is.GreaterThan(NoiseModelJson.MaxBytes));
        Assert.That(() => NoiseModelJson.Parse(json), Throws.TypeOf<NoiseModelFormatException>().With.Message.EqualTo("$: the document is over 1048576 bytes"));
    }

    [Test]
    public void Parse_LongHostileNames_AreShortenedInMessages()
    {
        string name = new string('z', 5000);
        var e = Assert.Throws<NoiseModelFormatException>(() => NoiseModelJson.Parse($$"""{"gates": [{"gates": ["{{name}}"], "channel": {{Dep}}}]}"""))!;
        Assert.That(e.Message.Length, Is.LessThan(200));
        Assert.That(e.Message, Does.EndWith("zzz...')"));
    }

    [Test]
    public void Load_ReadsAFile_AndRejectsAnOversizedOne()
    {
        string path = Path.Combine(Path.GetTempPath(), $"qsim-noise-{Guid.NewGuid():N}.json");
        try
        {
            File.WriteAllText(path, NoiseModelJson.Write(EveryKindOfRule()));
            Assert.That(NoiseModelJson.Load(path).GateRules, Has.Count.EqualTo(EveryKindOfRule().GateRules.Count));
            File.WriteAllText(path, "{}" + new string(' ', NoiseModelJson.MaxBytes));
            Assert.That(() => NoiseModelJson.Load(path), Throws.TypeOf<NoiseModelFormatException>().With.Message.Contains("the file is 1048578 bytes"));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
