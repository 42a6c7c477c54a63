using BenchmarkDotNet.Attributes;
using QSim.Backends;
using QSim.Circuits;
using QSim.Cpu;
using QSim.Execution;
using QSim.Numerics;
using QSim.Passes;
using QSim.Perf.Infrastructure;

namespace QSim.Perf.Circuits;

/// <summary>
/// Whole circuits at optimization level 0 (one pass per gate) and at the best level (3: fusion and
/// cache-blocked sweeps), beside a copy of a buffer of the state's size measured in the same run:
/// Ratio is the circuit's cost in plain copies, Ratio / gates the cost of one gate. The sweeps of each
/// plan are printed at setup (// lines in the log). QSIM_PERF_CIRCUIT_QUBITS (e.g. "24") picks the sizes.
/// </summary>
public class OptimizedCircuitBenchmarks
{
    private IBackend _backend = null!;
    private IStateVector _state = null!;
    private MemoryFloor _floor = null!;
    private readonly Dictionary<string, ExecutionPlan> _plans = new();
    private readonly bool[] _noClbits = [];

    [ParamsSource(nameof(QubitValues))] public int Qubits { get; set; }
    [Params(Precision.Single, Precision.Double)] public Precision Precision { get; set; }
    [Params(0, 3)] public int Level { get; set; }

    public static IEnumerable<int> QubitValues =>
        Environment.GetEnvironmentVariable("QSIM_PERF_CIRCUIT_QUBITS") is { Length: > 0 } list
            ? list.Split(',').Select(int.Parse)
            : [20, 24, 26];

    [GlobalSetup]
    public void Setup()
    {
        _backend = new CpuBackend(new CpuBackendOptions { Threads = 2 });
        _state = _backend.CreateState(Qubits, Precision);
        _floor = new MemoryFloor(_state.Length * MemoryGuard.BytesPerAmplitude(Precision), threads: 2, withCopy: true);
        var manager = new PassManager(Level);
        foreach (var (name, circuit) in new[]
        {
            ("Random20", BenchmarkCircuits.RandomLayers(Qubits, 20, seed: 1)),
            ("Random40", BenchmarkCircuits.RandomLayers(Qubits, 40, seed: 1)),
            ("Qft", BenchmarkCircuits.Qft(Qubits)),
        })
        {
            var (plan, statistics) = manager.Compile(circuit);
            plan.Bind(QSim.Parameters.ParameterBinding.Empty);
            _plans[name] = plan;
            Console.WriteLine($"// {name} n={Qubits} {Precision} level {Level}: {statistics.GatesIn} gates, {statistics.Sweeps} sweeps ({statistics.RelabelSweeps} relabelling), blocks {string.Join(" ", statistics.FusedBlocksBySize.Select(kv => $"{kv.Key}q:{kv.Value}"))}");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _state.Dispose();
        _backend.Dispose();
        _floor.Dispose();
    }

    [Benchmark(Baseline = true)] public void Copy() => _floor.CopyOnce();

    [Benchmark] public void Random20() => Run("Random20");

    [Benchmark] public void Random40() => Run("Random40");

    [Benchmark] public void Qft() => Run("Qft");

    private void Run(string circuit)
    {
        _state.SetBasisState(0);
        Simulator.Execute(_plans[circuit], _state, _noClbits, new SeededRandom(0));
    }
}
