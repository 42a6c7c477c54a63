namespace QSim.Tests;

/// <summary>Where the shared benchmark workloads live (QSIM_BENCH_CIRCUITS overrides).</summary>
public static class SharedCircuits
{
    public static string Directory =>
        Environment.GetEnvironmentVariable("QSIM_BENCH_CIRCUITS") ?? "/work/shared/bench-circuits";
}
