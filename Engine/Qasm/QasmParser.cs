using QSim.Circuits;
using QSim.Qasm.Parsing;
using QSim.Qasm.Semantics;

namespace QSim.Qasm;

/// <summary>
/// Reads OpenQASM 2.0 and the OpenQASM 3 subset used by variational circuits into a <see cref="Circuit"/>.
/// The stages are the lexer, the parser (a syntax tree with spans) and semantic lowering; every error
/// any of them finds is reported together in one <see cref="QasmException"/>.
/// </summary>
public static class QasmParser
{
    /// <summary>
    /// The most operations one statement (over all its broadcast copies) or one gate definition may expand to once
    /// definitions are inlined and <c>pow</c> repeated. It stops definitions that double each other from growing without
    /// bound (a chain of 20 took minutes); the number of statements has no limit, so a program's size is at most this
    /// many operations per statement.
    /// </summary>
    public const int MaxOperations = 1_000_000;

    /// <summary>Parses OpenQASM text. Includes other than the standard ones resolve relative to <paramref name="fileName"/>'s folder.</summary>
    /// <param name="text">The program.</param>
    /// <param name="fileName">The name shown in diagnostics (a path, or a label such as <c>&lt;stdin&gt;</c>).</param>
    /// <exception cref="QasmException">The program has errors; each is a <see cref="Diagnostic"/>.</exception>
    public static Circuit Parse(string text, string fileName = "<input>")
    {
        var diagnostics = new DiagnosticBag();
        var source = new SourceText(text, fileName);
        var program = Parser.Parse(source, diagnostics);
        // Semantic errors after syntax errors would mostly be echoes of them, so stop here.
        diagnostics.ThrowIfAny();
        var circuit = Binder.Bind(program, diagnostics);
        diagnostics.ThrowIfAny();
        return circuit;
    }

    /// <summary>Reads and parses a file.</summary>
    /// <exception cref="QasmException">The program has errors.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static Circuit ParseFile(string path) => Parse(File.ReadAllText(path), path);
}
