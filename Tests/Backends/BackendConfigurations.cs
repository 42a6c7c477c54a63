using QSim.Backends;
using QSim.Cpu;
using QSim.Cpu.Simd;
using QSim.Gpu;

namespace QSim.Tests.Backends;

/// <summary>
/// Every backend configuration the conformance fixtures run on: each CPU kernel path this machine can
/// run with one and two threads, the GPU kernels on ILGPU's CPU accelerator, and a real GPU
/// (category Gpu, ignored where there is none).
/// </summary>
public static class BackendConfigurations
{
    /// <summary>The GPU kernels run as .NET code on ILGPU's CPU accelerator: what CI tests of the GPU backend.</summary>
    public const string GpuOnCpuAccelerator = "gpu-on-cpu-accelerator";

    /// <summary>The first CUDA or OpenCL GPU.</summary>
    public const string RealGpu = "gpu";

    /// <summary>Names of the CPU configurations.</summary>
    public static IEnumerable<string> CpuNames() =>
        from level in SimdSupport.Available
        from threads in new[] { 1, 2 }
        select $"{level}/{threads}";

    /// <summary>Fixture arguments for the GPU backend only.</summary>
    public static IEnumerable<TestFixtureData> Gpu()
    {
        yield return new TestFixtureData(GpuOnCpuAccelerator);
        var real = new TestFixtureData(RealGpu);
        real.Properties.Add(NUnit.Framework.Internal.PropertyNames.Category, "Gpu");
        yield return real;
    }

    /// <summary>Fixture arguments for every backend configuration.</summary>
    public static IEnumerable<TestFixtureData> All() => CpuNames().Select(name => new TestFixtureData(name)).Concat(Gpu());

    /// <summary>
    /// Creates the backend of a configuration name; tiny CPU states are split across threads too (threshold 2 qubits).
    /// A real GPU that is absent ignores the calling fixture.
    /// </summary>
    public static IBackend Create(string name)
    {
        switch (name)
        {
            case GpuOnCpuAccelerator:
                return GpuBackend.CreateOnCpuAccelerator();
            case RealGpu:
                if (!GpuBackend.TryCreateDefault(out var gpu, out string reason)) Assert.Ignore($"Needs a CUDA or OpenCL GPU. {reason}");
                return gpu!;
        }
        var parts = name.Split('/');
        return new CpuBackend(new CpuBackendOptions
        {
            Simd = Enum.Parse<SimdLevel>(parts[0]),
            Threads = int.Parse(parts[1]),
            ParallelThresholdQubits = 2,
        });
    }
}
