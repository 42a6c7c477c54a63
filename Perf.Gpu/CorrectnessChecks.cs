using System.Numerics;
using QSim.Backends;
using QSim.Estimation;
using QSim.Execution;
using QSim.Passes;
using QSim.Gpu;
using QSim.Gpu.Batch;
using QSim.Numerics;

namespace QSim.Perf.Gpu;

/// <summary>
/// Every operation of the backend contract on the device against the CPU backend, at one size, in both precisions:
/// the same random state on both, the operation on both, the largest difference of what it gives (amplitudes,
/// probabilities, values) recorded as a row. Sampling must give the very same indices.
/// </summary>
internal sealed class CorrectnessChecks(GpuBackend gpu, IBackend cpu, RowLog log, string section)
{
    private readonly Random _rng = new(2024);

    public void Run(int n)
    {
        foreach (var precision in new[] { Precision.Single, Precision.Double })
        {
            for (int k = 1; k <= Math.Min(6, n); k++)
            {
                var matrix = Workloads.RandomMatrix(1 << k, _rng);
                var on = Workloads.RandomQubits(n, Math.Min(n, k + 1), _rng);
                Amplitudes($"dense k={k}", n, precision, s => s.ApplyMatrix(on[..k], matrix, []));
                if (on.Length > k) Amplitudes($"dense k={k}, controlled", n, precision, s => s.ApplyMatrix(on[..k], matrix, on[k..]));
            }
            for (int k = 0; k <= Math.Min(4, n - 1); k++)
            {
                var diagonal = Workloads.RandomDiagonal(1 << k, _rng);
                var on = Workloads.RandomQubits(n, k + 1, _rng);
                Amplitudes($"diagonal k={k}, controlled", n, precision, s => s.ApplyDiagonal(on[..k], diagonal, on[k..]));
            }
            var swapped = Workloads.RandomQubits(n, 2 * Math.Min(3, n / 2), _rng);
            int pairs = swapped.Length / 2;
            Amplitudes($"swap {pairs} qubit pairs", n, precision, s => s.SwapQubits(swapped[..pairs], swapped[pairs..]));
            var run = RandomRun(n);
            Amplitudes($"sweep of {run.Length} matrices", n, precision, s => s.ApplySweep(run, n));
            Amplitudes("collapse of the top qubit to 1", n, precision, s => s.Collapse(n - 1, 1));
            Values("probabilities", n, precision, s =>
            {
                var p = new double[s.Length];
                s.GetProbabilities(p);
                return p;
            });
            Values("norm and P(q = 1) of every qubit", n, precision, s => [s.NormSquared(), .. Enumerable.Range(0, n).Select(s.ProbabilityOfOne)]);
            Values("2000 samples", n, precision, s => [.. Simulator.SampleIndices(s, 2000, new SeededRandom(5)).Select(i => (double)i)], exact: true);
            Values("Pauli expectations and a Pauli group", n, precision, s =>
            [
                s.ExpectationPauli(0b1, 0), s.ExpectationPauli(0b1010, 0b1100), s.ExpectationPauli(0, (1UL << (n - 1)) | 1),
                s.ExpectationPauliGroup(0b11, [0b01, 0b10, 0], [0.5, -1.5, 2]),
            ]);
            WithSecondState("inner product and copy", n, precision, (s, other) =>
            {
                var product = s.InnerProduct(other);
                s.CopyFrom(other);
                return [product.Real, product.Imaginary, s.InnerProduct(other).Real];
            });
            WithSecondState("Pauli group added", n, precision, (s, other) =>
            {
                s.AddPauliGroup(other, 0b101, [0, 0b100, 0b001], [0.25, -1, 0.5]);
                return AmplitudesOf(s);
            });
            for (int k = 1; k <= Math.Min(4, n - 1); k++)
            {
                var matrix = Workloads.RandomMatrix(1 << k, _rng);
                var on = Workloads.RandomQubits(n, k + 1, _rng);
                WithSecondState($"matrix element k={k}, controlled", n, precision, (s, bra) =>
                {
                    var element = s.MatrixElement(bra, on[..k], matrix, on[k..]);
                    return [element.Real, element.Imaginary];
                });
            }
        }
    }

