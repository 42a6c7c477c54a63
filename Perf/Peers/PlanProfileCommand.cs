using System.Globalization;
using System.Numerics;
using QSim.Backends;
using QSim.Cpu;
using QSim.Cpu.Kernels;
using QSim.Cpu.Simd;
using QSim.Execution;
using QSim.Perf.Circuits;
using QSim.Perf.Infrastructure;
using QSim.Qasm;

namespace QSim.Perf.Peers;

/// <summary>
/// <c>plan-profile FILE.qasm [--precision single|double] [--level 0..3]</c>: where the time of a circuit's optimized plan
/// goes, by kernel kind. Each kernel of each sweep is timed alone, in cache, as a sweep of its own over a state of the
/// sweep's block size (thread CPU time, median of 5 runs of enough passes) with the matrix the backend prepares inside the
/// whole run (<see cref="SweepScalars"/>), and scaled to the whole state; relabelling
/// swaps and kernels outside sweeps are timed once on the whole state. Prints, per kind (dense/real/diagonal, targets,
/// how many sit inside the SIMD vector), the count, the estimated seconds and their share, and the sum beside the
/// plan's measured time on one thread.
/// </summary>
public static class PlanProfileCommand
{
    public const string Name = "plan-profile";

    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        if (!TimeCircuitCommand.TryParse(args, out var settings, out string problem))
        {
            error.WriteLine($"plan-profile: {problem}");
            return TimeCircuitCommand.BadInput;
        }
        var circuit = QasmParser.ParseFile(settings.File);
        using var backend = new CpuBackend(new CpuBackendOptions { Threads = 1, Simd = settings.Simd });
        var (_, plan, _, _) = CircuitCompilation.Compile(circuit, backend, settings.Level, settings.Precision);
        int n = circuit.QubitCount;
        int vectorBytes = backend.SimdLevel switch { SimdLevel.Vector512 => 64, SimdLevel.Vector256 => 32, _ => 0 };
        int low = vectorBytes == 0 ? 0 : BitOperations.Log2((uint)(vectorBytes / (settings.Precision == Precision.Single ? 8 : 16)));
        var kinds = new SortedDictionary<string, (int Count, double Seconds)>(StringComparer.Ordinal);
        void Add(string kind, double seconds)
        {
            kinds.TryGetValue(kind, out var sum);
            kinds[kind] = (sum.Count + 1, sum.Seconds + seconds);
        }

        using (var full = backend.CreateState(n, settings.Precision))
        {
            full.SetBasisState(0);
            foreach (var step in plan.Steps.OfType<UnitaryStep>())
            {
                if (step is SweepStep) continue;
                string kind = step is KernelStep k ? Kind(k.AsApplication(), low) + " (alone)" : "relabelling swap";
                Add(kind, CpuClock.MeasureThread(() => step.ApplyTo(full)));
            }
        }
        var scalars = new SweepScalars();
        foreach (var sweep in plan.Steps.OfType<SweepStep>())
        {
            using var block = backend.CreateState(sweep.BlockQubits, settings.Precision);
            block.SetBasisState(0);
            double scale = Math.Pow(2, n - sweep.BlockQubits);
            // Each kernel with the matrix the backend prepares inside the whole run (scalar factors moved, see SweepScalars).
            var run = sweep.Steps.Select(k => k.AsApplication()).ToArray();
            scalars.Plan(run, low);
            for (int i = 0; i < run.Length; i++)
            {
                var a = run[i] with { Matrix = scalars.Matrix(i, run[i].Matrix).ToArray() };
                Add(Kind(a, low), scale * InCacheSeconds(s => s.ApplySweep([a], sweep.BlockQubits), block));
            }
        }

        double total = kinds.Values.Sum(v => v.Seconds);
        var inv = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(inv, $"{"kind",-28} {"count",6} {"seconds",9} {"share",6}"));
        foreach (var (kind, (count, seconds)) in kinds.OrderByDescending(p => p.Value.Seconds))
            output.WriteLine(string.Create(inv, $"{kind,-28} {count,6} {seconds,9:F3} {100 * seconds / total,5:F1}%"));
        output.WriteLine(string.Create(inv, $"{"sum",-28} {kinds.Values.Sum(v => v.Count),6} {total,9:F3}"));
        using (var state = backend.CreateState(n, settings.Precision))
        {
            state.SetBasisState(0);
            CircuitCompilation.Run(plan, state);
            state.SetBasisState(0);
            double measured = CpuClock.MeasureThread(() => CircuitCompilation.Run(plan, state));
            output.WriteLine(string.Create(inv, $"{"plan measured (1 thread)",-28} {"",6} {measured,9:F3}"));
        }
        return 0;
    }

    /// <summary>Median of 5 timings of one pass of <paramref name="pass"/> over <paramref name="state"/> (each the mean of enough passes).</summary>
    private static double InCacheSeconds(Action<IStateVector> pass, IStateVector state)
    {
        pass(state);
        int passes = 1;
        while (CpuClock.MeasureThread(() => Repeat(pass, state, passes)) < 2e-3) passes *= 2;
        var times = new double[5];
        for (int r = 0; r < times.Length; r++) times[r] = CpuClock.MeasureThread(() => Repeat(pass, state, passes)) / passes;
        Array.Sort(times);
        return times[2];
    }

    private static void Repeat(Action<IStateVector> pass, IStateVector state, int passes)
    {
        for (int i = 0; i < passes; i++) pass(state);
    }

    /// <summary>
    /// dense/real/rx-like/diag, targets, "low" + how many targets sit inside the SIMD vector, controls; "/1" when the
    /// diagonal (or the off-diagonal) of a 1-target matrix or an entry of a diagonal is 1 (a factor moved out).
    /// </summary>
    private static string Kind(MatrixApplication a, int lowQubits)
    {
        var m = a.Matrix;
        int k = a.Targets.Length, lowTargets = a.Targets.Count(q => q < lowQubits), lowControls = a.Controls.Count(q => q < lowQubits);
        string form;
        if (a.IsDiagonal) form = m.All(c => c.Imaginary == 0) ? "diag-real" : "diag";
        else if (m.All(c => c.Imaginary == 0)) form = "real";
        else if (k == 1 && m[0].Imaginary == 0 && m[3].Imaginary == 0 && m[1].Real == 0 && m[2].Real == 0) form = "rx-like";
        else if (k == 1 && m[0].Real == 0 && m[3].Real == 0 && m[1].Imaginary == 0 && m[2].Imaginary == 0) form = "rx-like";
        else form = "dense";
        string ones = m.Contains(Complex.One) ? "/1" : "";
        string controls = a.Controls.Length > 0 ? $" c{a.Controls.Length}{(lowControls > 0 ? "l" : "")}" : "";
        return $"{form}{k}{ones} low{lowTargets}{controls}";
    }
}
