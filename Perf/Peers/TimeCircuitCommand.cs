using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using QSim.Backends;
using QSim.Cpu;
using QSim.Cpu.Simd;
using QSim.Execution;
using QSim.Perf.Circuits;
using QSim.Perf.Infrastructure;
using QSim.Qasm;

namespace QSim.Perf.Peers;

/// <summary>
/// <c>time-circuit FILE.qasm [options]</c>: the apply time of one OpenQASM circuit, measured as other simulators are
/// compared with QSim (docs/perf/peers.md): parsing, optimization and state allocation are excluded; the state is
/// reset to |0…0⟩ before each run (not timed); one untimed warm-up run lets the JIT reach its final code. Prints one
/// line with the median, minimum and maximum wall time of the timed runs, the median process CPU time (on one thread
/// the figure to compare on a busy machine, see <see cref="CpuClock"/>) and |a0|², |a1|² to check the result against a peer's.
/// Exit codes: 0 done, 1 the state cannot be allocated, 2 bad arguments or input.
/// </summary>
public static class TimeCircuitCommand
{
    public const string Name = "time-circuit";
    public const int Failed = 1, BadInput = 2;
    private const string Usage =
        "usage: time-circuit FILE.qasm [--precision single|double] [--threads N] [--level 0..3] [--simd auto|scalar|vector256|vector512] [--repeats R]\n" +
        "  the apply time of the circuit's optimized plan (defaults: single, every core, level 3, auto, 3 timed runs after 1 warm-up)";

    /// <summary>What one invocation measures.</summary>
    public sealed record Settings(string File, Precision Precision, int Threads, int Level, SimdLevel Simd, int Repeats);

    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        if (args is ["--help"] or ["-h"])
        {
            output.WriteLine(Usage);
            return 0;
        }
        if (!TryParse(args, out var settings, out string problem)) return Fail(error, problem, BadInput);
        QSim.Circuits.Circuit circuit;
        try
        {
            circuit = QasmParser.ParseFile(settings.File);
        }
        catch (Exception e) when (e is QasmException or IOException or UnauthorizedAccessException)
        {
            return Fail(error, e.Message, BadInput);
        }
        using var backend = new CpuBackend(new CpuBackendOptions { Threads = settings.Threads, Simd = settings.Simd });
        var (_, plan, _, statistics) = CircuitCompilation.Compile(circuit, backend, settings.Level, settings.Precision);
        if (plan.Steps.Any(s => s is not UnitaryStep))
            return Fail(error, $"{settings.File}: the circuit measures or resets; only unitary circuits are timed.", BadInput);

        IStateVector state;
        try
        {
            state = backend.CreateState(circuit.QubitCount, settings.Precision);
        }
        catch (StateTooLargeException e)
        {
            return Fail(error, e.Message, Failed);
        }
        using (state)
        {
            var seconds = new double[settings.Repeats];
            var cpu = new double[settings.Repeats];
            for (int r = -1; r < settings.Repeats; r++)
            {
                state.SetBasisState(0);
                long start = Stopwatch.GetTimestamp();
                double cpuStart = CpuClock.ProcessSeconds();
                CircuitCompilation.Run(plan, state);
                if (r < 0) continue;
                cpu[r] = CpuClock.ProcessSeconds() - cpuStart;
                seconds[r] = Stopwatch.GetElapsedTime(start).TotalSeconds;
            }
            Array.Sort(seconds);
            Array.Sort(cpu);
            Span<Complex> first = stackalloc Complex[2];
            state.GetAmplitudes(first[..(int)Math.Min(2, state.Length)]);
            var inv = CultureInfo.InvariantCulture;
            output.WriteLine(string.Create(inv,
                $"QSim n={circuit.QubitCount} level={settings.Level} precision={settings.Precision} threads={settings.Threads} simd={backend.SimdLevel} " +
                $"sweeps={statistics.Sweeps} kernels={statistics.KernelSteps} median={seconds[seconds.Length / 2]:F4} min={seconds[0]:F4} max={seconds[^1]:F4} s " +
                $"cpu={cpu[cpu.Length / 2]:F4} s " +
                $"|a0|^2={first[0].Magnitude * first[0].Magnitude:0.000000000e+00} |a1|^2={first[1].Magnitude * first[1].Magnitude:0.000000000e+00}"));
        }
        return 0;
    }

    /// <summary>Reads the arguments; on failure <paramref name="problem"/> says which one and why.</summary>
    public static bool TryParse(IReadOnlyList<string> args, out Settings settings, out string problem)
    {
        settings = new Settings("", Precision.Single, Environment.ProcessorCount, CircuitCompilation.BestLevel, SimdLevel.Auto, 3);
        problem = "";
        string? file = null;
        for (int i = 0; i < args.Count; i++)
        {
            string option = args[i];
            if (!option.StartsWith("--", StringComparison.Ordinal))
            {
                if (file is not null) return Invalid(out problem, $"one circuit file only; got '{file}' and '{option}'.");
                file = option;
                continue;
            }
            if (option is not ("--precision" or "--threads" or "--level" or "--simd" or "--repeats"))
                return Invalid(out problem, $"unknown option {option}.\n{Usage}");
            if (i + 1 >= args.Count) return Invalid(out problem, $"{option} needs a value.");
            string value = args[++i];
            switch (option)
            {
                case "--precision" when OptionValues.TryName(value, out Precision precision):
                    settings = settings with { Precision = precision };
                    break;
                case "--threads" when OptionValues.TryInt(value, 1, 4096, out int threads):
                    settings = settings with { Threads = threads };
                    break;
                case "--level" when OptionValues.TryInt(value, 0, CircuitCompilation.BestLevel, out int level):
                    settings = settings with { Level = level };
                    break;
                case "--simd" when OptionValues.TryName(value, out SimdLevel simd):
                    if (!SimdSupport.IsAvailable(simd)) return Invalid(out problem, $"--simd {value}: this CPU does not support that path.");
                    settings = settings with { Simd = simd };
                    break;
                case "--repeats" when OptionValues.TryInt(value, 1, 1000, out int repeats):
                    settings = settings with { Repeats = repeats };
                    break;
                default:
                    return Invalid(out problem, $"{option} {value}: not a valid value.\n{Usage}");
            }
        }
        if (file is null) return Invalid(out problem, Usage);
        settings = settings with { File = file };
        return true;
    }

    private static bool Invalid(out string problem, string message)
    {
        problem = message;
        return false;
    }

    private static int Fail(TextWriter error, string message, int code)
    {
        error.WriteLine($"time-circuit: {message}");
        return code;
    }
}
