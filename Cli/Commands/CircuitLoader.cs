using QSim.Circuits;
using QSim.Qasm;

namespace QSim.Cli.Commands;

/// <summary>Reads the circuit named on the command line: a file path, or <c>-</c> for standard input.</summary>
internal static class CircuitLoader
{
    public const string StandardInputName = "<stdin>";

    /// <exception cref="QasmException">The program has errors.</exception>
    /// <exception cref="CliException">The file cannot be read.</exception>
    public static Circuit Load(string file, CliConsole console)
    {
        if (file == "-") return QasmParser.Parse(console.In.ReadToEnd(), StandardInputName);
        if (Directory.Exists(file)) throw new CliException($"'{file}' is a directory, not an OpenQASM file");
        string text;
        try
        {
            text = File.ReadAllText(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new CliException(e is FileNotFoundException or DirectoryNotFoundException
                ? $"file '{file}' not found"
                : $"cannot read '{file}': {e.Message}");
        }
        return QasmParser.Parse(text, file);
    }
}
