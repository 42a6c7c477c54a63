extern alias PerfGpu;

using PerfGpu::QSim.Perf.Gpu;
using QSim.Gpu;

namespace QSim.Tests.Gpu;

/// <summary>The device run program (Perf.Gpu) end to end on ILGPU's CPU accelerator at small sizes: the dry run CI makes of it.</summary>
public sealed class DeviceRunTests
{
    [Test]
    public void DryRun_OnTheCpuAccelerator_PassesEveryCheckAndWritesEveryRowAsMeasured()
    {
        string folder = Path.Combine(TestContext.CurrentContext.WorkDirectory, "device-run-dry-run");
        var output = new StringWriter();
        var options = DeviceRunOptions.Parse(["--cpu-accelerator", "--out", folder, "--check-sizes", "6,8", "--gate-sizes", "8",
            "--random-circuit", "8x4", "--batch", "5x32", "--large-state", "10", "--repeats", "1"]);

        int exit = DeviceRun.Run(options, output);

        Assert.That(exit, Is.EqualTo(DeviceRun.Passed), output.ToString());
        var rows = File.ReadAllLines(Path.Combine(folder, "rows.tsv")).Skip(1).Select(line => line.Split('\t')).ToArray();
        Assert.That(rows.Select(r => r[0]).Distinct(), Is.SupersetOf(new[]
        {
            "environment", "device", "checks n=6", "checks n=8", "gate passes", "random circuit", "batch", "large state",
        }));
        Assert.That(rows.Where(r => r[6] is "Fail" or "Error"), Is.Empty, output.ToString());
        Assert.That(rows.Count(r => r[0] == "checks n=8" && r[6] == "Pass"), Is.GreaterThanOrEqualTo(40), "every operation in both precisions");
        Assert.That(output.ToString(), Does.Contain("checks: ").And.Contain(" passed, 0 failed"));
    }

    [Test]
    public void Run_WithoutAGpu_ExitsWithTheNoGpuCode()
    {
        if (GpuBackend.TryCreateDefault(out var gpu, out _))
        {
            gpu.Dispose();
            Assert.Ignore("A GPU is present here.");
        }
        var output = new StringWriter();
        Assert.That(DeviceRun.Run(new DeviceRunOptions { OutputDirectory = null }, output), Is.EqualTo(DeviceRun.NoGpu));
        Assert.That(output.ToString(), Does.Contain("No usable GPU"));
    }

    [Test]
    public void Parse_UnknownOptionOrMalformedValue_NamesIt()
    {
        Assert.That(() => DeviceRunOptions.Parse(["--gpu-sizes", "8"]), Throws.ArgumentException.With.Message.Contains("--gpu-sizes"));
        Assert.That(() => DeviceRunOptions.Parse(["--batch", "10by4"]), Throws.ArgumentException.With.Message.Contains("AxB"));
        Assert.That(() => DeviceRunOptions.Parse(["--repeats"]), Throws.ArgumentException.With.Message.Contains("needs a value"));
    }
}
