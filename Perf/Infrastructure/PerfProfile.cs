using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace QSim.Perf.Infrastructure;

/// <summary>
/// Sizes and job settings shared by the suites. <c>--quick</c> (QSIM_PERF_QUICK=1 in the benchmark process)
/// keeps the sizes that matter for regressions (n = 20 fits the L3, n = 26 is memory-bound) and fewer
/// iterations, so the whole suite runs in under 10 minutes on 2 cores.
/// </summary>
public static class PerfProfile
{
    /// <summary>Environment variable that selects the quick profile in every benchmark process.</summary>
    public const string QuickVariable = "QSIM_PERF_QUICK";

    /// <summary>True in the quick profile.</summary>
    public static bool Quick => Environment.GetEnvironmentVariable(QuickVariable) == "1";

    /// <summary>State sizes of the kernel suite.</summary>
    public static IEnumerable<int> KernelQubits => Override("QSIM_PERF_KERNEL_QUBITS") ?? (Quick ? [20, 26] : [20, 24, 26, 28]);

    /// <summary>Sizes from an environment variable such as "26,28", to measure a few states without the whole grid.</summary>
    private static IEnumerable<int>? Override(string variable) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } list ? list.Split(',').Select(int.Parse).ToArray() : null;

    /// <summary>Thread counts of the kernel suite (the quick profile keeps the machine's two cores).</summary>
    public static IEnumerable<int> KernelThreads => Quick ? [2] : [1, 2];

    /// <summary>State sizes of the generated circuits (random brickwork, QFT, GHZ).</summary>
    public static IEnumerable<int> CircuitQubits => Quick ? [20] : [20, 24, 26, 28];

    /// <summary>Qubit counts of the variational workloads (the adjoint gradient at n = 20 takes seconds).</summary>
    public static IEnumerable<int> VariationalQubits => Quick ? [12, 16] : [12, 16, 20];

    /// <summary>
    /// A job that measures memory-bound passes of tens of milliseconds well enough, in little time. It runs
    /// in process: no project is generated and built per run (minutes on a busy 2-core machine), the suites
    /// can keep their large buffers across cases, and the GPU machine, which has no SDK, can run the same
    /// published binary.
    /// </summary>
    public static IConfig Config(bool quick)
    {
        var job = Job.Default.WithWarmupCount(quick ? 1 : 2).WithIterationCount(quick ? 5 : 10)
            .WithInvocationCount(1).WithUnrollFactor(1).WithToolchain(InProcessEmitToolchain.Instance);
        return DefaultConfig.Instance.AddJob(job.AsDefault());
    }
}
