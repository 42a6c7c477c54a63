using QSim.Backends;
using QSim.Circuits;
using QSim.Cpu;
using QSim.Execution;
using QSim.Gpu;
using QSim.Gpu.Batch;
using QSim.Parameters;
using QSim.Tests.Backends;

namespace QSim.Tests.Gpu;

/// <summary>The batched path against one CPU run per parameter set.</summary>
[TestFixtureSource(typeof(BackendConfigurations), nameof(BackendConfigurations.Gpu))]
public sealed class GpuBatchRunnerTests(string configuration)
{
    private GpuBackend _gpu = null!;
    private CpuBackend _cpu = null!;

    [OneTimeSetUp]
    public void CreateBackends()
    {
        _gpu = (GpuBackend)BackendConfigurations.Create(configuration);
        _cpu = new CpuBackend(new CpuBackendOptions { Threads = 1 });
    }

    [OneTimeTearDown]
    public void DisposeBackends()
    {
        _gpu?.Dispose();
        _cpu?.Dispose();
    }

    /// <summary>Two layers of RY/RZ on every qubit with a CX ladder and an RZZ: dense, diagonal and controlled steps.</summary>
    internal static Circuit Ansatz(int qubits, int layers)
    {
        var circuit = new Circuit(qubits);
        for (int layer = 0; layer < layers; layer++)
        {
            for (int q = 0; q < qubits; q++)
            {
                circuit.RY(circuit.DeclareSymbol($"y{layer}_{q}"), q);
                circuit.RZ(circuit.DeclareSymbol($"z{layer}_{q}"), q);
            }
            for (int q = 0; q + 1 < qubits; q++) circuit.CX(q, q + 1);
            circuit.RZZ(circuit.DeclareSymbol($"zz{layer}"), 0, qubits - 1);
        }
        return circuit;
    }

    internal static ParameterBinding[] RandomBindings(Circuit circuit, int count, int seed)
    {
        var rng = new Random(seed);
        return Enumerable.Range(0, count)
            .Select(_ => ParameterBinding.From(circuit.Symbols, circuit.Symbols.Select(_ => rng.NextDouble() * 6 - 3).ToArray()))
            .ToArray();
    }

    private static readonly PauliMasks[] Observables =
    [
        new(0, 0b0001),          // Z0
        new(0b0110, 0),          // X1 X2
        new(0b1000, 0b1001),     // Z0 Y3
        new(0b1111, 0b0101),     // Y0 X1 Y2 X3
    ];

    [Test]
    public void Evaluate_EveryBindingAndObservable_MatchesCpuRuns(
        [Values(Precision.Single, Precision.Double)] Precision precision, [Values(true, false)] bool sharedMemory)
    {
        var circuit = Ansatz(4, 2);
        var bindings = RandomBindings(circuit, 5, seed: 11);
        var runner = new GpuBatchRunner(_gpu) { AllowSharedMemory = sharedMemory };

        var actual = runner.Evaluate(new QSim.Passes.PassManager(0, _gpu.Capabilities).Compile(circuit).Plan, bindings, Observables, precision);

        double tolerance = precision == Precision.Single ? 1e-5 : 1e-12;
        var simulator = new Simulator(_cpu);
        for (int b = 0; b < bindings.Length; b++)
        {
            using var state = simulator.FinalState(circuit, bindings[b], Precision.Double);
            for (int o = 0; o < Observables.Length; o++)
                Assert.That(actual[b, o], Is.EqualTo(state.ExpectationPauli(Observables[o].X, Observables[o].Z)).Within(tolerance), $"binding {b}, observable {o}");
        }
    }

    [Test]
    public void Evaluate_CircuitThatMeasures_IsRejected()
    {
        var circuit = new Circuit(2, 1).H(0).Measure(0, 0);
        var runner = new GpuBatchRunner(_gpu);
        Assert.Throws<NotSupportedException>(() => runner.Evaluate(new QSim.Passes.PassManager(0, _gpu.Capabilities).Compile(circuit).Plan, [ParameterBinding.Empty], [new PauliMasks(0, 1)]));
    }

    [Test]
    public void Estimator_OnTheGpu_EvaluatesABatchInOneLaunch_LikeTheCpu([Values(Precision.Single, Precision.Double)] Precision precision)
    {
        var circuit = Ansatz(5, 2);
        var rng = new Random(5);
        var rows = new double[12, circuit.Symbols.Count];
        for (int r = 0; r < rows.GetLength(0); r++)
            for (int c = 0; c < rows.GetLength(1); c++) rows[r, c] = rng.NextDouble() * 4 - 2;
        QSim.Observables.PauliSum[] observables = [QSim.Observables.PauliSum.Parse("Z0*Z1 + 0.5*X2 - Y3"), QSim.Observables.Hamiltonians.TransverseFieldIsing(5)];
        var options = new QSim.Estimation.EstimatorOptions { Precision = precision };

        long waits = _gpu.HostWaits;
        var onGpu = new QSim.Estimation.Estimator(_gpu, options).Evaluate(circuit, observables, rows);
        long batchWaits = _gpu.HostWaits - waits;
        var onCpu = new QSim.Estimation.Estimator(_cpu, options).Evaluate(circuit, observables, rows);

        Assert.That(onGpu, Is.EqualTo(onCpu).Within(precision == Precision.Single ? 1e-5 : 1e-12));
        Assert.That(batchWaits, Is.LessThan(rows.GetLength(0)), "one launch for the batch, not a read per row");
    }
}
