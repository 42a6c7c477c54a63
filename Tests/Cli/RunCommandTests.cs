using System.Text.Json;
using static QSim.Tests.Cli.CliHarness;

namespace QSim.Tests.Cli;

public class RunCommandTests : TempFolderFixture
{
    [Test]
    public void Run_MeasuredCircuit_PrintsCountsOfDefault1024Shots()
    {
        var result = RunWithStdin(Bell, "run", "-", "--seed", "5", "--format", "json");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.Error);
        Assert.That(result.Error, Is.Empty);
        using var json = JsonDocument.Parse(result.Out);
        Assert.That(json.RootElement.GetProperty("shots").GetInt32(), Is.EqualTo(1024));
        var counts = json.RootElement.GetProperty("counts").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32());
        Assert.That(counts.Keys, Is.SubsetOf(new[] { "00", "11" }));
        Assert.That(counts.Values.Sum(), Is.EqualTo(1024));
    }

    [Test]
    public void Run_JsonWithEveryOutput_HasDocumentedKeys()
    {
        var result = RunWithStdin(Bell, "run", "-", "--seed", "1", "--shots", "10", "-o", "counts,probabilities", "-o", "statevector", "--format", "json", "--precision", "double");

        using var json = JsonDocument.Parse(result.Out);
        var root = json.RootElement;
        Assert.That(root.EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "qubits", "clbits", "shots", "seed", "counts", "probabilities", "statevector" }));
        Assert.That(root.GetProperty("seed").GetUInt64(), Is.EqualTo(1UL));
        Assert.That(root.GetProperty("probabilities").GetProperty("11").GetDouble(), Is.EqualTo(0.5).Within(1e-12));
        Assert.That(root.GetProperty("probabilities").TryGetProperty("01", out _), Is.False, "zero entries are omitted");
        var amplitude = root.GetProperty("statevector")[3];
        Assert.That((amplitude[0].GetDouble(), amplitude[1].GetDouble()), Is.EqualTo((Math.Sqrt(0.5), 0.0)).Within(1e-12));
    }

    [Test]
    public void Run_SameSeed_GivesSameCounts()
    {
        var first = RunWithStdin(Bell, "run", "-", "--seed", "42");
        var second = RunWithStdin(Bell, "run", "-", "--seed", "42", "--threads", "1");

        Assert.That(second.Out, Is.EqualTo(first.Out));
    }

    [Test]
    public void Run_UnmeasuredCircuit_PrintsProbabilitiesWithoutShots()
    {
        var result = RunWithStdin(Unmeasured, "run", "-", "--format", "json");

        using var json = JsonDocument.Parse(result.Out);
        Assert.That(json.RootElement.GetProperty("shots").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(json.RootElement.GetProperty("probabilities").GetProperty("01").GetDouble(), Is.EqualTo(1.0).Within(1e-6));
    }

    [Test]
    public void Run_TextOutput_IsAlignedTable()
    {
        var result = RunWithStdin(Unmeasured, "run", "-");

        Assert.That(result.Out, Does.Contain("probabilities:\n  01  1.000000000"));
    }

    [Test]
    public void Run_Param_BindsTheInput()
    {
        var result = RunWithStdin(Parameterized, "run", "-", "--param", "theta=3.141592653589793", "--format", "json");

        using var json = JsonDocument.Parse(result.Out);
        Assert.That(json.RootElement.GetProperty("probabilities").GetProperty("1").GetDouble(), Is.EqualTo(1.0).Within(1e-6));
    }

    [TestCase(new string[0], "Missing value for parameter(s): theta")]
    [TestCase(new[] { "--param", "theta=1", "--param", "phi=2" }, "Unknown parameter(s): phi")]
    [TestCase(new[] { "--param", "theta" }, "--param expects name=value")]
    [TestCase(new[] { "--param", "theta=abc" }, "is not a finite number")]
    public void Run_BadParameters_ExitTwoWithMessage(string[] options, string message)
    {
        var result = RunWithStdin(Parameterized, ["run", "-", .. options]);

        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.Error, Does.Contain(message));
        Assert.That(result.Out, Is.Empty);
    }

    [TestCase("--shots", "-1", "--shots must be an integer from 0 to 100000000; got '-1'")]
    [TestCase("--shots", "2147483647", "--shots must be an integer from 0 to 100000000; got '2147483647'")]
    [TestCase("--shots", "many", "--shots must be an integer from 0 to 100000000; got 'many'")]
    [TestCase("--seed", "-5", "--seed must be an integer from 0 to 18446744073709551615; got '-5'")]
    [TestCase("--output", "histogram", "unknown output kind 'histogram'")]
    [TestCase("--format", "xml", "xml")]
    [TestCase("--threads", "0", "--threads must be an integer from 1 to 2147483647; got '0'")]
    [TestCase("--threads", "abc", "--threads must be an integer from 1 to 2147483647; got 'abc'")]
    [TestCase("--gradient", "newton", "--gradient: Argument 'newton' not recognized")]
    [TestCase("--backend", "tpu", "--backend: Argument 'tpu' not recognized")]
    public void Run_BadOption_ExitsTwoWithMessage(string option, string value, string message)
    {
        var result = RunWithStdin(Bell, "run", "-", option, value);

        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.Error, Does.Contain(message));
    }

    [Test]
    public void Run_Directory_ExitsTwoSayingItIsNotAFile()
    {
        string directory = Path.GetTempPath();

        var result = Run("run", directory);

        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.Error, Is.EqualTo($"error: '{directory}' is a directory, not an OpenQASM file" + Environment.NewLine));
    }

    [Test]
    public void Run_InvalidQasm_PrintsDiagnosticsWithCaretAndNoStackTrace()
    {
        var result = RunWithStdin("OPENQASM 2.0;\nqreg q[1];\nh q[0];\nCX q[0], q[3];\n", "run", "-");

        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.Error, Does.StartWith("<stdin>:3:1: error: unknown gate 'h'"));
        Assert.That(result.Error, Does.Contain("<stdin>:4:12: error: index 3 is out of range"));
        Assert.That(result.Error, Does.Contain("\n           ^"));
        Assert.That(result.Error, Does.Not.Contain(" at QSim"));
    }

    [Test]
    public void Run_MissingFile_ExitsTwo()
    {
        var result = Run("run", "/no/such/file.qasm");

        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.Error, Does.Contain("file '/no/such/file.qasm' not found"));
    }

    [Test]
    public void Run_StatevectorOfMidCircuitMeasurement_IsAClearError()
    {
        var result = RunWithStdin(Bell + "if (c == 3) x q[0];\n", "run", "-", "-o", "statevector");

        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.Error, Does.Contain("no single final state"));
    }

    [Test]
    public void Run_MidCircuitMeasurement_GivesExactProbabilities()
    {
        var result = RunWithStdin(Bell + "if (c == 3) x q[0];\n", "run", "-", "-o", "probabilities", "--format", "json");

        using var json = JsonDocument.Parse(result.Out);
        var probabilities = json.RootElement.GetProperty("probabilities");
        Assert.That((probabilities.GetProperty("00").GetDouble(), probabilities.GetProperty("10").GetDouble()), Is.EqualTo((0.5, 0.5)).Within(1e-6));
    }

    [Test]
    public void Run_FileArgument_ReadsTheFile()
    {
        string path = Write("circuit.qasm", Bell);
        Assert.That(Run("run", path, "--seed", "3").Out, Does.StartWith($"{path}: 2 qubit(s), 2 classical bit(s), 1024 shot(s), seed 3"));
    }

    [Test]
    public void Run_ProbabilitiesNeedingMoreThanTheBranchLimit_ExitsOneWithMessage()
    {
        // 13 measurements that later gates depend on: 2^13 branches, more than the limit of 4096.
        string text = "OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[1];\ncreg c[14];\n"
            + string.Concat(Enumerable.Range(0, 14).Select(i => $"h q[0];\nmeasure q[0] -> c[{i}];\n"));

        var result = RunWithStdin(text, "run", "-", "--output", "probabilities");

        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.Error, Does.Contain("need more than 4096 measurement branches"));
    }

    [Test]
    public void Run_ProbabilitiesOfMidCircuitMeasurementTooLarge_ExitsOneBeforeAllocating()
    {
        // 40 qubits: the tables of 2^40 probabilities are larger than any .NET array (and than memory: 16 TiB).
        string text = "OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[40];\ncreg c[1];\nh q[0];\nmeasure q[0] -> c[0];\nx q[0];\n";

        var result = RunWithStdin(text, "run", "-", "--output", "probabilities");

        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.Error, Does.Contain("Computing exact probabilities of 40 qubits (a state and two tables of 2^40 probabilities) needs more entries than one .NET array holds"));
    }
}
