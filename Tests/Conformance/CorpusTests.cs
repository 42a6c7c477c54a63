using QSim.Backends;
using QSim.Cpu;
using QSim.Execution;
using QSim.Qasm;

namespace QSim.Tests.Conformance;

/// <summary>
/// Every circuit of the shared corpus, through the parser and the CPU engine, against the reference
/// probabilities (total variation distance below 1e-6; mixed circuits by exact branch enumeration).
/// </summary>
public class CorpusTests
{
    private const double Tolerance = 1e-6;
    private CpuBackend _backend = null!;
    private int _passed;

    [OneTimeSetUp]
    public void CreateBackend() => _backend = new CpuBackend(new CpuBackendOptions { Threads = 2 });

    [OneTimeTearDown]
    public void DisposeBackendAndReportCount()
    {
        _backend.Dispose();
        // The README quotes this count; the line shows in CI logs.
        TestContext.Progress.WriteLine($"Corpus conformance: {_passed} of {Corpus.Names().Count()} circuits match their reference (total variation distance < {Tolerance:0e0}).");
    }

    [TestCaseSource(typeof(Corpus), nameof(Corpus.Names))]
    public void Run_CorpusFile_MatchesReferenceProbabilities(string name)
    {
        var circuit = QasmParser.ParseFile(Corpus.QasmPath(name));
        var expected = Corpus.Load(name);

        var result = ExactProbabilities.Compute(_backend, circuit, precision: Precision.Double);

        var probabilities = result.Probabilities
            .Select((p, i) => (Key: Simulator.FormatBasisIndex(i, circuit.QubitCount), p))
            .Where(e => e.p > 0)
            .ToDictionary(e => e.Key, e => e.p);
        Assert.That(Corpus.TotalVariation(probabilities, expected.Probabilities), Is.LessThan(Tolerance));
        if (expected.ClassicalProbabilities is { } classical)
            Assert.That(Corpus.TotalVariation(result.ClassicalProbabilities, classical), Is.LessThan(Tolerance), "classical register distribution");
        Interlocked.Increment(ref _passed);
    }
}
