namespace QSim.Tests.Perf;

/// <summary>A fresh folder under the system's temporary folder, deleted with its contents on dispose.</summary>
internal sealed class TempFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("qsim-perf-").FullName;

    /// <summary>Writes <paramref name="content"/> as a file named like a BenchmarkDotNet export of <paramref name="suite"/>; returns its path.</summary>
    public string WriteExport(string suite, string content)
    {
        string file = System.IO.Path.Combine(Path, $"{suite}-report-full-compressed.json");
        File.WriteAllText(file, content);
        return file;
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
