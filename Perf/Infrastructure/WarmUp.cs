using System.Diagnostics;

namespace QSim.Perf.Infrastructure;

/// <summary>
/// Brings a suite's workloads to their steady-state code before BenchmarkDotNet measures them. The in-process job
/// runs a handful of invocations, and the runtime recompiles a method with full optimization only after about 30
/// calls (then in the background): without this the variational figures timed tier-0 code, an n = 12 evaluation
/// reading 4.4 ms against 0.3 ms warm, and their ratios meant nothing.
/// </summary>
public static class WarmUp
{
    private const int Calls = 40;
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(3);

    /// <summary>
    /// Calls every workload in turn until each has run 40 times or 3 s have passed, waits for the background compiler,
    /// then calls each a few more times. Large states, which reach the budget first, spend their time in long loops
    /// that the runtime replaces on the stack (OSR) anyway.
    /// </summary>
    public static void UntilTiered(params Action[] workloads)
    {
        var clock = Stopwatch.StartNew();
        for (int call = 0; call < Calls && clock.Elapsed < Budget; call++)
            foreach (var workload in workloads) workload();
        Thread.Sleep(300);
        for (int call = 0; call < 3; call++)
            foreach (var workload in workloads) workload();
    }
}
