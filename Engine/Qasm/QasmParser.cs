using QSim.Circuits;
using QSim.Qasm.Includes;
using QSim.Qasm.Semantics;

namespace QSim.Qasm;

/// <summary>
/// Reads OpenQASM 2.0 and the OpenQASM 3 subset used by variational circuits into a <see cref="Circuit"/>.
/// The stages are the lexer, the parser (a syntax tree with spans) and semantic lowering, run statement by statement;
/// every error any of them finds is reported together in one <see cref="QasmException"/>. Any input, however hostile,
/// ends in a circuit or a <see cref="QasmException"/> within the bounds of <see cref="QasmLimits"/>.
/// </summary>
public static class QasmParser
{
    /// <summary>
    /// The most operations one statement (over all its broadcast copies) or one gate definition may expand to once
    /// definitions are inlined and <c>pow</c> repeated. It stops definitions that double each other from growing without
    /// bound; the whole circuit is bounded by <see cref="QasmLimits.MaxCircuitSize"/>.
    /// </summary>
    public const int MaxOperations = QasmLimits.MaxStatementOperations;

    /// <summary>Parses OpenQASM text.</summary>
    /// <param name="text">The program.</param>
    /// <param name="fileName">The name shown in diagnostics (a label such as <c>&lt;stdin&gt;</c>; no file is read by that name).</param>
    /// <param name="includes">
    /// Which include files may be read; by default only <c>qelib1.inc</c> and <c>stdgates.inc</c>, since text has no
    /// folder of its own. Other names are looked up in the resolver's include paths.
    /// </param>
    /// <exception cref="QasmException">The program has errors; each is a <see cref="Diagnostic"/>.</exception>
    public static Circuit Parse(string text, string fileName = "<input>", IncludeResolver? includes = null)
    {
        var source = new SourceText(text, fileName);
        return Binder.Bind(source, includes ?? IncludeResolver.Default, Math.Max(0, QasmLimits.MaxSourceCharacters - text.Length));
    }

    /// <summary>
    /// Reads and parses a file. Includes resolve against the including file's folder and the resolver's include paths,
    /// confined to the folder of <paramref name="path"/> and those paths.
    /// </summary>
    /// <param name="path">The file; a pipe (such as <c>/dev/fd/63</c>) is read too, up to <see cref="QasmLimits.MaxSourceCharacters"/>.</param>
    /// <param name="includes">Include paths besides the file's folder (default: none).</param>
    /// <exception cref="QasmException">The program has errors, or the file is larger than <see cref="QasmLimits.MaxSourceCharacters"/>.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    /// <exception cref="UnauthorizedAccessException">The file may not be read.</exception>
    public static Circuit ParseFile(string path, IncludeResolver? includes = null)
    {
        string text;
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
            text = SourceFile.ReadText(stream, QasmLimits.MaxSourceCharacters);
        }
        catch (SourceTooLargeException e)
        {
            throw new QasmException([Diagnostic.WithoutSource(path, $"the file is too large: {e.Message}")]);
        }
        var source = new SourceText(text, path) { Location = RealPath.Resolve(path) };
        return Binder.Bind(source, (includes ?? IncludeResolver.Default).WithFolderOf(path), Math.Max(0, QasmLimits.MaxSourceCharacters - text.Length));
    }

    /// <summary>
    /// Reads a program from <paramref name="reader"/> (standard input, say) and parses it, reading at most
    /// <see cref="QasmLimits.MaxSourceCharacters"/> characters. A leading byte-order mark is skipped. Includes other
    /// than the standard ones resolve only in the resolver's include paths.
    /// </summary>
    /// <param name="reader">Where the text comes from.</param>
    /// <param name="name">The name shown in diagnostics, e.g. <c>&lt;stdin&gt;</c>.</param>
    /// <param name="includes">Include paths allowed (default: none).</param>
    /// <exception cref="QasmException">The program has errors, or is longer than the limit.</exception>
    public static Circuit Parse(TextReader reader, string name, IncludeResolver? includes = null)
    {
        var buffer = new char[81920];
        var text = new System.Text.StringBuilder();
        int read;
        while ((read = reader.Read(buffer, 0, buffer.Length)) > 0)
        {
            text.Append(buffer, 0, read);
            if (text.Length > QasmLimits.MaxSourceCharacters)
                throw new QasmException([Diagnostic.WithoutSource(name, $"the program is too large: more than {QasmLimits.MaxSourceCharacters >> 20} Mi characters, the most QSim reads")]);
        }
        return Parse(text.ToString(), name, includes);
    }
}
