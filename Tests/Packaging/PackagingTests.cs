using System.Diagnostics;
using System.IO.Compression;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace QSim.Tests.Packaging;

/// <summary>
/// The NuGet packages as a user meets them: packed from this build into a folder, referenced by a fresh project that
/// sees QSim packages from that folder only (third-party dependencies from the machine's usual source), and the
/// <c>qsim</c> tool installed from the same folder.
/// </summary>
[Category("Packaging")]
[NonParallelizable]
public sealed class PackagingTests
{
    private const string Version = "0.1.0";
    private static readonly string[] LibraryPackages = ["QSim.Engine", "QSim.Engine.Cpu", "QSim.Engine.Gpu"];
    private static readonly string[] ProjectFolders = ["Engine", "Engine.Cpu", "Engine.Gpu", "Cli"];

    private string _root = "";
    private string _feed = "";
    private Dictionary<string, string> _environment = [];

    [OneTimeSetUp]
    public void PackEverything()
    {
        _root = Directory.CreateTempSubdirectory("qsim-packaging-").FullName;
        _feed = Path.Combine(_root, "feed");
        // A package cache of its own, so that packages of an earlier run (same version) are never taken instead.
        _environment = new() { ["NUGET_PACKAGES"] = Path.Combine(_root, "packages"), ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1", ["DOTNET_NOLOGO"] = "1" };
        string repository = RepositoryRoot();
        // The projects as this test run built them: packing checks what the build produced, without building again.
        foreach (string project in ProjectFolders)
            Dotnet(repository, "pack", Path.Combine(repository, project), "-c", Configuration, "--no-build", "-o", _feed);
    }

    [OneTimeTearDown]
    public void DeleteFolder()
    {
        if (_root.Length > 0) Directory.Delete(_root, recursive: true);
    }

    [Test]
    public void Pack_EveryPackage_HasItsMetadataReadmeAndSymbols()
    {
        foreach (string id in LibraryPackages.Append("QSim.Cli"))
        {
            string package = Path.Combine(_feed, $"{id}.{Version}.nupkg");
            Assert.That(File.Exists(package), Is.True, $"{id}: no {package}");
            Assert.That(File.Exists(Path.ChangeExtension(package, ".snupkg")), Is.True, $"{id}: no symbol package");
            using var zip = ZipFile.OpenRead(package);
            var nuspec = XDocument.Load(zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open());
            string Field(string name) => nuspec.Descendants().Single(e => e.Name.LocalName == name).Value;
            Assert.Multiple(() =>
            {
                Assert.That(Field("id"), Is.EqualTo(id));
                Assert.That(Field("authors"), Is.EqualTo("QSim contributors"), id);
                Assert.That(Field("license"), Is.EqualTo("Apache-2.0"), id);
                Assert.That(Field("readme"), Is.EqualTo("README.md"), id);
                Assert.That(Field("description"), Does.Contain("QSim").And.Not.EqualTo("Package Description"), id);
                Assert.That(Field("tags"), Does.Contain("quantum"), id);
                Assert.That(zip.GetEntry("README.md"), Is.Not.Null, $"{id}: README.md is not in the package");
            });
        }
    }

    [Test]
    public void FreshProject_ReferencingThePackedPackages_RunsACircuit()
    {
        string app = Directory.CreateDirectory(Path.Combine(_root, "app")).FullName;
        File.WriteAllText(Path.Combine(app, "nuget.config"), FeedFirstConfig(app));
        File.WriteAllText(Path.Combine(app, "app.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="QSim.Engine.Cpu" Version="{Version}" />
                <PackageReference Include="QSim.Engine.Gpu" Version="{Version}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(app, "Program.cs"), """
            using QSim.Circuits;
            using QSim.Cpu;
            using QSim.Execution;

            var circuit = new Circuit(2).H(0).CX(0, 1).MeasureAll();
            Console.Write(circuit.Draw());
            using var backend = new CpuBackend();
            var counts = new Simulator(backend).Counts(circuit, new RunOptions { Shots = 100, Seed = 7 });
            Console.WriteLine(string.Join(" ", counts.Select(kv => $"{kv.Key}={kv.Value}")));
            Console.WriteLine(typeof(QSim.Gpu.GpuBackend).Assembly.GetName().Name);
            """);

        string output = Dotnet(app, "run", "-c", "Release");

        Assert.That(output, Does.Contain("q[0]: ──H──●──M→meas[0]──"));
        var counts = Regex.Matches(output, @"\b(00|11)=(\d+)").ToDictionary(m => m.Groups[1].Value, m => int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture));
        Assert.That(counts.Values.Sum(), Is.EqualTo(100), output);
        Assert.That(output, Does.Contain("QSim.Engine.Gpu"));
        var assets = File.ReadAllText(Path.Combine(app, "obj", "project.assets.json"));
        Assert.That(assets, Does.Contain(_feed.Replace("\\", "\\\\", StringComparison.Ordinal)), "QSim packages come from the packed folder");
    }

    [Test]
    public void Tool_InstalledFromThePackedFolder_PrintsItsVersion()
    {
        string tools = Path.Combine(_root, "tools");
        string config = Path.Combine(_root, "tool.nuget.config");
        // Only the packed folder: the tool package carries its dependencies, and no other source may supply a QSim.Cli.
        File.WriteAllText(config, $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="qsim-packed" value="{_feed}" />
              </packageSources>
            </configuration>
            """);

        Dotnet(_root, "tool", "install", "QSim.Cli", "--version", Version, "--tool-path", tools, "--configfile", config);
        string output = Run(_root, Path.Combine(tools, OperatingSystem.IsWindows() ? "qsim.exe" : "qsim"), "--version");

        Assert.That(output.Trim(), Is.EqualTo(Version));
    }

    /// <summary>A nuget.config where QSim packages come only from the packed folder and everything else from the machine's sources.</summary>
    private string FeedFirstConfig(string folder)
    {
        var machineSources = Regex.Matches(Dotnet(folder, "nuget", "list", "source"), @"^\s*\d+\.\s+(.+?)\s+\[Enabled\]", RegexOptions.Multiline)
            .Select(m => m.Groups[1].Value).ToList();
        string others = string.Concat(machineSources.Select(key => $"""
                <packageSource key="{key}"><package pattern="*" /></packageSource>
            """));
        return $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="qsim-packed" value="{_feed}" />
              </packageSources>
              <packageSourceMapping>
                <packageSource key="qsim-packed"><package pattern="QSim.*" /></packageSource>
            {others}
              </packageSourceMapping>
            </configuration>
            """;
    }

    private string Dotnet(string folder, params string[] args) => Run(folder, "dotnet", args);

    /// <summary>Runs a program to its end within five minutes; fails the test with its output when it exits non-zero.</summary>
    private string Run(string folder, string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string arg in args) start.ArgumentList.Add(arg);
        foreach (var (name, value) in _environment) start.Environment[name] = value;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{program} {string.Join(' ', args)} did not finish in five minutes");
        }
        Assert.That(process.ExitCode, Is.EqualTo(0), $"{program} {string.Join(' ', args)}:\n{output.Result}\n{error.Result}");
        return output.Result;
    }

    /// <summary>The configuration this test assembly was built in: the packages are packed from the same build.</summary>
    private static string Configuration =>
        AppContext.BaseDirectory.Replace('\\', '/').Contains("/bin/Debug/", StringComparison.Ordinal) ? "Debug" : "Release";

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "QSim.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException($"QSim.sln not found above {AppContext.BaseDirectory}");
    }
}
