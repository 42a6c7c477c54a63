using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace QSim.Perf.Infrastructure;

/// <summary>
/// Sizes and job settings shared by the suites. <c>--quick</c> (QSIM_PERF_QUICK=1 in the benchmark
/// processes) keeps the n = 20 and 26 states and fewer iterations so the whole kernel suite fits in minutes.
/// </summary>
public static class PerfProfile
{
    /// <summary>Environment variable that selects the quick profile in every benchmark process.</summary>
    public const string QuickVariable = "QSIM_PERF_QUICK";

    /// <summary>True in the quick profile.</summary>
    public static bool Quick => Environment.GetEnvironmentVariable(QuickVariable) == "1";

    /// <summary>State sizes of the kernel suite.</summary>
    public static IEnumerable<int> KernelQubits => Quick ? [20, 26] : [20, 24, 26, 28];

    /// <summary>
    /// A job that measures memory-bound passes of tens of milliseconds well enough, in little time. It runs
    /// in process: no project is generated and built per run (minutes on a busy 2-core machine), and the
    /// GPU machine, which has no SDK, can run the same published binary.
    /// </summary>
    public static IConfig Config(bool quick)
    {
        var job = Job.Default.WithWarmupCount(quick ? 1 : 2).WithIterationCount(quick ? 5 : 10)
            .WithInvocationCount(1).WithUnrollFactor(1).WithToolchain(InProcessEmitToolchain.Instance);
        return DefaultConfig.Instance.AddJob(job.AsDefault());
    }
}