    /// <summary>The batch path, each of its two kernels, against one CPU run per parameter set.</summary>
    public void Batch(int n)
    {
        var circuit = Ansatz.HardwareEfficient(n, 2);
        var bindings = Enumerable.Range(0, 16).Select(_ => Workloads.RandomBinding(circuit, _rng)).ToArray();
        PauliMasks[] observables = [new(0, 1), new(0b110, 0), new(0b1001, 0b1000), new(1UL << (n - 1), 1UL << (n - 1))];
        var plan = new PassManager(0, gpu.Capabilities).Compile(circuit).Plan;
        var simulator = new Simulator(cpu);
        foreach (var precision in new[] { Precision.Single, Precision.Double })
        {
            var expected = new double[bindings.Length, observables.Length];
            for (int b = 0; b < bindings.Length; b++)
            {
                using var state = simulator.FinalState(circuit, bindings[b], Precision.Double);
                for (int o = 0; o < observables.Length; o++) expected[b, o] = state.ExpectationPauli(observables[o].X, observables[o].Z);
            }
            foreach (bool shared in new[] { true, false })
            {
                string item = shared ? "batch, state in shared memory" : "batch, state in global memory";
                var runner = new GpuBatchRunner(gpu) { AllowSharedMemory = shared };
                if (shared && !runner.FitsInSharedMemory(n, precision))
                {
                    log.Add(new Row(section, item, n, Name(precision), 0, "", Verdict.Skipped, "does not fit the device's shared memory"));
                    continue;
                }
                var actual = runner.Evaluate(plan, bindings, observables, precision);
                double worst = 0;
                for (int b = 0; b < bindings.Length; b++)
                    for (int o = 0; o < observables.Length; o++) worst = Math.Max(worst, Math.Abs(actual[b, o] - expected[b, o]));
                double tolerance = precision == Precision.Single ? 1e-5 : 1e-11;
                log.Add(new Row(section, item, n, Name(precision), worst, "error", worst <= tolerance ? Verdict.Pass : Verdict.Fail, $"tolerance {tolerance:G2}"));
            }
        }
    }

    /// <summary>A run of 1-3 qubit dense and diagonal matrices, some controlled.</summary>
    private MatrixApplication[] RandomRun(int n) =>
    [
        .. Enumerable.Range(0, 6).Select(i =>
        {
            int k = Math.Min(1 + i % 3, n - 1);
            var on = Workloads.RandomQubits(n, k + (i % 2), _rng);
            bool diagonal = i % 3 == 2;
            var matrix = diagonal ? Workloads.RandomDiagonal(1 << k, _rng) : Workloads.RandomMatrix(1 << k, _rng);
            return new MatrixApplication([.. on[..k]], [.. on[k..]], matrix, diagonal);
        }),
    ];

    private void Amplitudes(string item, int n, Precision precision, Action<IStateVector> apply) =>
        Values(item, n, precision, s =>
        {
            apply(s);
            return AmplitudesOf(s);
        });

    private void Values(string item, int n, Precision precision, Func<IStateVector, double[]> observe, bool exact = false) =>
        WithSecondState(item, n, precision, (s, _) => observe(s), exact);

    /// <summary>Runs <paramref name="observe"/> on a random state and a second one, on both backends, and records the largest difference.</summary>
    private void WithSecondState(string item, int n, Precision precision, Func<IStateVector, IStateVector, double[]> observe, bool exact = false)
    {
        var first = Workloads.RandomState(n, _rng);
        var second = Workloads.RandomState(n, _rng);
        double[] Observe(IBackend backend)
        {
            using var a = backend.CreateState(n, precision);
            using var b = backend.CreateState(n, precision);
            a.SetAmplitudes(first);
            b.SetAmplitudes(second);
            return observe(a, b);
        }
        var onDevice = Observe(gpu);
        var onCpu = Observe(cpu);
        double worst = onDevice.Length != onCpu.Length ? double.PositiveInfinity : onDevice.Zip(onCpu, (x, y) => Math.Abs(x - y)).DefaultIfEmpty(0).Max();
        double tolerance = exact ? 0 : precision == Precision.Single ? 1e-5 : 1e-11;
        bool ok = worst <= tolerance && onDevice.All(double.IsFinite);
        log.Add(new Row(section, item, n, Name(precision), worst, "error", ok ? Verdict.Pass : Verdict.Fail, $"tolerance {tolerance:G2}"));
    }

    private static double[] AmplitudesOf(IStateVector state)
    {
        var amplitudes = new Complex[state.Length];
        state.GetAmplitudes(amplitudes);
        return [.. amplitudes.SelectMany(a => new[] { a.Real, a.Imaginary })];
    }

    public static string Name(Precision precision) => precision == Precision.Single ? "c64" : "c128";
}
