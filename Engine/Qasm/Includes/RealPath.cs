namespace QSim.Qasm.Includes;

/// <summary>
/// Absolute paths with every symbolic link resolved (what POSIX <c>realpath</c> gives), so that a check that a file lies
/// inside a folder cannot be passed by a link pointing outside it, nor by <c>..</c>.
/// </summary>
internal static class RealPath
{
    /// <summary>The most links followed while resolving one path, as Linux allows.</summary>
    private const int MaxLinks = 40;

    /// <summary>The resolved path, or null when it cannot be resolved (too many links, an unreadable link, a malformed path).</summary>
    public static string? Resolve(string path)
    {
        try
        {
            string full = Path.GetFullPath(path);
            string root = Path.GetPathRoot(full)!;
            var pending = new LinkedList<string>(Components(full[root.Length..]));
            string current = root;
            int links = 0;
            while (pending.First is { } first)
            {
                pending.RemoveFirst();
                string part = first.Value;
                if (part == ".") continue;
                if (part == "..")
                {
                    current = Path.GetDirectoryName(current) ?? current;
                    continue;
                }
                string next = Path.Join(current, part);
                string? target = new FileInfo(next).LinkTarget;
                if (target is null)
                {
                    current = next;
                    continue;
                }
                if (++links > MaxLinks) return null;
                // Continue from the link's target, then with what was left of the path.
                string absolute = Path.IsPathRooted(target) ? target : Path.Join(current, target);
                root = Path.GetPathRoot(absolute)!;
                current = root;
                var parts = Components(absolute[root.Length..]);
                for (int i = parts.Length - 1; i >= 0; i--) pending.AddFirst(parts[i]);
            }
            return current;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return null;
        }
    }

    /// <summary>True when <paramref name="path"/> is <paramref name="folder"/> or lies inside it (both resolved already).</summary>
    public static bool IsWithin(string path, string folder)
    {
        var comparison = OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        string prefix = Path.EndsInDirectorySeparator(folder) ? folder : folder + Path.DirectorySeparatorChar;
        return path.Equals(folder, comparison) || path.StartsWith(prefix, comparison);
    }

    private static string[] Components(string relative) =>
        relative.Split([Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar], StringSplitOptions.RemoveEmptyEntries);
}
