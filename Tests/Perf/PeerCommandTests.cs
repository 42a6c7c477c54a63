using System.Text.RegularExpressions;
using QSim.Perf.Kernels;
using QSim.Perf.Peers;

namespace QSim.Tests.Perf;

/// <summary>The Perf subcommands that time circuits for the peer comparison and kernels against the FMA peak.</summary>
public class PeerCommandTests
{
    private static (int ExitCode, string Output, string Error) Run(Func<IReadOnlyList<string>, TextWriter, TextWriter, int> command, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int exitCode = command(args, output, error);
        return (exitCode, output.ToString(), error.ToString());
    }

    [Test]
    public void TimeCircuit_OnASmallCircuit_PrintsTimesAndTheFirstProbabilities()
    {
        string path = Path.Combine(Path.GetTempPath(), $"qsim-time-circuit-{Environment.ProcessId}.qasm");
        File.WriteAllText(path, "OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[6];\nh q[0];\nry(0.3) q[1];\ncz q[0], q[1];\nrx(1.2) q[5];\n");
        try
        {
            var (exitCode, output, error) = Run(TimeCircuitCommand.Run, path, "--threads", "1", "--precision", "double", "--repeats", "2");

            Assert.That(exitCode, Is.Zero, error);
            Assert.That(output, Does.Match(@"^QSim n=6 level=3 precision=Double threads=1 simd=\w+ sweeps=\d+ kernels=\d+ median=[\d.]+ min=[\d.]+ max=[\d.]+ s cpu=[\d.]+ s "));
            // |a0|^2 = cos²(0.15)·cos²(0.6)/2: h on q0, ry(0.3) on q1, rx(1.2) on q5 from |0⟩.
            double expected = Math.Pow(Math.Cos(0.15), 2) * Math.Pow(Math.Cos(0.6), 2) / 2;
            double a0 = double.Parse(Regex.Match(output, @"\|a0\|\^2=(\S+)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            Assert.That(a0, Is.EqualTo(expected).Within(1e-9)); // printed with 10 significant digits
        }
        finally
        {
            File.Delete(path);
        }
    }

    [TestCase(new string[0], "usage")]
    [TestCase(new[] { "a.qasm", "--threads", "0" }, "--threads 0: not a valid value")]
    [TestCase(new[] { "a.qasm", "--precision", "1" }, "--precision 1: not a valid value")]
    [TestCase(new[] { "a.qasm", "--level", "4" }, "--level 4: not a valid value")]
    [TestCase(new[] { "a.qasm", "--repeats" }, "--repeats needs a value")]
    [TestCase(new[] { "a.qasm", "b.qasm" }, "one circuit file only")]
    [TestCase(new[] { "a.qasm", "--fast" }, "unknown option --fast")]
    public void TimeCircuit_BadArguments_ExitTwoNamingTheProblem(string[] args, string message)
    {
        var (exitCode, _, error) = Run(TimeCircuitCommand.Run, args);

        Assert.That(exitCode, Is.EqualTo(TimeCircuitCommand.BadInput));
        Assert.That(error, Does.StartWith("time-circuit: ").And.Contain(message));
    }

    [Test]
    public void TimeCircuit_MissingFileOrBadProgram_ExitsTwoWithTheReason()
    {
        string path = Path.Combine(Path.GetTempPath(), $"qsim-time-circuit-bad-{Environment.ProcessId}.qasm");
        File.WriteAllText(path, "OPENQASM 2.0;\nqreg q[2];\nfoo q[0];\n");
        try
        {
            var (missing, _, missingError) = Run(TimeCircuitCommand.Run, path + ".absent");
            var (bad, _, badError) = Run(TimeCircuitCommand.Run, path);

            Assert.That((missing, bad), Is.EqualTo((TimeCircuitCommand.BadInput, TimeCircuitCommand.BadInput)));
            Assert.That(missingError, Does.Contain(".absent"));
            Assert.That(badError, Does.Contain($"{path}:3:"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void KernelPeak_OneKernel_PrintsItsRowAndThePeak()
    {
        if (!QSim.Cpu.Simd.SimdSupport.Vector256) Assert.Ignore("Needs a SIMD path.");
        var (exitCode, output, error) = Run(KernelPeakCommand.Run, "--simd", "vector256", "--precision", "single",
            "--kernels", "real1-high", "--rounds", "1", "--block", "10", "--no-streaming");

        Assert.That(exitCode, Is.Zero, error);
        Assert.That(output, Does.Contain("### Vector256 Single"));
        Assert.That(output, Does.Match(@"\| real1-high \| [\d.]+ \[[\d.]+-[\d.]+\] \| [\d.]+ \| \d+ \[\d+-\d+\] \| - \|"));
        Assert.That(output, Does.Match(@"FMA peak, Vector256 Single: [\d.]+ \[[\d.]+-[\d.]+\] GFMA/s"));
    }

    [TestCase(new[] { "--kernels", "dense9-high" }, "unknown kernel(s) dense9-high")]
    [TestCase(new[] { "--rounds", "0" }, "--rounds 0: not a valid value")]
    [TestCase(new[] { "--block", "30" }, "--block 30: not a valid value")]
    [TestCase(new[] { "--simd", "scalar" }, "--simd scalar: not a valid value")]
    [TestCase(new[] { "extra" }, "unexpected argument extra")]
    public void KernelPeak_BadArguments_ExitTwoNamingTheProblem(string[] args, string message)
    {
        var (exitCode, _, error) = Run(KernelPeakCommand.Run, args);

        Assert.That(exitCode, Is.EqualTo(KernelPeakCommand.BadInput));
        Assert.That(error, Does.StartWith("kernel-peak: ").And.Contain(message));
    }
}
