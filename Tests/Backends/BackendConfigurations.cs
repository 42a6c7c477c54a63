using QSim.Backends;
using QSim.Cpu;
using QSim.Cpu.Simd;

namespace QSim.Tests.Backends;

/// <summary>Every CPU kernel path this machine can run, with one and two threads.</summary>
public static class BackendConfigurations
{
    /// <summary>Names of the configurations for [TestCaseSource].</summary>
    public static IEnumerable<string> CpuNames() =>
        from level in SimdSupport.Available
        from threads in new[] { 1, 2 }
        select $"{level}/{threads}";

    /// <summary>Creates the backend of a configuration name; tiny states are split across threads too (threshold 2 qubits).</summary>
    public static IBackend Create(string name)
    {
        var parts = name.Split('/');
        return new CpuBackend(new CpuBackendOptions
        {
            Simd = Enum.Parse<SimdLevel>(parts[0]),
            Threads = int.Parse(parts[1]),
            ParallelThresholdQubits = 2,
        });
    }
}
