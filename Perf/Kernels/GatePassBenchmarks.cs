using System.Numerics;
using BenchmarkDotNet.Attributes;
using QSim.Backends;
using QSim.Cpu;
using QSim.Gates;
using QSim.Perf.Infrastructure;

namespace QSim.Perf.Kernels;

/// <summary>
/// One gate pass over a state, on a low, middle and high target qubit, and a 2-qubit gate, beside the
/// in-place floor (Baseline) and a copy of a buffer of the same size. The Ratio column is gate / floor.
/// </summary>
public class GatePassBenchmarks
{
    private IBackend _backend = null!;
    private IStateVector _state = null!;
    private MemoryFloor _floor = null!;
    private Complex[] _oneQubit = null!, _twoQubit = null!;

    [ParamsSource(nameof(QubitValues))] public int Qubits { get; set; }
    [Params(Precision.Single, Precision.Double)] public Precision Precision { get; set; }
    [Params(1, 2)] public int Threads { get; set; }

    public static IEnumerable<int> QubitValues => PerfProfile.KernelQubits;

    [GlobalSetup]
    public void Setup()
    {
        _backend = new CpuBackend(new CpuBackendOptions { Threads = Threads });
        _state = _backend.CreateState(Qubits, Precision);
        for (int q = 0; q < Qubits; q++) _state.ApplyMatrix([q], GateLibrary.H.Matrix([]).Elements, []);
        _floor = new MemoryFloor(_state.Length * MemoryGuard.BytesPerAmplitude(Precision), Threads, withCopy: true);
        _oneQubit = GateLibrary.U3.Matrix([0.3, 0.7, -1.1]).Elements.ToArray();
        _twoQubit = GateLibrary.FSim.Matrix([0.4, 0.9]).Multiply(GateLibrary.CX.Matrix([])).Elements.ToArray();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _state.Dispose();
        _backend.Dispose();
        _floor.Dispose();
    }

    [Benchmark(Baseline = true)] public void InPlaceFloor() => _floor.ScaleInPlace();
    [Benchmark] public void Copy() => _floor.CopyOnce();
    [Benchmark] public void Gate1Low() => _state.ApplyMatrix([0], _oneQubit, []);
    [Benchmark] public void Gate1Middle() => _state.ApplyMatrix([Qubits / 2], _oneQubit, []);
    [Benchmark] public void Gate1High() => _state.ApplyMatrix([Qubits - 1], _oneQubit, []);
    [Benchmark] public void Gate2LowHigh() => _state.ApplyMatrix([1, Qubits - 2], _twoQubit, []);
    [Benchmark] public void Gate2Middle() => _state.ApplyMatrix([Qubits / 2, Qubits / 2 + 3], _twoQubit, []);
}
