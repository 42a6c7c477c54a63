using BenchmarkDotNet.Attributes;
using QSim.Backends;
using QSim.Execution;
using QSim.Perf.Infrastructure;
using QSim.Qasm;

namespace QSim.Perf.Circuits;

/// <summary>
/// Whole circuits from OpenQASM text to final state: parse, compile, reset the state and run every step,
/// beside the in-place floor and a copy of a buffer of the state's size. Ratio / gates = cost of one gate in floors.
/// </summary>
public class EndToEndCircuitBenchmarks : FloorBenchmarks
{
    private IStateVector _state = null!;

    [ParamsSource(nameof(CircuitValues))] public CircuitCase Circuit { get; set; } = null!;
    [Params(Precision.Single, Precision.Double)] public Precision Precision { get; set; }
    [Params(2)] public int Threads { get; set; }

    public static IEnumerable<CircuitCase> CircuitValues => CircuitCatalog.Cases();

    protected override (long Bytes, int Threads) Setup()
    {
        _state = StateCache.Get(typeof(EndToEndCircuitBenchmarks), Circuit.Qubits, Precision, Threads);
        return (_state.Length * MemoryGuard.BytesPerAmplitude(Precision), Threads);
    }

    protected override void Cleanup() { } // the state stays in StateCache for the next case of the same shape

    [Benchmark]
    public void EndToEnd()
    {
        var plan = CircuitCompilation.Compile(QasmParser.Parse(Circuit.Qasm, Circuit.Name), StateCache.Backend, precision: Precision).Plan;
        _state.SetBasisState();
        CircuitCompilation.Run(plan, _state);
    }
}
