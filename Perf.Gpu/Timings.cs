using System.Diagnostics;
using QSim.Backends;
using QSim.Estimation;
using QSim.Execution;
using QSim.Gpu;
using QSim.Gpu.Batch;
using QSim.Observables;
using QSim.Passes;
using QSim.Perf.Circuits;

namespace QSim.Perf.Gpu;

/// <summary>
/// The timings: gate passes against the device's own copy bandwidth (bytes read plus written), a random brickwork
/// circuit, and the batch path against the CPU backend's batched estimator. Each is the median of repeated runs after
/// a warm-up, the device synchronised inside the timed region; targets are reported, not enforced.
/// </summary>
internal sealed class Timings(GpuBackend gpu, IBackend cpu, DeviceRunOptions options, RowLog log)
{
    /// <summary>A gate pass should move bytes at this share of the device's copy bandwidth or better.</summary>
    private const double PassTarget = 0.7;

    /// <summary>The random circuit at n = 30, depth 20, should take this long or less.</summary>
    private const double RandomCircuitTargetSeconds = 0.4;

    /// <summary>The batch path should be this many times faster than the CPU backend's estimator.</summary>
    private const double BatchTargetSpeedup = 100;

    private readonly Random _rng = new(7);

    private double Median(Action run) => Workloads.MedianSeconds(run, gpu.Synchronize, options.Repeats);

    /// <summary>Copy bandwidth, then 1-qubit (low, middle, top), diagonal, dense 2-5 qubit and swap passes, at one size and precision.</summary>
    public void GatePasses(int n, Precision precision)
    {
        string p = CorrectnessChecks.Name(precision), section = "gate passes";
        double bytes = 2 * MemoryGuard.StateBytes(n, precision);
        using var state = gpu.CreateState(n, precision);
        using var copy = gpu.CreateState(n, precision);
        // Amplitudes everywhere, not zeros: an H on every qubit, then a diagonal.
        for (int q = 0; q < n; q++) state.ApplyMatrix([q], [1, 1, 1, -1], []);
        state.ApplyDiagonal([0, n - 1], Workloads.RandomDiagonal(4, _rng), []);

        double copyRate = bytes / Median(() => copy.CopyFrom(state));
        log.Add(new Row(section, "device-to-device copy of the state", n, p, copyRate / 1e9, "GB/s", Verdict.Info, "read + written"));

        void Pass(string item, Action apply, bool hasTarget = false)
        {
            double seconds = Median(apply), share = bytes / seconds / copyRate;
            var verdict = !hasTarget ? Verdict.Info : share >= PassTarget ? Verdict.Pass : Verdict.Miss;
            log.Add(new Row(section, item, n, p, seconds * 1e3, "ms", verdict, $"{bytes / seconds / 1e9:F0} GB/s, {100 * share:F0}% of copy{(hasTarget ? $" (target {100 * PassTarget:F0}%)" : "")}"));
        }
        var u = Workloads.RandomMatrix(2, _rng);
        foreach (int q in new[] { 0, n / 2, n - 1 }) Pass($"1-qubit gate on q{q}", () => state.ApplyMatrix([q], u, []), hasTarget: true);
        var diagonal = Workloads.RandomDiagonal(4, _rng);
        Pass("2-qubit diagonal on [0, n-1]", () => state.ApplyDiagonal([0, n - 1], diagonal, []));
        for (int k = 2; k <= 5; k++)
        {
            var block = Workloads.RandomMatrix(1 << k, _rng);
            int[] low = [.. Enumerable.Range(0, k)], spread = [.. Enumerable.Range(0, k).Select(j => j * (n - 1) / (k - 1))];
            Pass($"dense {k}-qubit on [{string.Join(",", low)}]", () => state.ApplyMatrix(low, block, []));
            Pass($"dense {k}-qubit on [{string.Join(",", spread)}]", () => state.ApplyMatrix(spread, block, []));
        }
        Pass("swap of qubits (0, n-1) and (1, n/2)", () => state.SwapQubits([0, 1], [n - 1, n / 2]));
    }

