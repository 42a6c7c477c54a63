using System.Diagnostics;

namespace QSim.Tests.Cli;

/// <summary>The built qsim.dll as a real process: exit codes and the separation of stdout and stderr.</summary>
public class ProcessTests
{
    private static (int ExitCode, string Out, string Error) RunQsim(string stdin, params string[] args)
    {
        string dll = Path.Combine(AppContext.BaseDirectory, "qsim.dll");
        if (!File.Exists(dll)) Assert.Ignore("qsim.dll is not beside the test assembly.");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(dll);
        foreach (string arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        process.StandardInput.Write(stdin);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        Assert.That(process.WaitForExit(60_000), Is.True, "qsim did not finish in 60 s");
        return (process.ExitCode, output.Result, error.Result);
    }

    [Test]
    public void Process_ValidRun_ExitsZeroWithResultsOnStdoutOnly()
    {
        var (code, output, error) = RunQsim(CliHarness.Bell, "run", "-", "--seed", "1", "--format", "json");

        Assert.That(code, Is.EqualTo(0), error);
        Assert.That(output, Does.Contain("\"counts\""));
        Assert.That(error, Is.Empty);
    }

    [Test]
    public void Process_InvalidQasm_ExitsTwoWithDiagnosticOnStderrOnly()
    {
        var (code, output, error) = RunQsim("OPENQASM 2.0;\nqreg q[1];\nfoo q[0];\n", "run", "-");

        Assert.That(code, Is.EqualTo(2));
        Assert.That(output, Is.Empty);
        Assert.That(error, Does.StartWith("<stdin>:3:1: error: unknown gate 'foo'"));
        Assert.That(error, Does.Not.Contain("Exception"));
    }

    [Test]
    public void Process_StandardInputWithAByteOrderMark_RunsAsFromAFile()
    {
        var (code, output, error) = RunQsim("\uFEFF" + CliHarness.Bell, "run", "-", "--seed", "1", "--format", "json");

        Assert.That(code, Is.EqualTo(0), error);
        Assert.That(output, Does.Contain("\"counts\""));
    }

    [Test]
    public void Process_BackendAuto_RunsOnWhateverThisMachineHas()
    {
        var (code, output, error) = RunQsim(CliHarness.Bell, "run", "-", "--backend", "auto", "--format", "json");

        Assert.That(code, Is.EqualTo(0), error);
        Assert.That(output, Does.Contain("\"counts\""));
        // Silent on a GPU; one line naming what was found otherwise.
        Assert.That(error, Is.Empty.Or.Match(@"^qsim: [^\n]* Using the CPU backend\.\r?\n$"));
    }

    [Test]
    public void Process_BackendGpu_RunsOnAGpuOrExitsOneSayingWhatWasFound()
    {
        var (code, output, error) = RunQsim(CliHarness.Bell, "run", "-", "--backend", "gpu");

        if (code == 0)
        {
            Assert.That(error, Is.Empty);
            return;
        }
        Assert.That(code, Is.EqualTo(1));
        Assert.That(output, Is.Empty);
        Assert.That(error, Does.StartWith("error: --backend gpu: "));
        Assert.That(error, Does.Not.Contain(" at QSim"));
    }

    [Test]
    public void Process_StateTooLarge_ExitsOne()
    {
        var (code, _, error) = RunQsim("OPENQASM 2.0;\nqreg q[60];\nU(0,0,0) q[0];\n", "run", "-", "-o", "statevector");

        Assert.That(code, Is.EqualTo(1));
        Assert.That(error, Does.StartWith("error: A state of 60 qubits"));
    }
}
