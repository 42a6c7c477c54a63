using System.Diagnostics.CodeAnalysis;
using QSim.Cli;
using QSim.Gpu;

namespace QSim.Tests.Cli;

/// <summary>Runs <c>qsim</c> verbs in-process with captured stdout and stderr, on a machine without a GPU unless told otherwise.</summary>
internal static class CliHarness
{
    public sealed record Result(int ExitCode, string Out, string Error);

    /// <summary>What the stand-in for a machine without a GPU reports.</summary>
    public const string NoGpuFound = "No usable GPU (Auto): CUDA: no device; OpenCL: no device.";

    public static Result RunWithStdin(string stdin, params string[] args) => RunOn(NoGpu, stdin, args);

    public static Result Run(params string[] args) => RunWithStdin("", args);

    /// <summary>Runs with <paramref name="openGpu"/> standing in for the machine's GPU.</summary>
    public static Result RunOn(GpuBackendProvider.Opener openGpu, string stdin, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = QsimApp.Run(args, new CliConsole(output, error, new StringReader(stdin)), new GpuBackendProvider(openGpu));
        return new Result(code, output.ToString(), error.ToString());
    }

    /// <summary>A machine without a GPU, whatever this one has.</summary>
    public static bool NoGpu([NotNullWhen(true)] out GpuBackend? backend, out string reason)
    {
        backend = null;
        reason = NoGpuFound;
        return false;
    }

    /// <summary>A "GPU" that runs the GPU kernels on ILGPU's CPU accelerator, so the GPU path runs without one.</summary>
    public static bool GpuOnCpuAccelerator([NotNullWhen(true)] out GpuBackend? backend, out string reason)
    {
        backend = GpuBackend.CreateOnCpuAccelerator();
        reason = "";
        return true;
    }

    /// <summary>The path of a file in the repository's examples/ folder.</summary>
    public static string Example(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string path = Path.Combine(dir.FullName, "examples", name);
            if (File.Exists(path)) return path;
        }
        throw new FileNotFoundException($"examples/{name} not found above {AppContext.BaseDirectory}");
    }

    public const string Bell = "OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[2];\ncreg c[2];\nh q[0];\ncx q[0], q[1];\nmeasure q -> c;\n";
    public const string Unmeasured = "OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[2];\nx q[0];\n";
    public const string Parameterized = "OPENQASM 3.0;\ninclude \"stdgates.inc\";\ninput float[64] theta;\nqubit[1] q;\nrx(theta) q[0];\n";
}
