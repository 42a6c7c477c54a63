using QSim.Backends;
using QSim.Circuits;
using QSim.Execution;
using QSim.Parameters;
using QSim.Passes;
using QSim.Qasm;

namespace QSim.Fuzz;

/// <summary>What became of one input.</summary>
public enum PipelineOutcome
{
    /// <summary>The front end refused it with diagnostics.</summary>
    Diagnostics,
    /// <summary>It parsed, compiled at every level and, when small, gave exact probabilities (or hit the branch limit).</summary>
    Circuit,
}

/// <summary>
/// The property every OpenQASM input must have, shared by the coverage-guided harness and the seeded mutation test:
/// it parses or is refused with well-formed diagnostics; a circuit compiles at every optimization level; a small one
/// gives exact probabilities or the documented branch-limit refusal. Any other exception escapes as a finding.
/// </summary>
public static class PipelineCheck
{
    /// <summary>Exact probabilities are computed for circuits of at most this many qubits.</summary>
    public const int MaxExactQubits = 10;

    /// <summary>Circuits larger than this skip the optimizer and the engine, so that each input stays fast.</summary>
    public const int MaxEngineOperations = 20_000;

    /// <summary>Runs <paramref name="text"/> through the front end and, when it parses, the optimizer and the engine.</summary>
    /// <exception cref="InvalidOperationException">A diagnostic is malformed (a finding).</exception>
    public static PipelineOutcome Run(string text, IBackend backend)
    {
        Circuit circuit;
        try
        {
            circuit = QasmParser.Parse(text, InputName);
        }
        catch (QasmException e)
        {
            CheckDiagnostics(e, text);
            return PipelineOutcome.Diagnostics;
        }
        if (circuit.Operations.Count > MaxEngineOperations) return PipelineOutcome.Circuit;
        for (int level = 0; level <= PassManager.MaxLevel; level++) new PassManager(level, backend.Capabilities).Compile(circuit);
        if (circuit.QubitCount <= MaxExactQubits)
        {
            var symbols = circuit.Symbols;
            var binding = ParameterBinding.From(symbols, [.. symbols.Select((_, i) => 0.25 + i)]);
            try
            {
                ExactProbabilities.Compute(backend, circuit, binding);
            }
            catch (BranchLimitExceededException)
            {
                // The documented refusal of a circuit with too many mid-circuit outcomes.
            }
        }
        return PipelineOutcome.Circuit;
    }

    private const string InputName = "input.qasm";

    /// <summary>Every diagnostic names a place inside the text, says something, and shows at most a window of the line.</summary>
    private static void CheckDiagnostics(QasmException e, string text)
    {
        int lines = 1 + text.Count(c => c == '\n');
        if (e.Diagnostics.Count > QasmLimits.MaxDiagnosticsPerFile + 1)
            throw new InvalidOperationException($"{e.Diagnostics.Count} diagnostics for one file, more than the cap.");
        foreach (var d in e.Diagnostics)
        {
            bool placed = d.File != InputName || d.Line >= 1 && d.Line <= lines && d.Column >= 1;
            if (!placed || d.Message.Length == 0 || d.SourceLine.Length > QasmLimits.ExcerptWidth + 6 || d.SourceLine.Any(c => char.IsControl(c) && c != '\t'))
                throw new InvalidOperationException($"Malformed diagnostic: {d.Format()}");
        }
    }
}
