using System.CommandLine;
using QSim.Circuits;
using QSim.Qasm;

namespace QSim.Cli.Commands;

/// <summary>
/// Reads the circuit named on the command line: a file path, or <c>-</c> for standard input, with the
/// <c>--include-path</c> folders that run and info share. A file's includes are confined to its folder and those
/// folders; standard input has no folder, so it includes only the standard files unless include paths are given.
/// </summary>
internal static class CircuitLoader
{
    public const string StandardInputName = "<stdin>";

    public static Option<string[]> CreateIncludePathOption() => new("--include-path", "-I")
    {
        Description = "A folder that OpenQASM include statements may read from, besides the file's own folder (repeatable)",
    };

    /// <exception cref="QasmException">The program has errors.</exception>
    /// <exception cref="CliException">The file or an include path cannot be used.</exception>
    public static Circuit Load(string file, IReadOnlyList<string> includePaths, CliConsole console)
    {
        var includes = Resolver(includePaths);
        if (file == "-") return QasmParser.Parse(console.In, StandardInputName, includes);
        if (Directory.Exists(file)) throw new CliException($"'{file}' is a directory, not an OpenQASM file");
        try
        {
            return QasmParser.ParseFile(file, includes);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new CliException(e is FileNotFoundException or DirectoryNotFoundException
                ? $"file '{file}' not found"
                : $"cannot read '{file}': {e.Message}");
        }
    }

    private static IncludeResolver Resolver(IReadOnlyList<string> includePaths)
    {
        foreach (string path in includePaths)
            if (!Directory.Exists(path)) throw new CliException($"--include-path '{path}' is not a folder");
        return includePaths.Count == 0 ? IncludeResolver.Default : new IncludeResolver(includePaths);
    }
}
