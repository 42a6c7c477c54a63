using QSim.Backends;
using QSim.Circuits;
using QSim.Cpu;
using QSim.Estimation;
using QSim.Execution;
using QSim.Observables;
using QSim.Tests.Passes;

namespace QSim.Tests.Pipeline;

/// <summary>Long calls stop on cancellation, report progress, and refuse work beyond their documented budgets before starting it.</summary>
public sealed class CancellationAndLimitsTests
{
    private CpuBackend _backend = null!;

    [OneTimeSetUp] public void CreateBackend() => _backend = new CpuBackend(new CpuBackendOptions { Threads = 2 });
    [OneTimeTearDown] public void DisposeBackend() => _backend.Dispose();

    private static Circuit Layers(int qubits, int layers)
    {
        var circuit = new Circuit(qubits);
        for (int layer = 0; layer < layers; layer++)
            for (int q = 0; q < qubits; q++) circuit.RX(0.1 * (q + layer), q).CX(q, (q + 1) % qubits);
        return circuit;
    }

    [Test]
    public void EveryLongCall_WithACancelledToken_ThrowsOperationCanceled()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        var token = cancelled.Token;
        var circuit = Layers(10, 4);
        var measured = Layers(10, 4).MeasureAll();
        var simulator = new Simulator(_backend);
        var ansatz = Ansatz.HardwareEfficient(6, 2);
        var rows = new double[3, ansatz.Symbols.Count];
        using var estimator = new Estimator(_backend).Compile(ansatz, [Hamiltonians.TransverseFieldIsing(6)]);
        using var layer = QuantumLayer.AngleEncoded(4, 2, 1, new Estimator(_backend));
        Assert.Multiple(() =>
        {
            Assert.That(() => simulator.FinalState(circuit, control: new RunControl(token)), Throws.InstanceOf<OperationCanceledException>());
            Assert.That(() => simulator.Counts(measured, new RunOptions { Shots = 10 }, new RunControl(token)), Throws.InstanceOf<OperationCanceledException>());
            Assert.That(() => ExactProbabilities.Compute(_backend, measured, control: new RunControl(token)), Throws.InstanceOf<OperationCanceledException>());
            Assert.That(() => estimator.Evaluate(rows, token), Throws.InstanceOf<OperationCanceledException>());
            foreach (var method in Enum.GetValues<GradientMethod>())
                Assert.That(() => estimator.EvaluateWithGradient(rows, method, token), Throws.InstanceOf<OperationCanceledException>(), method.ToString());
            Assert.That(() => estimator.EvaluateSampled(rows, 10, 1, token), Throws.InstanceOf<OperationCanceledException>());
            Assert.That(() => layer.Forward(new double[2, 2], new double[layer.WeightCount], token), Throws.InstanceOf<OperationCanceledException>());
        });
    }

    [Test]
    public void AShotLoop_CancelledWhileRunning_StopsSoon()
    {
        var circuit = new Circuit(16, 1);
        for (int q = 0; q < 16; q++) circuit.H(q);
        circuit.Measure(0, 0).H(0);
        using var source = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        Assert.That(() => new Simulator(_backend).Counts(circuit, new RunOptions { Shots = 1_000_000 }, new RunControl(source.Token)),
            Throws.InstanceOf<OperationCanceledException>());
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(60)), "cancellation is checked between steps");
    }

    [Test]
    public void Progress_IsReportedUpToTheTotal()
    {
        var reports = new List<ExecutionProgress>();
        var progress = new SynchronousProgress(reports.Add);
        using var state = new Simulator(_backend).FinalState(Layers(8, 30), control: new RunControl(Progress: progress));
        Assert.That(reports, Is.Not.Empty);
        Assert.That(reports.Select(r => r.Done), Is.Ordered);
        Assert.That(reports[^1].Done, Is.EqualTo(reports[^1].Total));
        Assert.That(reports.Count, Is.LessThanOrEqualTo(260), "a few hundred reports at most");
    }

    [Test]
    public void ExactProbabilities_WithManyDependentMidCircuitMeasurements_AreRefusedBeforeRunning()
    {
        var circuit = new Circuit(24, 13);
        for (int q = 0; q < 24; q++) circuit.H(q);
        for (int m = 0; m < 13; m++) circuit.Measure(m, m).CX(m, m + 1).H(m);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        Assert.That(() => ExactProbabilities.Compute(_backend, circuit),
            Throws.TypeOf<BranchLimitExceededException>().With.Message.Contains("shots").And.Message.Contains("13 mid-circuit"));
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(10)), "refused from an estimate, not after running");
    }

    [TestCase(0)]
    [TestCase(3)]
    public void WideCircuits_Compile_AndStateAllocationSaysWhyNot(int level)
    {
        var circuit = new Circuit(323).CX(0, 1).SX(2).H(322).CX(322, 100).RZ(0.3, 200);
        var compiled = TestPlans.Compile(circuit, level);
        Assert.That(compiled.Statistics.GatesIn, Is.EqualTo(5));
        Assert.That(() => new Simulator(_backend, level).FinalState(circuit), Throws.TypeOf<StateTooLargeException>().With.Message.Contains("323 qubits"));
    }

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    public void WideRegister_ManyShortRuns_CompileInTimeOfTheGatesNotTheRegister(int level)
    {
        // A million-qubit register and 5000 runs between measurements, each naming the top qubit: a pass that sized a
        // table by the register once per run took minutes on this.
        const int qubits = 1 << 20, runs = 5000;
        var circuit = new Circuit(qubits, 1);
        for (int r = 0; r < runs; r++) circuit.H(qubits - 1).CX(qubits - 1, r).Measure(qubits - 1, 0);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var compiled = TestPlans.Compile(circuit, level);
        Assert.That(compiled.Statistics.GatesIn, Is.EqualTo(2 * runs));
        Assert.That(compiled.Plan.Steps.Count(s => s is MeasureStep), Is.EqualTo(runs));
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(20)), "work per run proportional to its gates");
    }

    /// <summary>An <see cref="IProgress{T}"/> that reports on the calling thread (Progress&lt;T&gt; posts to the thread pool).</summary>
    private sealed class SynchronousProgress(Action<ExecutionProgress> report) : IProgress<ExecutionProgress>
    {
        public void Report(ExecutionProgress value) => report(value);
    }
}
