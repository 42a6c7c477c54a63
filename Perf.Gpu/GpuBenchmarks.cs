using System.Globalization;
using QSim.Backends;
using QSim.Estimation;
using QSim.Execution;
using QSim.Passes;
using QSim.Observables;
using QSim.Gpu;
using QSim.Gpu.Batch;
using QSim.Parameters;

namespace QSim.Perf.Gpu;

/// <summary>One line of the result table.</summary>
internal sealed record BenchmarkRow(string Workload, int Qubits, string Precision, double Milliseconds, string Rate, string VersusCopy);

/// <summary>
/// The GPU benchmarks: gate passes and a random circuit beside a device-to-device copy of the same
/// state (achieved bandwidth over copy bandwidth, bytes read plus written), HEA expectations, and
/// the batch path against the CPU backend.
/// </summary>
internal sealed class GpuBenchmarks(GpuBackend gpu, IBackend cpu, GpuPerfOptions options, TextWriter log)
{
    private readonly List<BenchmarkRow> _rows = [];
    private readonly Random _rng = new(7);

    public IReadOnlyList<BenchmarkRow> Rows => _rows;

    private void Synchronize() => gpu.Synchronize();

    public void Run()
    {
        foreach (int n in options.GateSizes)
            foreach (var precision in new[] { Precision.Single, Precision.Double })
                Guarded($"gate passes n={n} {precision}", () => GatePasses(n, precision));
        foreach (int n in options.HeaSizes)
            Guarded($"HEA n={n}", () => HeaExpectation(n));
        Guarded("batch", Batch);
    }

    /// <summary>A size that does not fit is reported and skipped, not fatal.</summary>
    private void Guarded(string what, Action run)
    {
        log.WriteLine($"running {what}");
        try { run(); }
        catch (StateTooLargeException e) { log.WriteLine($"skipped {what}: {e.Message}"); }
    }

    private void GatePasses(int n, Precision precision)
    {
        string p = precision == Precision.Single ? "c64" : "c128";
        double bytes = MemoryGuard.StateBytes(n, precision);
        using var state = gpu.CreateState(n, precision);
        using var copy = gpu.CreateState(n, precision);
        // Random amplitudes everywhere, not zeros: an H on every qubit, then a random layer.
        for (int q = 0; q < n; q++) state.ApplyMatrix([q], [1, 1, 1, -1], []);
        state.ApplyDiagonal([0, n - 1], [1, new(0, 1), new(0.6, 0.8), -1], []);

        double copySeconds = Workloads.MedianSeconds(() => copy.CopyFrom(state), Synchronize, options.Repeats);
        double copyRate = 2 * bytes / copySeconds;
        Add("device copy", n, p, copySeconds, 2 * bytes, copyRate);

        var u = Workloads.RandomMatrix(2, _rng);
        foreach (int q in new[] { 0, n / 2, n - 1 })
            Add($"1q gate on q{q}", n, p, Workloads.MedianSeconds(() => state.ApplyMatrix([q], u, []), Synchronize, options.Repeats), 2 * bytes, copyRate);

        var block = Workloads.RandomMatrix(16, _rng);
        foreach (int[] targets in new[] { new[] { 0, 1, 2, 3 }, new[] { 1, n / 3, 2 * n / 3, n - 1 } })
            Add($"fused 4q on [{string.Join(",", targets)}]", n, p, Workloads.MedianSeconds(() => state.ApplyMatrix(targets, block, []), Synchronize, options.Repeats), 2 * bytes, copyRate);

        var circuit = Workloads.RandomCircuit(n, 20, _rng);
        var plan = new PassManager(0, gpu.Capabilities).Compile(circuit).Plan;
        plan.Bind(QSim.Parameters.ParameterBinding.Empty);
        int gates = plan.Steps.Count;
        double seconds = Workloads.MedianSeconds(() => { foreach (var s in plan.Steps) ((KernelStep)s).ApplyTo(state); }, Synchronize, 1);
        Add($"depth-20 random ({gates} gates)", n, p, seconds, 2 * bytes * gates, copyRate);
    }

