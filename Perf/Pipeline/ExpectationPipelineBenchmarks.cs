using BenchmarkDotNet.Attributes;
using QSim.Backends;
using QSim.Cpu;
using QSim.Estimation;
using QSim.Execution;
using QSim.Observables;
using QSim.Parameters;
using QSim.Passes;
using QSim.Perf.Circuits;
using QSim.Perf.Infrastructure;
using QSim.Qasm;

namespace QSim.Perf.Pipeline;

/// <summary>
/// An expectation value through the estimator against what it must cost at least: the same circuit's final state on its
/// level-3 plan, plus one expectation pass. The bench-circuits random circuits, ⟨Z0⟩. Target: EstimatorLevel3 within 1.1x
/// of FinalStateThenExpectation (it runs the same optimized plan); the level-0 estimator shows what the optimizer saves.
/// Every figure is also a ratio to the in-place floor over the state, as in every suite.
/// </summary>
public class ExpectationPipelineBenchmarks : FloorBenchmarks
{
    private CpuBackend _backend = null!;
    private IStateVector _state = null!;
    private CompiledCircuit _compiled = null!;
    private CompiledEstimator _levelThree = null!, _levelZero = null!;
    private readonly double[,] _noParameters = new double[1, 0];
    private static readonly PauliSum Z0 = PauliString.Z(0);

    [ParamsSource(nameof(CircuitValues))] public string Circuit { get; set; } = "";

    public static IEnumerable<string> CircuitValues => PerfProfile.Quick ? ["rqc_n20_d20_s1"] : ["rqc_n24_d20_s1", "rqc_n26_d20_s1"];

    protected override (long Bytes, int Threads) Setup()
    {
        string file = Path.Combine(CircuitCatalog.FindSharedFolder()
            ?? throw new DirectoryNotFoundException($"{CircuitCatalog.SharedFolder} is needed for this suite."), Circuit + ".qasm");
        var circuit = QasmParser.Parse(File.ReadAllText(file), file);
        _backend = new CpuBackend();
        _compiled = new Simulator(_backend).Compile(circuit);
        _state = _backend.CreateState(circuit.QubitCount, Precision.Single);
        _levelThree = new Estimator(_backend).Compile(circuit, [Z0]);
        _levelZero = new Estimator(_backend, new EstimatorOptions { OptimizationLevel = 0 }).Compile(circuit, [Z0]);
        WarmUp.UntilTiered(() => FinalStateThenExpectation(), () => EstimatorLevel3());
        return (_state.Length * MemoryGuard.BytesPerAmplitude(Precision.Single), _backend.Options.Threads);
    }

    protected override void Cleanup()
    {
        _levelThree.Dispose();
        _levelZero.Dispose();
        _state.Dispose();
        _backend.Dispose();
    }

    [Benchmark]
    public double FinalStateThenExpectation()
    {
        _compiled.Plan.Bind(ParameterBinding.Empty);
        _state.SetBasisState(0);
        PlanExecutor.ApplyUnitary(_compiled.Plan, _state);
        return Z0.Expectation(_state);
    }

    [Benchmark]
    public double EstimatorLevel3() => _levelThree.Evaluate(_noParameters)[0, 0];

    [Benchmark]
    public double EstimatorLevel0() => _levelZero.Evaluate(_noParameters)[0, 0];
}
