using System.Numerics;
using BenchmarkDotNet.Attributes;
using QSim.Backends;
using QSim.Cpu;
using QSim.Perf.Infrastructure;
using QSim.Perf.Kernels;

namespace QSim.Perf.Circuits;

/// <summary>
/// The measurements behind <see cref="QSim.Backends.KernelCostModel"/>: one kernel shape (dense or
/// diagonal, k targets spread half inside the SIMD vector, half at the top of the range; random unitaries) on a
/// complex64 state, either as a pass of its own over 2^24 amplitudes (Streaming) or as 16 kernels of
/// the shape in one blocked sweep with blocks of 2^14 amplitudes over 2^22 (InCache). Divide the mean
/// by the amplitudes (and by 16 for InCache) for the model's nanoseconds per amplitude.
/// </summary>
public class KernelCostBenchmarks : FloorBenchmarks
{
    private const int Threads = 2;
    private const int InCacheBlock = 14;
    private const int RunLength = 16;
    private IBackend _backend = null!;
    private IStateVector _state = null!;
    private MatrixApplication[] _run = [];

    [Params(1, 2, 3, 4, 5)] public int Targets { get; set; }
    [Params(false, true)] public bool Diagonal { get; set; }
    [Params("Streaming", "InCache")] public string Mode { get; set; } = "Streaming";

    protected override (long Bytes, int Threads) Setup()
    {
        bool inCache = Mode == "InCache";
        int qubits = inCache ? 22 : 24, top = inCache ? InCacheBlock : qubits;
        _backend = new CpuBackend(new CpuBackendOptions { Threads = Threads });
        _state = _backend.CreateState(qubits, Precision.Single);
        var rng = new Random(1);
        int[] targets = Enumerable.Range(0, Targets).Select(i => i % 2 == 0 ? i / 2 : top - 1 - i / 2).ToArray();
        _run = Enumerable.Range(0, inCache ? RunLength : 1).Select(_ =>
        {
            var matrix = Diagonal
                ? Enumerable.Range(0, 1 << Targets).Select(_ => Complex.FromPolarCoordinates(1, rng.NextDouble() * 2 * Math.PI)).ToArray()
                : KernelMatrices.RandomUnitary(1 << Targets, rng);
            return new MatrixApplication([.. targets], [], matrix, Diagonal);
        }).ToArray();
        return (_state.Length * MemoryGuard.BytesPerAmplitude(Precision.Single), Threads);
    }

    protected override void Cleanup()
    {
        _state.Dispose();
        _backend.Dispose();
    }

    [Benchmark]
    public void Kernel()
    {
        if (Mode == "InCache") _state.ApplySweep(_run, InCacheBlock);
        else _run[0].ApplyTo(_state);
    }
}
