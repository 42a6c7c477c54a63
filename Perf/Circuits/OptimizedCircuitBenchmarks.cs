using BenchmarkDotNet.Attributes;
using QSim.Backends;
using QSim.Circuits;
using QSim.Cpu;
using QSim.Execution;
using QSim.Perf.Infrastructure;

namespace QSim.Perf.Circuits;

/// <summary>
/// Whole circuits at optimization level 0 (one pass per gate) and at the best level (fusion and
/// cache-blocked sweeps), beside the in-place floor (Baseline) and a copy of a buffer of the state's size
/// measured in the same run: Ratio is the circuit's cost in floors, Ratio / gates the cost of one gate.
/// The sweeps of each plan are printed at setup (// lines in the log). QSIM_PERF_CIRCUIT_QUBITS (e.g. "24")
/// picks the sizes; the quick profile keeps n = 20.
/// </summary>
public class OptimizedCircuitBenchmarks : FloorBenchmarks
{
    /// <summary>Threads of the backend every case runs on.</summary>
    public const int Threads = 2;
    private IBackend _backend = null!;
    private IStateVector _state = null!;
    private readonly Dictionary<string, ExecutionPlan> _plans = new();

    [ParamsSource(nameof(QubitValues))] public int Qubits { get; set; }
    [Params(Precision.Single, Precision.Double)] public Precision Precision { get; set; }
    [Params(0, CircuitCompilation.BestLevel)] public int Level { get; set; }

    public static IEnumerable<int> QubitValues =>
        Environment.GetEnvironmentVariable("QSIM_PERF_CIRCUIT_QUBITS") is { Length: > 0 } list
            ? list.Split(',').Select(int.Parse)
            : PerfProfile.Quick ? [20] : [20, 24, 26];

    protected override (long Bytes, int Threads) Setup()
    {
        _backend = new CpuBackend(new CpuBackendOptions { Threads = Threads });
        _state = _backend.CreateState(Qubits, Precision);
        foreach (var (name, circuit) in Circuits(Qubits))
        {
            var (_, plan, _, statistics) = CircuitCompilation.Compile(circuit, _backend, Level, Precision);
            _plans[name] = plan;
            Console.WriteLine($"// {name} n={Qubits} {Precision} level {Level}: {statistics.GatesIn} gates, {statistics.Sweeps} sweeps ({statistics.RelabelSweeps} relabelling), blocks {string.Join(" ", statistics.FusedBlocksBySize.Select(kv => $"{kv.Key}q:{kv.Value}"))}");
        }
        return (_state.Length * MemoryGuard.BytesPerAmplitude(Precision), Threads);
    }

    /// <summary>The suite's circuits at <paramref name="qubits"/>, by the name of the benchmark that runs them (the report counts their gates).</summary>
    public static IReadOnlyDictionary<string, Circuit> Circuits(int qubits) => new Dictionary<string, Circuit>
    {
        [nameof(Random20)] = GeneratedCircuits.RandomLayers(qubits, 20, seed: 1),
        [nameof(Random40)] = GeneratedCircuits.RandomLayers(qubits, 40, seed: 1),
        [nameof(Qft)] = GeneratedCircuits.Qft(qubits),
    };

    protected override void Cleanup()
    {
        _state.Dispose();
        _backend.Dispose();
    }

    [Benchmark] public void Random20() => Run(nameof(Random20));

    [Benchmark] public void Random40() => Run(nameof(Random40));

    [Benchmark] public void Qft() => Run(nameof(Qft));

    private void Run(string circuit)
    {
        _state.SetBasisState(0);
        CircuitCompilation.Run(_plans[circuit], _state);
    }
}
