using QSim.Qasm;

namespace QSim.Tests.Conformance;

/// <summary>Every corpus file parses, with the qubit count its reference result states.</summary>
public class CorpusParseTests
{
    [TestCaseSource(typeof(Corpus), nameof(Corpus.Names))]
    public void Parse_CorpusFile_HasReferenceQubitCount(string name)
    {
        var circuit = QasmParser.ParseFile(Corpus.QasmPath(name));
        Assert.That(circuit.QubitCount, Is.EqualTo(Corpus.Load(name).Qubits));
    }
}
