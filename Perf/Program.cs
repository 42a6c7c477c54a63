using BenchmarkDotNet.Running;
using QSim.Perf.Infrastructure;

namespace QSim.Perf;

/// <summary>
/// Entry point: BenchmarkDotNet's switcher over every suite in this assembly.
/// <c>--quick</c> selects the short profile (see <see cref="PerfProfile"/>); other arguments go to BenchmarkDotNet.
/// </summary>
public static class Program
{
    public static void Main(string[] args)
    {
        bool quick = args.Contains("--quick");
        if (quick) Environment.SetEnvironmentVariable(PerfProfile.QuickVariable, "1");
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args.Where(a => a != "--quick").ToArray(), PerfProfile.Config(quick));
    }
}