    /// <summary>The hea_* shape with the TFIM Hamiltonian through the estimator on the GPU backend: one evaluation and one adjoint gradient.</summary>
    private void HeaExpectation(int n)
    {
        var circuit = Ansatz.HardwareEfficient(n, 8);
        var parameters = new double[1, circuit.Symbols.Count];
        for (int j = 0; j < parameters.Length; j++) parameters[0, j] = _rng.NextDouble() * 6 - 3;
        var estimator = new Estimator(gpu, new EstimatorOptions { Precision = Precision.Single });
        using var compiled = estimator.Compile(circuit, [Hamiltonians.TransverseFieldIsing(n)]);
        double evaluation = Workloads.MedianSeconds(() => compiled.Evaluate(parameters), Synchronize, options.Repeats);
        double gradient = Workloads.MedianSeconds(() => compiled.EvaluateWithGradient(parameters), Synchronize, options.Repeats);
        _rows.Add(new BenchmarkRow($"HEA 8 layers, TFIM: evaluation", n, "c64", evaluation * 1e3, $"{circuit.Operations.Count} gates", ""));
        _rows.Add(new BenchmarkRow($"HEA 8 layers, TFIM: adjoint gradient", n, "c64", gradient * 1e3,
            $"{parameters.Length} parameters", $"{gradient / evaluation:F1}x one evaluation"));
    }

    private void Batch()
    {
        int n = options.BatchQubits, size = options.BatchSize;
        var circuit = Ansatz.HardwareEfficient(n, 4);
        var bindings = Enumerable.Range(0, size).Select(_ => Workloads.RandomBinding(circuit, _rng)).ToArray();
        PauliMasks[] observables = [.. Enumerable.Range(0, n).Select(q => new PauliMasks(0, 1UL << q))];
        var plan = new PassManager(0, gpu.Capabilities).Compile(circuit).Plan;
        var runner = new GpuBatchRunner(gpu);
        double gpuSeconds = Workloads.MedianSeconds(() => runner.Evaluate(plan, bindings, observables), Synchronize, options.Repeats);

        // The CPU backend one circuit at a time on a sample of the batch, scaled to the whole batch.
        int sample = Math.Min(size, 256);
        using var state = cpu.CreateState(n, Precision.Single);
        double cpuSeconds = Workloads.MedianSeconds(() =>
        {
            for (int b = 0; b < sample; b++)
            {
                plan.Bind(bindings[b]);
                state.SetBasisState(0);
                foreach (var s in plan.Steps) ((KernelStep)s).ApplyTo(state);
                foreach (var o in observables) GC.KeepAlive(state.ExpectationPauli(o.X, o.Z));
            }
        }, () => { }, 3) * size / sample;
        _rows.Add(new BenchmarkRow($"batch B={size}, {n} observables", n, "c64", gpuSeconds * 1e3,
            $"{size / gpuSeconds:F0} circuits/s", $"{cpuSeconds / gpuSeconds:F1}x the CPU backend ({size / cpuSeconds:F0}/s)"));
    }

    private void Add(string workload, int n, string precision, double seconds, double bytesMoved, double copyRate)
    {
        double rate = bytesMoved / seconds;
        _rows.Add(new BenchmarkRow(workload, n, precision, seconds * 1e3, $"{rate / 1e9:F1} GB/s", $"{100 * rate / copyRate:F0}% of copy"));
    }

    /// <summary>The table, one row per measurement.</summary>
    public void PrintTable(TextWriter output)
    {
        output.WriteLine($"| {"workload",-34} | {"n",2} | {"prec",4} | {"ms (median)",11} | {"rate",-24} | vs copy / notes |");
        output.WriteLine($"|{new string('-', 36)}|----|------|-------------|{new string('-', 26)}|-----------------|");
        foreach (var r in _rows)
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {r.Workload,-34} | {r.Qubits,2} | {r.Precision,4} | {r.Milliseconds,11:F3} | {r.Rate,-24} | {r.VersusCopy} |"));
    }
}
