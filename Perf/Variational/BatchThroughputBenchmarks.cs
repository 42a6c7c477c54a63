using BenchmarkDotNet.Attributes;
using QSim.Backends;
using QSim.Cpu;
using QSim.Estimation;
using QSim.Observables;

namespace QSim.Perf.Variational;

/// <summary>
/// Throughput of a batch of 1024 parameter rows at n = 10 (HEA, 8 layers, TFIM): the batch-parallel path
/// (one row per thread, states reused) against a loop of single-row evaluations. Evaluations per second =
/// 1024 / mean time.
/// </summary>
[MemoryDiagnoser]
public class BatchThroughputBenchmarks
{
    private const int Qubits = 10, Rows = 1024;
    private CpuBackend _backend = null!;
    private CompiledEstimator _parallel = null!, _sequential = null!;
    private double[,] _batch = null!;
    private double[][,] _singleRows = null!;

    [Params(Precision.Single, Precision.Double)] public Precision Precision { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _backend = new CpuBackend();
        var circuit = Ansatz.HardwareEfficient(Qubits, layers: 8);
        PauliSum[] observables = [Hamiltonians.TransverseFieldIsing(Qubits)];
        _parallel = new Estimator(_backend, new EstimatorOptions { Precision = Precision }).Compile(circuit, observables);
        _sequential = new Estimator(_backend, new EstimatorOptions { Precision = Precision, MaxParallelRows = 1 }).Compile(circuit, observables);
        var rng = new Random(1);
        int p = _parallel.Parameters.Count;
        _batch = new double[Rows, p];
        for (int r = 0; r < Rows; r++)
            for (int c = 0; c < p; c++) _batch[r, c] = rng.NextDouble() * 2 * Math.PI;
        _singleRows = Enumerable.Range(0, Rows).Select(r =>
        {
            var row = new double[1, p];
            for (int c = 0; c < p; c++) row[0, c] = _batch[r, c];
            return row;
        }).ToArray();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _parallel.Dispose();
        _sequential.Dispose();
        _backend.Dispose();
    }

    [Benchmark(Baseline = true)]
    public double LoopOfSingleEvaluations()
    {
        double sum = 0;
        foreach (var row in _singleRows) sum += _sequential.Evaluate(row)[0, 0];
        return sum;
    }

    [Benchmark]
    public double BatchParallel() => _parallel.Evaluate(_batch)[0, 0];
}
