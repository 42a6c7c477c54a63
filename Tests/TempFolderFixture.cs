namespace QSim.Tests;

/// <summary>A base for tests that write files: a fresh temporary folder per test, deleted with its content after it.</summary>
public abstract class TempFolderFixture
{
    private string? _folder;

    /// <summary>The test's folder.</summary>
    protected string Folder => _folder ?? throw new InvalidOperationException("The folder exists only during a test.");

    [SetUp]
    public void CreateFolder() => _folder = Directory.CreateTempSubdirectory("qsim-test").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(Folder, recursive: true);

    /// <summary>Writes <paramref name="text"/> to <paramref name="relative"/> inside the folder (creating folders on the way); returns its path.</summary>
    protected string Write(string relative, string text)
    {
        string path = Path.Combine(Folder, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }
}