    /// <summary>
    /// The brickwork circuit of shared/bench-circuits/rqc_* (seed 1) compiled at level 2 (fusion; the GPU streams every
    /// pass), from |0…0⟩ to the last gate.
    /// </summary>
    public void RandomCircuit(Precision precision)
    {
        var (n, depth) = options.RandomCircuit;
        var circuit = GeneratedCircuits.RandomBrickwork(n, depth, seed: 1);
        var clock = Stopwatch.StartNew();
        // The GPU's own plan: fused by its cost model, no sweeps or relabelling (it has no cache blocking).
        var plan = new PassManager(PassManager.MaxLevel, gpu.Capabilities, precision).Compile(circuit).Plan;
        double compileSeconds = clock.Elapsed.TotalSeconds;
        using var state = gpu.CreateState(n, precision);
        double seconds = Median(() =>
        {
            state.SetBasisState(0);
            PlanExecutor.ApplyUnitary(plan, state);
        });
        bool hasTarget = n == 30 && depth == 20 && precision == Precision.Single;
        var verdict = !hasTarget ? Verdict.Info : seconds <= RandomCircuitTargetSeconds ? Verdict.Pass : Verdict.Miss;
        double passes = plan.Steps.Count;
        log.Add(new Row("random circuit", $"brickwork depth {depth}: {circuit.Operations.Count} gates in {plan.Steps.Count} steps", n,
            CorrectnessChecks.Name(precision), seconds * 1e3, "ms", verdict,
            $"{passes * 2 * MemoryGuard.StateBytes(n, precision) / seconds / 1e9:F0} GB/s over the steps; compiled in {compileSeconds * 1e3:F0} ms{(hasTarget ? $" (target {RandomCircuitTargetSeconds * 1e3:F0} ms)" : "")}"));
    }

    /// <summary>One launch of the batch path against the CPU backend's batched estimator on a share of the sets, scaled.</summary>
    public void BatchedEstimator()
    {
        var (n, sets) = options.Batch;
        var circuit = Ansatz.HardwareEfficient(n, 4);
        var parameters = new double[sets, circuit.Symbols.Count];
        for (int b = 0; b < sets; b++)
            for (int j = 0; j < circuit.Symbols.Count; j++) parameters[b, j] = _rng.NextDouble() * 6 - 3;
        var bindings = Enumerable.Range(0, sets)
            .Select(b => Parameters.ParameterBinding.From(circuit.Symbols, Enumerable.Range(0, circuit.Symbols.Count).Select(j => parameters[b, j]).ToArray()))
            .ToArray();
        PauliMasks[] masks = [.. Enumerable.Range(0, n).Select(q => new PauliMasks(0, 1UL << q))];
        var runner = new GpuBatchRunner(gpu);
        var plan = new PassManager(0, gpu.Capabilities).Compile(circuit).Plan;
        double gpuSeconds = Median(() => runner.Evaluate(plan, bindings, masks));

        int sample = Math.Min(sets, 512);
        var sampled = new double[sample, circuit.Symbols.Count];
        for (int b = 0; b < sample; b++)
            for (int j = 0; j < circuit.Symbols.Count; j++) sampled[b, j] = parameters[b, j];
        using var compiled = new Estimator(cpu, new EstimatorOptions { Precision = Precision.Single })
            .Compile(circuit, [.. Enumerable.Range(0, n).Select(q => PauliSum.Parse($"Z{q}"))]);
        double cpuSeconds = Workloads.MedianSeconds(() => compiled.Evaluate(sampled), () => { }, 3) * sets / sample;
        double speedup = cpuSeconds / gpuSeconds;
        log.Add(new Row("batch", $"HEA 4 layers, {sets} parameter sets, {n} observables", n, "c64", gpuSeconds * 1e3, "ms",
            speedup >= BatchTargetSpeedup ? Verdict.Pass : Verdict.Miss,
            $"{sets / gpuSeconds:F0} sets/s; {speedup:F1}x the CPU backend's estimator ({sets / cpuSeconds:F0} sets/s, {Environment.ProcessorCount} cores; target {BatchTargetSpeedup:F0}x)"));
    }
}
