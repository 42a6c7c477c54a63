using BenchmarkDotNet.Attributes;
using QSim.Backends;
using QSim.Cpu;
using QSim.DensityMatrix;
using QSim.Estimation;
using QSim.Observables;
using QSim.Perf.Infrastructure;

namespace QSim.Perf.Noise;

/// <summary>
/// Quantum trajectories of the noisy brickwork (<see cref="NoisyWorkloads"/>: depolarizing after every gate) on the CPU
/// backend, per trajectory (each from |0…0⟩ to its final state, trajectories of small states run in parallel, one per
/// thread), beside the floor and copy of a buffer of the state's size.
/// </summary>
public class TrajectoryBenchmarks : FloorBenchmarks
{
    private const int Trajectories = 16;

    private CpuBackend _backend = null!;
    private CompiledEstimator _estimator = null!;

    [ParamsSource(nameof(QubitValues))] public int Qubits { get; set; }

    public static IEnumerable<int> QubitValues => PerfProfile.Quick ? [12, 16] : [12, 16, 20];

    protected override (long Bytes, int Threads) Setup()
    {
        _backend = new CpuBackend();
        var options = new EstimatorOptions { Trajectories = Trajectories, Seed = 1 };
        _estimator = new Estimator(_backend, options).Compile(NoisyWorkloads.Noisy(Qubits), [PauliString.Z(0)]);
        WarmUp.UntilTiered(() => _estimator.Evaluate(new double[1, 0]));
        return ((1L << Qubits) * MemoryGuard.BytesPerAmplitude(Precision.Single), _backend.Options.Threads);
    }

    protected override void Cleanup()
    {
        _estimator.Dispose();
        _backend.Dispose();
    }

    /// <summary>One trajectory (the figure is per trajectory: each invocation runs <see cref="Trajectories"/>).</summary>
    [Benchmark(OperationsPerInvoke = Trajectories)]
    public double Trajectory() => _estimator.Evaluate(new double[1, 0])[0, 0];
}

/// <summary>
/// The noisy brickwork evolved exactly on the density-matrix backend over the CPU kernels (a vector of 4^n elements),
/// beside the floor and copy of a buffer of the density matrix's size.
/// </summary>
public class DensityMatrixBenchmarks : FloorBenchmarks
{
    private DensityMatrixBackend _backend = null!;
    private CompiledEstimator _estimator = null!;

    [ParamsSource(nameof(QubitValues))] public int Qubits { get; set; }
    [Params(Precision.Single, Precision.Double)] public Precision Precision { get; set; }

    public static IEnumerable<int> QubitValues => PerfProfile.Quick ? [8, 10] : [8, 10, 12];

    protected override (long Bytes, int Threads) Setup()
    {
        var cpu = new CpuBackend();
        _backend = new DensityMatrixBackend(cpu);
        _estimator = new Estimator(_backend, new EstimatorOptions { Precision = Precision }).Compile(NoisyWorkloads.Noisy(Qubits), [PauliString.Z(0)]);
        WarmUp.UntilTiered(() => _estimator.Evaluate(new double[1, 0]));
        return ((long)DensityMatrixBackend.StateBytes(Qubits, Precision), cpu.Options.Threads);
    }

    protected override void Cleanup()
    {
        _estimator.Dispose();
        _backend.Dispose();
    }

    [Benchmark]
    public double Evolution() => _estimator.Evaluate(new double[1, 0])[0, 0];
}
