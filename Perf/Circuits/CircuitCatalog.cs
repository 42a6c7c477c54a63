using System.Text.RegularExpressions;
using QSim.Perf.Infrastructure;
using QSim.Qasm;

namespace QSim.Perf.Circuits;

/// <summary>
/// The end-to-end workloads: generated random brickwork, QFT and GHZ circuits (exported to OpenQASM so they
/// go through the parser like the rest), our example files in Perf/circuits/, and the shared benchmark circuits
/// of ../shared/bench-circuits/ when that folder exists above the working directory or the program.
/// </summary>
public static partial class CircuitCatalog
{
    /// <summary>Name of the shared folder, searched for in every folder above the working directory, then above the program.</summary>
    public const string SharedFolder = "shared/bench-circuits";

    /// <summary>Every case of the current profile.</summary>
    public static IEnumerable<CircuitCase> Cases() => Generated().Concat(OwnFiles()).Concat(SharedFiles());

    private static IEnumerable<CircuitCase> Generated()
    {
        foreach (int n in PerfProfile.CircuitQubits)
        {
            yield return CircuitCase.FromQasm("random_d20", QasmExporter.Export(GeneratedCircuits.RandomBrickwork(n, layers: 20, seed: 1)));
            yield return CircuitCase.FromQasm("qft", QasmExporter.Export(GeneratedCircuits.Qft(n)));
            yield return CircuitCase.FromQasm("ghz", QasmExporter.Export(GeneratedCircuits.Ghz(n)));
        }
    }

    // Copied next to the program by Perf.csproj.
    private static IEnumerable<CircuitCase> OwnFiles() =>
        Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "circuits"), "*.qasm").Order().Select(FromFile);

    private static IEnumerable<CircuitCase> SharedFiles()
    {
        var folder = FindSharedFolder();
        if (folder is null)
        {
            Console.WriteLine($"// {SharedFolder} not found above {Environment.CurrentDirectory} or {AppContext.BaseDirectory}: its circuits are skipped.");
            return [];
        }
        string[] names = PerfProfile.Quick
            ? ["rqc_n20_d20_s1", "hea_n20_l8_s1"]
            : ["rqc_n20_d20_s1", "rqc_n24_d20_s1", "rqc_n26_d20_s1", "rqc_n28_d20_s1", "hea_n20_l8_s1"];
        return names.Select(name => Path.Combine(folder, name + ".qasm")).Where(File.Exists).Select(FromFile);
    }

    /// <summary>The shared folder of benchmark circuits, or null when none is above the working directory or the program.</summary>
    public static string? FindSharedFolder()
    {
        foreach (var start in (string[])[Environment.CurrentDirectory, AppContext.BaseDirectory])
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, SharedFolder);
                if (Directory.Exists(candidate)) return candidate;
            }
        return null;
    }

    // rqc_n20_d20_s1.qasm is named rqc_d20_s1: the label adds the qubit count.
    private static CircuitCase FromFile(string path) =>
        CircuitCase.FromQasm(QubitCountInName().Replace(Path.GetFileNameWithoutExtension(path), ""), File.ReadAllText(path));

    [GeneratedRegex(@"_n\d+")]
    private static partial Regex QubitCountInName();
}
