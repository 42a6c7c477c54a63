using System.Globalization;
using QSim.Backends;
using QSim.Cpu.Simd;
using QSim.Perf.Infrastructure;
using QSim.Perf.Kernels;

namespace QSim.Perf.Calibration;

/// <summary>
/// <c>calibrate [--simd vector256|vector512] [--rounds N]</c>: measures the CPU backend's kernel cost tables on this machine
/// (Engine.Cpu's CpuKernelCosts, what the optimizer prices its plans with) and prints them per precision, in the form the
/// tables are written. Each shape (dense, real and diagonal matrices of 1-5 targets) is the mean over the target placements
/// of <c>kernel-peak</c>'s cases of that shape (inside and above the SIMD vector), each case the median over rounds of one
/// thread's CPU time (<see cref="KernelTimer"/>): in cache as in a blocked sweep, streaming as a pass of its own.
/// </summary>
public static class CalibrateCommand
{
    public const string Name = "calibrate";
    public const int BadInput = 2;

    private const int MaxTargets = 5;

    private static readonly (string Table, string Prefix)[] Shapes = [("dense", "dense"), ("real", "real"), ("diagonal", "diag")];

    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        var width = SimdSupport.Available.Max();
        int rounds = 5;
        for (int i = 0; i < args.Count; i++)
        {
            string option = args[i], value = i + 1 < args.Count ? args[i + 1] : "";
            if (option == "--simd" && OptionValues.TryName(value, out SimdLevel simd) && simd is SimdLevel.Vector256 or SimdLevel.Vector512 && SimdSupport.IsAvailable(simd))
                width = simd;
            else if (option == "--rounds" && OptionValues.TryInt(value, 1, 100, out int count))
                rounds = count;
            else
            {
                error.WriteLine($"calibrate: '{option} {value}' is not a valid option; use --simd vector256|vector512 (one this CPU has) and --rounds 1..100.");
                return BadInput;
            }
            i++;
        }
        if (width is not (SimdLevel.Vector256 or SimdLevel.Vector512))
        {
            error.WriteLine("calibrate: this CPU has no SIMD path to measure.");
            return BadInput;
        }
        output.WriteLine($"# CPU kernel costs, ns per amplitude: {width}, one thread, {(CpuClock.IsCpuTime ? "thread CPU time" : "wall time")}, " +
            $"median of {rounds} rounds, each shape the mean over its target placements");
        foreach (var precision in new[] { Precision.Single, Precision.Double })
        {
            using var timer = new KernelTimer(width, precision, InCacheKernel.DefaultQubits, streaming: true);
            var inCache = new List<string>();
            var streaming = new List<string>();
            foreach (var (table, prefix) in Shapes)
            {
                var cache = new List<string>();
                var stream = new List<string>();
                for (int k = 1; k <= MaxTargets; k++)
                {
                    var cases = KernelCase.All.Values.Where(c => c.Name.StartsWith($"{prefix}{k}-", StringComparison.Ordinal)).ToArray();
                    if (cases.Length == 0) break;
                    var figures = cases.Select(c => Measure(timer, c, rounds)).ToArray();
                    cache.Add(Format(figures.Average(f => f.InCache)));
                    stream.Add(Format(figures.Average(f => f.Streaming)));
                }
                inCache.Add($"{table}: [{string.Join(", ", cache)}]");
                streaming.Add($"{table}: [{string.Join(", ", stream)}]");
            }
            output.WriteLine($"## {(precision == Precision.Single ? "complex64" : "complex128")}");
            output.WriteLine($"streaming {string.Join(", ", streaming)}");
            output.WriteLine($"in-cache  {string.Join(", ", inCache)}");
        }
        return 0;
    }

    private static (double InCache, double Streaming) Measure(KernelTimer timer, KernelCase kernel, int rounds)
    {
        timer.Prepare(kernel);
        var inCache = new double[rounds];
        var streaming = new double[rounds];
        for (int r = 0; r < rounds; r++)
        {
            inCache[r] = timer.InCacheNanoseconds(kernel);
            streaming[r] = timer.StreamingNanoseconds(kernel);
        }
        return (SampleStatistics.Median(inCache), SampleStatistics.Median(streaming));
    }

    private static string Format(double value) => value.ToString("0.000", CultureInfo.InvariantCulture);
}
