using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using QSim.Circuits;
using QSim.Perf.Infrastructure;
using QSim.Qasm;

namespace QSim.Perf.FrontEnd;

/// <summary>
/// The OpenQASM front end (lexer, parser, semantic lowering) on a 100,000-gate program generated at setup,
/// beside the floor and copy of a buffer of the source's size on one thread (parsing is single-threaded).
/// </summary>
[Config(typeof(ThroughputConfig))]
public class ParseBenchmarks : FloorBenchmarks
{
    private string _text = null!;

    [Params(100_000)] public int Gates { get; set; }

    protected override (long Bytes, int Threads) Setup()
    {
        _text = SyntheticQasm.Generate(Gates);
        return (Encoding.UTF8.GetByteCount(_text), 1);
    }

    protected override void Cleanup() => _text = null!;

    [Benchmark] public Circuit Parse() => QasmParser.Parse(_text, "synthetic.qasm");

    private sealed class ThroughputConfig : ManualConfig
    {
        public ThroughputConfig() => AddColumn(new ParseThroughputColumn());
    }
}
