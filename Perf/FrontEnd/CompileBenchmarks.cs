using System.Text;
using BenchmarkDotNet.Attributes;
using QSim.Backends;
using QSim.Circuits;
using QSim.Cpu;
using QSim.Passes;
using QSim.Perf.Infrastructure;
using QSim.Qasm;

namespace QSim.Perf.FrontEnd;

/// <summary>
/// The optimizer at its best level (gate passes, fusion, sweeps) on the 100,000-gate program of <see cref="ParseBenchmarks"/>,
/// parsed at setup: with parsing, the time a large file takes before any amplitude is touched. Single-threaded, beside the
/// floor and copy of a buffer of the source's size.
/// </summary>
public class CompileBenchmarks : FloorBenchmarks
{
    private Circuit _circuit = null!;
    private BackendCapabilities _capabilities = null!;

    [Params(100_000)] public int Gates { get; set; }

    protected override (long Bytes, int Threads) Setup()
    {
        string text = SyntheticQasm.Generate(Gates);
        _circuit = QasmParser.Parse(text, "synthetic.qasm");
        using var backend = new CpuBackend(new CpuBackendOptions { Threads = 1 });
        _capabilities = backend.Capabilities;
        return (Encoding.UTF8.GetByteCount(text), 1);
    }

    protected override void Cleanup() => _circuit = null!;

    [Benchmark] public CompiledCircuit Compile() => new PassManager(PassManager.MaxLevel, _capabilities).Compile(_circuit);
}
