using System.Globalization;
using QSim.Backends;
using QSim.Cpu;
using QSim.Cpu.Simd;
using QSim.Perf.Infrastructure;

namespace QSim.Perf.Kernels;

/// <summary>
/// <c>kernel-peak [options]</c>: how close each kernel comes to the core's FMA peak, measured in one process on one
/// thread. Per width and precision, rounds of: the FMA peak loop (<see cref="FmaPeak{TVec, TOps}"/>), each kernel
/// over a block that stays in L2 (<see cref="InCacheKernel"/>), and each kernel as one pass over a state of 2^24
/// amplitudes (streaming). Every figure is timed on the thread's CPU clock (<see cref="CpuClock"/>) and each
/// kernel's rate is divided by the peak of the same round, so the ratio holds on a busy machine. Prints a markdown
/// table: medians, with the range over rounds. Exit codes: 0 done, 2 bad arguments.
/// </summary>
public static class KernelPeakCommand
{
    public const string Name = "kernel-peak";
    public const int BadInput = 2;

    private static readonly string Usage =
        "usage: kernel-peak [--simd vector256|vector512] [--precision single|double] [--kernels NAME,NAME] [--rounds R] [--block QUBITS] [--no-streaming]\n" +
        "  in-cache and streaming cost of each kernel and its fraction of the FMA peak, one thread (defaults: every SIMD width\n" +
        "  of this CPU, both precisions, every kernel, 5 rounds, in-cache blocks of 2^14 amplitudes)\n" +
        $"  kernels: {string.Join(", ", KernelCase.All.Keys)}";

    private sealed record Settings(SimdLevel[] Widths, Precision[] Precisions, KernelCase[] Kernels, int Rounds, int BlockQubits, bool Streaming);

    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        if (args is ["--help"] or ["-h"])
        {
            output.WriteLine(Usage);
            return 0;
        }
        if (!TryParse(args, out var settings, out string problem))
        {
            error.WriteLine($"kernel-peak: {problem}");
            return BadInput;
        }
        output.WriteLine($"clock: {(CpuClock.IsCpuTime ? "thread CPU time" : "wall time (no thread CPU clock here)")}; " +
            $"in cache: 2^{settings.BlockQubits} amplitudes; streaming: 2^{KernelTimer.StreamingQubits}; {settings.Rounds} rounds; figures are medians [min-max]");
        foreach (var width in settings.Widths)
            foreach (var precision in settings.Precisions)
                Measure(width, precision, settings, output);
        return 0;
    }

    private static void Measure(SimdLevel width, Precision precision, Settings settings, TextWriter output)
    {
        using var timer = new KernelTimer(width, precision, settings.BlockQubits, settings.Streaming);
        var peaks = new List<double>();
        output.WriteLine();
        output.WriteLine($"### {width} {precision}");
        output.WriteLine();
        output.WriteLine("| kernel | in cache ns/amp | useful GFMA/s | % of FMA peak | streaming ns/amp |");
        output.WriteLine("|---|---:|---:|---:|---:|");
        foreach (var kernel in settings.Kernels)
        {
            timer.Prepare(kernel);
            var nanoseconds = new double[settings.Rounds];
            var percent = new double[settings.Rounds];
            var streaming = new double[settings.Rounds];
            for (int r = 0; r < settings.Rounds; r++)
            {
                double peak = timer.PeakFmasPerSecond();
                peaks.Add(peak);
                nanoseconds[r] = timer.InCacheNanoseconds(kernel);
                percent[r] = kernel.UsefulFmasPerAmplitude is { } useful ? useful / nanoseconds[r] * 1e9 / peak * 100 : double.NaN;
                if (timer.Streams) streaming[r] = timer.StreamingNanoseconds(kernel);
            }
            double? gfmas = kernel.UsefulFmasPerAmplitude / SampleStatistics.Median(nanoseconds);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {kernel.Name} | {Range(nanoseconds, "F3")} | {(gfmas is { } g ? g.ToString("F1", CultureInfo.InvariantCulture) : "-")} | " +
                $"{(kernel.UsefulFmasPerAmplitude is null ? "-" : Range(percent, "F0"))} | {(timer.Streams ? Range(streaming, "F3") : "-")} |"));
        }
        output.WriteLine();
        output.WriteLine($"FMA peak, {width} {precision}: {Range([.. peaks.Select(p => p / 1e9)], "F1")} GFMA/s (one core)");
    }

    private static string Range(double[] values, string format) => string.Create(CultureInfo.InvariantCulture,
        $"{SampleStatistics.Median(values).ToString(format, CultureInfo.InvariantCulture)} [{values.Min().ToString(format, CultureInfo.InvariantCulture)}-{values.Max().ToString(format, CultureInfo.InvariantCulture)}]");

    private static bool TryParse(IReadOnlyList<string> args, out Settings settings, out string problem)
    {
        settings = new Settings([.. SimdSupport.Available.Where(l => l != SimdLevel.Scalar)], [Precision.Single, Precision.Double],
            [.. KernelCase.All.Values], 5, InCacheKernel.DefaultQubits, Streaming: true);
        problem = "";
        for (int i = 0; i < args.Count; i++)
        {
            string option = args[i];
            if (option == "--no-streaming")
            {
                settings = settings with { Streaming = false };
                continue;
            }
            if (i + 1 >= args.Count || !option.StartsWith("--", StringComparison.Ordinal))
                return Invalid(out problem, $"unexpected argument {option}.\n{Usage}");
            string value = args[++i];
            switch (option)
            {
                case "--simd" when OptionValues.TryName(value, out SimdLevel simd) && simd is SimdLevel.Vector256 or SimdLevel.Vector512:
                    if (!SimdSupport.IsAvailable(simd)) return Invalid(out problem, $"--simd {value}: this CPU does not support that path.");
                    settings = settings with { Widths = [simd] };
                    break;
                case "--precision" when OptionValues.TryName(value, out Precision precision):
                    settings = settings with { Precisions = [precision] };
                    break;
                case "--kernels":
                    var unknown = value.Split(',').Where(k => !KernelCase.All.ContainsKey(k)).ToArray();
                    if (unknown.Length > 0) return Invalid(out problem, $"unknown kernel(s) {string.Join(", ", unknown)}.\n{Usage}");
                    settings = settings with { Kernels = [.. value.Split(',').Select(k => KernelCase.All[k])] };
                    break;
                case "--rounds" when OptionValues.TryInt(value, 1, 100, out int rounds):
                    settings = settings with { Rounds = rounds };
                    break;
                case "--block" when OptionValues.TryInt(value, 10, 22, out int blockQubits):
                    settings = settings with { BlockQubits = blockQubits };
                    break;
                case "--simd" or "--precision" or "--rounds" or "--block":
                    return Invalid(out problem, $"{option} {value}: not a valid value.\n{Usage}");
                default:
                    return Invalid(out problem, $"unknown option {option}.\n{Usage}");
            }
        }
        if (settings.Widths.Length == 0) return Invalid(out problem, "this CPU has no SIMD path to measure.");
        return true;
    }

    private static bool Invalid(out string problem, string message)
    {
        problem = message;
        return false;
    }
}
