using BenchmarkDotNet.Attributes;
using QSim.Backends;
using QSim.Cpu;
using QSim.Estimation;
using QSim.Observables;

namespace QSim.Perf.Variational;

/// <summary>
/// One evaluation vs one adjoint gradient of every parameter, on the bench-circuits hardware-efficient ansatz
/// shape (RY and RZ on every qubit per layer, CZ ladder, 8 layers) with the transverse-field Ising observable.
/// The Ratio column of AdjointGradient is the gradient's cost in evaluations (target: at most 4).
/// </summary>
[MemoryDiagnoser]
public class GradientCostBenchmarks
{
    private CpuBackend _backend = null!;
    private CompiledEstimator _estimator = null!;
    private double[,] _row = null!;

    [Params(12, 16, 20)] public int Qubits { get; set; }
    [Params(Precision.Single, Precision.Double)] public Precision Precision { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _backend = new CpuBackend();
        var circuit = Ansatz.HardwareEfficient(Qubits, layers: 8);
        _estimator = new Estimator(_backend, new EstimatorOptions { Precision = Precision }).Compile(circuit, [Hamiltonians.TransverseFieldIsing(Qubits)]);
        var rng = new Random(1);
        _row = new double[1, _estimator.Parameters.Count];
        for (int p = 0; p < _row.Length; p++) _row[0, p] = rng.NextDouble() * 2 * Math.PI;
        _estimator.EvaluateWithGradient(_row); // allocate the gradient states before measuring
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _estimator.Dispose();
        _backend.Dispose();
    }

    [Benchmark(Baseline = true)]
    public double Evaluation() => _estimator.Evaluate(_row)[0, 0];

    [Benchmark]
    public double AdjointGradient() => _estimator.EvaluateWithGradient(_row).Gradients[0, 0, 0];
}
