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

    [Test]
    public void Process_Version_PrintsThePackageVersion()
    {
        var (code, output, error) = RunQsim("", "--version");

        Assert.That(code, Is.EqualTo(0), error);
        Assert.That(output, Does.Match(@"^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?\r?\n$"));
    }

    [Test]
    public void Process_CtrlC_EndsTheRunWithExitCode130()
    {
        string dll = Path.Combine(AppContext.BaseDirectory, "qsim.dll");
        if (!File.Exists(dll)) Assert.Ignore("qsim.dll is not beside the test assembly.");
        if (!File.Exists("/usr/bin/perl")) Assert.Ignore("perl is needed to give qsim the default Ctrl-C handling.");
        // A process started in the background ignores SIGINT, and .NET keeps ignoring a SIGINT its parent ignored;
        // perl restores the default a terminal's foreground process has, then runs qsim.
        var start = new ProcessStartInfo("/usr/bin/perl") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string arg in new[] { "-e", "$SIG{INT} = 'DEFAULT'; exec @ARGV or die", "dotnet", dll, "run", "-", "-o", "statevector", "-O", "0" })
            start.ArgumentList.Add(arg);
        // Enough work to be still running when the interrupt comes: 800 gates on 22 qubits in double precision.
        string program = "OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[22];\n" + string.Concat(Enumerable.Repeat("h q[0];\ncx q[0], q[21];\n", 400));
        using var process = Process.Start(start)!;
        try
        {
            process.StandardInput.Write(program);
            process.StandardInput.Close();
            var output = process.StandardOutput.ReadToEndAsync();
            Thread.Sleep(1500);
            Assert.That(process.HasExited, Is.False, "the run ended before the interrupt");

            using (var interrupt = Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])) interrupt.WaitForExit();

            Assert.That(process.WaitForExit(30_000), Is.True, "qsim did not stop after Ctrl-C");
            Assert.That(process.ExitCode, Is.EqualTo(130));
            Assert.That(output.Result, Is.Empty);
        }
        finally
        {
            if (!process.HasExited) process.Kill();
        }
    }
}
