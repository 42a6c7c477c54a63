using QSim.Qasm.Includes;

namespace QSim.Qasm;

/// <summary>
/// Decides which files an OpenQASM <c>include "name";</c> may read. The standard includes (<c>qelib1.inc</c>,
/// <c>stdgates.inc</c>) are always served from the gate library. Any other name is looked up in the including file's
/// folder, then in each include path in order, and is read only when it resolves (links followed) inside an allowed
/// folder: the include paths, and for a program read from a file that file's folder. So text from a string or from
/// standard input includes nothing but the standard includes unless include paths are given.
/// </summary>
/// <remarks>
/// Only regular files are read (no devices, pipes or folders), within <see cref="QasmLimits.MaxSourceCharacters"/> for
/// the whole program and <see cref="QasmLimits.MaxIncludeDepth"/> levels of nesting. A name that does not resolve inside
/// the allowed folders is reported exactly like a missing file, so a diagnostic never tells whether a path outside them
/// exists, and a file whose first statement is not OpenQASM is reported as such without quoting it.
/// </remarks>
public sealed class IncludeResolver
{
    private readonly string[] _allowedFolders;

    /// <summary>Only <c>qelib1.inc</c> and <c>stdgates.inc</c>, plus the main file's folder when the program is read from a file.</summary>
    public static IncludeResolver Default { get; } = new([]);

    /// <summary>Allows the given folders (relative ones against the current directory) besides the standard includes.</summary>
    /// <param name="includePaths">Folders searched, in order, after the including file's own folder.</param>
    /// <exception cref="ArgumentException">A path is empty or malformed.</exception>
    public IncludeResolver(IEnumerable<string> includePaths)
    {
        IncludePaths = [.. includePaths.Select(p => string.IsNullOrWhiteSpace(p)
            ? throw new ArgumentException("An include path must not be empty.", nameof(includePaths))
            : Path.GetFullPath(p))];
        _allowedFolders = [.. IncludePaths.Select(p => RealPath.Resolve(p) ?? p)];
    }

    private IncludeResolver(IReadOnlyList<string> includePaths, string[] allowedFolders)
    {
        IncludePaths = includePaths;
        _allowedFolders = allowedFolders;
    }

    /// <summary>The folders searched after the including file's own, as full paths.</summary>
    public IReadOnlyList<string> IncludePaths { get; }

    /// <summary>This resolver with the folder of the main file <paramref name="mainFile"/> allowed too.</summary>
    internal IncludeResolver WithFolderOf(string mainFile)
    {
        string? folder = Path.GetDirectoryName(RealPath.Resolve(mainFile) ?? Path.GetFullPath(mainFile));
        return folder is null ? this : new IncludeResolver(IncludePaths, [folder, .. _allowedFolders]);
    }

    /// <summary>Finds and reads the include file <paramref name="name"/> named in <paramref name="includer"/>.</summary>
    /// <param name="name">The name in the include statement.</param>
    /// <param name="includer">The file holding the statement; its <see cref="SourceText.Location"/> is searched first.</param>
    /// <param name="maxBytes">What is left of the program's source budget.</param>
    /// <exception cref="IncludeException">It is not found in the allowed folders, or cannot be read; the message says which, in words safe to show.</exception>
    internal SourceText Read(string name, SourceText includer, long maxBytes)
    {
        string location = Find(name, includer)
            ?? throw new IncludeException($"include file '{DiagnosticText.Quote(name)}' not found {WhereLooked(includer)}");
        if (Directory.Exists(location))
            throw new IncludeException($"include file '{DiagnosticText.Quote(name)}' is a folder, not a file");
        try
        {
            string text = SourceFile.ReadRegularFile(location, maxBytes);
            return new SourceText(text, ShownName(name, includer, location)) { Location = location };
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            string reason = e is UnauthorizedAccessException ? "permission denied" : e.Message;
            throw new IncludeException($"cannot read include file '{DiagnosticText.Quote(name)}': {reason}");
        }
    }

    /// <summary>
    /// How diagnostics name an included file: beside its includer's name when it was found in the includer's folder
    /// (<c>circuits/lib/gates.inc</c>), else by where it was found.
    /// </summary>
    private static string ShownName(string name, SourceText includer, string location)
    {
        if (includer.Location is { } including && Path.GetDirectoryName(including) is { } folder && RealPath.Resolve(Path.Join(folder, name)) == location)
            return Path.Join(Path.GetDirectoryName(includer.FileName), name);
        return location;
    }

    /// <summary>The resolved path of the first candidate inside an allowed folder that exists, or null.</summary>
    private string? Find(string name, SourceText includer)
    {
        if (name.Length == 0 || name.Contains('\0')) return null;
        var candidates = new List<string>();
        if (includer.Location is { } including && Path.GetDirectoryName(including) is { } folder) candidates.Add(Path.Join(folder, name));
        candidates.AddRange(IncludePaths.Select(p => Path.Join(p, name)));
        foreach (string candidate in candidates)
        {
            // Path.Join keeps an absolute name as it is only by accident of the first part; treat it explicitly.
            string path = Path.IsPathRooted(name) ? name : candidate;
            if (RealPath.Resolve(path) is { } real && _allowedFolders.Any(f => RealPath.IsWithin(real, f)) && Path.Exists(real))
                return real;
        }
        return null;
    }

    private string WhereLooked(SourceText includer) => (includer.Location is not null, IncludePaths.Count > 0) switch
    {
        (true, true) => "in the including file's folder or the include paths (includes are confined to them)",
        (true, false) => "in the including file's folder (includes are confined to the main file's folder and the include paths)",
        (false, true) => "in the include paths (includes are confined to them)",
        (false, false) => "(a program given as text or on standard input can include only qelib1.inc and stdgates.inc unless include paths are given)",
    };
}

/// <summary>An include cannot be served; the message is safe to show (it names no path outside the allowed folders).</summary>
internal sealed class IncludeException(string message) : Exception(message);
