using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using QSim.Gpu;
using static QSim.Tests.Cli.CliHarness;

namespace QSim.Tests.Cli;

/// <summary>
/// <c>--backend cpu|gpu|auto</c> and what <c>qsim info</c> says about it, with stand-ins for the machine's GPU: none,
/// or the GPU kernels on ILGPU's CPU accelerator (so the GPU path runs here exactly as written).
/// </summary>
public class BackendOptionTests
{
    private static readonly string[] ExpectationOfRotations =
        ["run", "-", "--param", "theta=0.5", "--param", "phi=1", "--observable", "Z0*Z1", "--gradient", "adjoint", "--precision", "double", "--format", "json"];

    private static string Rotations => File.ReadAllText(Example("rotations.qasm"));

    [Test]
    public void Auto_WithoutGpu_FallsBackToCpuWithOneNoteOnStderr()
    {
        var auto = RunWithStdin(Bell, "run", "-", "--seed", "9", "--backend", "auto", "--threads", "1");
        var cpu = RunWithStdin(Bell, "run", "-", "--seed", "9", "--backend", "cpu");

        Assert.That(auto.ExitCode, Is.EqualTo(0), auto.Error);
        Assert.That(auto.Out, Is.EqualTo(cpu.Out));
        Assert.That(auto.Error, Is.EqualTo($"qsim: {NoGpuFound} Using the CPU backend.\n"));
    }

    [Test]
    public void Gpu_WithoutGpu_ExitsOneNamingWhatWasFound()
    {
        var result = RunWithStdin(Bell, "run", "-", "--backend", "gpu");

        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.Error, Is.EqualTo($"error: --backend gpu: {NoGpuFound}\n"));
        Assert.That(result.Out, Is.Empty);
    }

    [Test]
    public void Cpu_IsTheDefault_AndNeverOpensAGpu()
    {
        var result = RunOn(FailIfOpened, Bell, "run", "-", "--seed", "1");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.Error);
        Assert.That(result.Error, Is.Empty);
    }

    [Test]
    public void Gpu_WithThreads_ExitsTwo()
    {
        var result = RunWithStdin(Bell, "run", "-", "--backend", "gpu", "--threads", "2");

        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.Error, Does.Contain("--threads sets the CPU backend's threads; it cannot be used with --backend gpu"));
    }

    [TestCase("gpu")]
    [TestCase("auto")]
    public void GpuBackend_GivesTheCpuBackendsExpectationAndGradient_Silently(string backend)
    {
        var gpu = RunOn(GpuOnCpuAccelerator, Rotations, [.. ExpectationOfRotations, "--backend", backend]);
        var cpu = RunWithStdin(Rotations, ExpectationOfRotations);

        Assert.That(gpu.ExitCode, Is.EqualTo(0), gpu.Error);
        Assert.That(gpu.Error, Is.Empty);
        using var gpuJson = JsonDocument.Parse(gpu.Out);
        using var cpuJson = JsonDocument.Parse(cpu.Out);
        Assert.That(Numbers(gpuJson, "expectation"), Is.EqualTo(Numbers(cpuJson, "expectation")).Within(1e-12));
        Assert.That(Numbers(gpuJson, "gradient"), Is.EqualTo(Numbers(cpuJson, "gradient")).Within(1e-12));
    }

    [Test]
    public void Info_WithoutGpu_SaysAutoUsesTheCpuAndWhy()
    {
        var result = RunWithStdin(Parameterized, "info", "-");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.Error);
        Assert.That(result.Out, Does.Contain("backend:    cpu (what --backend auto uses here)\ndevice:     "));
        Assert.That(result.Out, Does.Contain($"gpu:        {NoGpuFound}\n"));
    }

    [Test]
    public void Info_WithGpu_NamesTheDeviceInJson()
    {
        var result = RunOn(GpuOnCpuAccelerator, Parameterized, "info", "-", "--format", "json");

        using var json = JsonDocument.Parse(result.Out);
        var backend = json.RootElement.GetProperty("backend");
        Assert.That(backend.EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "name", "device", "available_bytes" }));
        Assert.That(backend.GetProperty("name").GetString(), Is.EqualTo("gpu"));
        Assert.That(backend.GetProperty("device").GetString(), Does.Contain("CPU"));
        Assert.That(backend.GetProperty("available_bytes").GetInt64(), Is.GreaterThan(0));
    }

    private static double[] Numbers(JsonDocument json, string key) =>
        [.. json.RootElement.GetProperty(key).EnumerateArray().SelectMany(v => v.ValueKind == JsonValueKind.Array ? [.. v.EnumerateArray()] : new[] { v }).Select(v => v.GetDouble())];

    private static bool FailIfOpened([NotNullWhen(true)] out GpuBackend? backend, out string reason)
    {
        Assert.Fail("--backend cpu must not open a GPU");
        backend = null;
        reason = "";
        return false;
    }
}
