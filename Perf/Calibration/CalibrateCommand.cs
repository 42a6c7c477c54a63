using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using QSim.Backends;
using QSim.Cpu;
using QSim.Cpu.Simd;
using QSim.Perf.Kernels;

namespace QSim.Perf.Calibration;

/// <summary>
/// <c>calibrate [--simd Scalar|Vector256|Vector512] [--rounds N]</c>: measures the CPU backend's kernel costs on this machine,
/// the tables the optimizer prices its plans with (Engine.Cpu's CpuKernelCosts), and prints them per precision. Streaming:
/// each kernel shape as a pass of its own over 2^24 amplitudes. In cache: 16 kernels of the shape in one blocked sweep with
/// blocks of 2^14 amplitudes over 2^22. Targets sit half inside the SIMD vector and half at the top of the range, as fused
/// blocks do. Cases are interleaved round by round and each figure is the median over rounds of the best of three calls,
/// so a busy machine shifts every case alike; two threads, as the tables are used.
/// </summary>
public static class CalibrateCommand
{
    public const string Name = "calibrate";

    private const int Threads = 2;
    private const int StreamingQubits = 24;
    private const int InCacheQubits = 22;
    private const int InCacheBlock = 14;
    private const int RunLength = 16;
    private const int MaxTargets = 5;

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var simd = SimdLevel.Auto;
        int rounds = 7;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--simd" when i + 1 < args.Length && Enum.TryParse(args[i + 1], out SimdLevel level):
                    simd = level;
                    i++;
                    break;
                case "--rounds" when i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out rounds) && rounds > 0:
                    i++;
                    break;
                default:
                    error.WriteLine($"calibrate: unknown argument '{args[i]}'; use --simd Scalar|Vector256|Vector512 and --rounds N.");
                    return 2;
            }
        }
        using var backend = new CpuBackend(new CpuBackendOptions { Threads = Threads, Simd = simd });
        output.WriteLine($"# CPU kernel costs, ns per amplitude: {backend.SimdLevel}, {Threads} threads, median of {rounds} rounds");
        foreach (var precision in new[] { Precision.Single, Precision.Double })
        {
            output.WriteLine($"## {(precision == Precision.Single ? "complex64" : "complex128")}");
            var streaming = Measure(backend, precision, StreamingQubits, blockQubits: null, rounds);
            var inCache = Measure(backend, precision, InCacheQubits, InCacheBlock, rounds);
            Write(output, "streaming", streaming);
            Write(output, "in-cache", inCache);
        }
        return 0;
    }

    /// <summary>Cost per amplitude of each shape: [diagonal ? 1 : 0, targets − 1].</summary>
    private static double[,] Measure(IBackend backend, Precision precision, int qubits, int? blockQubits, int rounds)
    {
        using var state = backend.CreateState(qubits, precision);
        int top = blockQubits ?? qubits;
        var cases = new List<(bool Diagonal, int Targets, MatrixApplication[] Run)>();
        foreach (bool diagonal in new[] { false, true })
            for (int k = 1; k <= MaxTargets; k++)
            {
                int[] targets = [.. Enumerable.Range(0, k).Select(i => i % 2 == 0 ? i / 2 : top - 1 - i / 2)];
                var run = Enumerable.Range(0, blockQubits is null ? 1 : RunLength).Select(r =>
                {
                    var matrix = diagonal ? Phases(1 << k, 31 * r + k) : KernelMatrices.Dense(k, 31 * r + k);
                    return new MatrixApplication([.. targets], [], matrix, diagonal);
                }).ToArray();
                cases.Add((diagonal, k, run));
            }
        var samples = cases.Select(_ => new List<double>()).ToArray();
        for (int round = 0; round < rounds; round++)
            for (int c = 0; c < cases.Count; c++)
            {
                var run = cases[c].Run;
                double best = double.PositiveInfinity;
                for (int call = 0; call < 3; call++)
                {
                    var clock = Stopwatch.StartNew();
                    if (blockQubits is { } block) state.ApplySweep(run, block);
                    else run[0].ApplyTo(state);
                    best = Math.Min(best, clock.Elapsed.TotalSeconds);
                }
                samples[c].Add(best * 1e9 / state.Length / run.Length);
            }
        var costs = new double[2, MaxTargets];
        for (int c = 0; c < cases.Count; c++)
        {
            var sorted = samples[c].Order().ToArray();
            costs[cases[c].Diagonal ? 1 : 0, cases[c].Targets - 1] = sorted[sorted.Length / 2];
        }
        return costs;
    }

    private static Complex[] Phases(int count, int seed)
    {
        var rng = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(_ => Complex.FromPolarCoordinates(1, rng.NextDouble() * 2 * Math.PI))];
    }

    private static void Write(TextWriter output, string mode, double[,] costs)
    {
        string Row(int kind) => string.Join(", ", Enumerable.Range(0, MaxTargets).Select(k => costs[kind, k].ToString("0.000", CultureInfo.InvariantCulture)));
        output.WriteLine($"{mode,-10} dense: [{Row(0)}], diagonal: [{Row(1)}]");
    }
}
