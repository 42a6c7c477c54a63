using BenchmarkDotNet.Attributes;
using QSim.Backends;
using QSim.Cpu;
using QSim.Estimation;
using QSim.Observables;
using QSim.Perf.Infrastructure;

namespace QSim.Perf.Variational;

/// <summary>
/// One evaluation vs one adjoint gradient of every parameter, on the bench-circuits hardware-efficient ansatz
/// shape (RY and RZ on every qubit per layer, CZ ladder, 8 layers) with the transverse-field Ising observable, at
/// optimization level 0 (one kernel per gate) and 3 (the fused, cache-blocked plan the estimator runs by default).
/// Beside the floor and copy of a buffer of the state's size: the gradient's cost in evaluations (target: at
/// most 4) is the ratio of the AdjointGradient and Evaluation figures of one level; level 3's speed-up is the ratio
/// of the two levels' Evaluation figures.
/// </summary>
[MemoryDiagnoser]
public class GradientCostBenchmarks : FloorBenchmarks
{
    private CpuBackend _backend = null!;
    private CompiledEstimator _estimator = null!;
    private double[,] _row = null!;

    [ParamsSource(nameof(QubitValues))] public int Qubits { get; set; }
    [Params(Precision.Single, Precision.Double)] public Precision Precision { get; set; }
    [Params(0, 3)] public int Level { get; set; }

    public static IEnumerable<int> QubitValues => PerfProfile.VariationalQubits;

    protected override (long Bytes, int Threads) Setup()
    {
        _backend = new CpuBackend();
        var circuit = Ansatz.HardwareEfficient(Qubits, layers: 8);
        _estimator = new Estimator(_backend, new EstimatorOptions { Precision = Precision, OptimizationLevel = Level }).Compile(circuit, [Hamiltonians.TransverseFieldIsing(Qubits)]);
        var rng = new Random(1);
        _row = new double[1, _estimator.Parameters.Count];
        for (int p = 0; p < _row.Length; p++) _row[0, p] = rng.NextDouble() * 2 * Math.PI;
        // Allocates the gradient states, and measures steady-state code rather than the first calls'.
        WarmUp.UntilTiered(() => _estimator.Evaluate(_row), () => _estimator.EvaluateWithGradient(_row));
        return ((1L << Qubits) * MemoryGuard.BytesPerAmplitude(Precision), _backend.Options.Threads);
    }

    protected override void Cleanup()
    {
        _estimator.Dispose();
        _backend.Dispose();
    }

    [Benchmark]
    public double Evaluation() => _estimator.Evaluate(_row)[0, 0];

    [Benchmark]
    public double AdjointGradient() => _estimator.EvaluateWithGradient(_row).Gradients[0, 0, 0];
}
