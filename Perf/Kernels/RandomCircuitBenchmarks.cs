using BenchmarkDotNet.Attributes;
using QSim.Backends;
using QSim.Circuits;
using QSim.Cpu;
using QSim.Execution;
using QSim.Perf.Infrastructure;

namespace QSim.Perf.Kernels;

/// <summary>
/// A 20-layer random circuit (random RX/RY/RZ on every qubit, CZ on alternating neighbour pairs, as in
/// shared/bench-circuits/rqc_*), unfused, beside the in-place floor: Ratio / gates = cost of one gate in floors.
/// </summary>
public class RandomCircuitBenchmarks
{
    private IBackend _backend = null!;
    private IStateVector _state = null!;
    private MemoryFloor _floor = null!;
    private ExecutionPlan _plan = null!;

    [ParamsSource(nameof(QubitValues))] public int Qubits { get; set; }
    [Params(Precision.Single, Precision.Double)] public Precision Precision { get; set; }
    [Params(2)] public int Threads { get; set; }

    public static IEnumerable<int> QubitValues => PerfProfile.Quick ? [20, 24] : [20, 24, 26];

    /// <summary>Gates in the circuit (for per-gate figures).</summary>
    public int GateCount => _plan.Steps.Count;

    [GlobalSetup]
    public void Setup()
    {
        _backend = new CpuBackend(new CpuBackendOptions { Threads = Threads });
        _state = _backend.CreateState(Qubits, Precision);
        _floor = new MemoryFloor(_state.Length * MemoryGuard.BytesPerAmplitude(Precision), Threads, withCopy: false);
        _plan = ExecutionPlan.Compile(RandomBrickwork(Qubits, layers: 20, seed: 1), QSim.Parameters.ParameterBinding.Empty);
        Console.WriteLine($"// {Qubits} qubits: {GateCount} gates");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _state.Dispose();
        _backend.Dispose();
        _floor.Dispose();
    }

    [Benchmark(Baseline = true)] public void InPlaceFloor() => _floor.ScaleInPlace();

    [Benchmark]
    public void Circuit20Layers()
    {
        foreach (var step in _plan.Steps) ((KernelStep)step).ApplyTo(_state);
    }

    /// <summary>The brickwork of the shared benchmark circuits: H layer, then per cycle a random rotation per qubit and CZs.</summary>
    public static Circuit RandomBrickwork(int qubits, int layers, int seed)
    {
        var rng = new Random(seed);
        var circuit = new Circuit(qubits);
        for (int q = 0; q < qubits; q++) circuit.H(q);
        for (int layer = 0; layer < layers; layer++)
        {
            for (int q = 0; q < qubits; q++)
            {
                double angle = rng.NextDouble() * 2 * Math.PI;
                _ = rng.Next(3) switch { 0 => circuit.RX(angle, q), 1 => circuit.RY(angle, q), _ => circuit.RZ(angle, q) };
            }
            for (int q = layer % 2; q + 1 < qubits; q += 2) circuit.CZ(q, q + 1);
        }
        return circuit;
    }
}
