using BenchmarkDotNet.Running;
using QSim.Perf.Calibration;
using QSim.Perf.Infrastructure;
using QSim.Perf.Kernels;
using QSim.Perf.Peers;
using QSim.Perf.Regression;
using QSim.Perf.Report;

namespace QSim.Perf;

/// <summary>
/// Entry point. <c>compare</c> and <c>report</c> read results of earlier runs (see <see cref="CompareCommand"/>,
/// <see cref="ReportCommand"/>); <c>calibrate</c> measures the CPU backend's kernel cost tables on this machine
/// (<see cref="CalibrateCommand"/>); <c>noise</c> times the noisy workloads beside qsim's and Qulacs' (<see cref="Noise.NoiseCommand"/>); anything else goes to BenchmarkDotNet's switcher over every suite, where
/// <c>--quick</c> selects the short profile (see <see cref="PerfProfile"/>).
/// </summary>
public static class Program
{
    public static int Main(string[] args) => Run(args, Console.Out, Console.Error);

    /// <summary>Runs a verb with its output and errors on the given writers (the benchmarks report on the console).</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        switch (args.FirstOrDefault())
        {
            case CompareCommand.Name: return CompareCommand.Run(args[1..], output, error);
            case ReportCommand.Name: return ReportCommand.Run(args[1..], output, error);
            case CalibrateCommand.Name: return CalibrateCommand.Run(args[1..], output, error);
            case Noise.NoiseCommand.Name: return Noise.NoiseCommand.Run(args[1..], output, error);
            case TimeCircuitCommand.Name: return TimeCircuitCommand.Run(args[1..], output, error);
            case KernelPeakCommand.Name: return KernelPeakCommand.Run(args[1..], output, error);
            case PlanProfileCommand.Name: return PlanProfileCommand.Run(args[1..], output, error);
        }
        bool quick = args.Contains("--quick");
        if (quick) Environment.SetEnvironmentVariable(PerfProfile.QuickVariable, "1");
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args.Where(a => a != "--quick").ToArray(), PerfProfile.Config(quick));
        return 0;
    }
}
