namespace QSim.Tests.Perf;

/// <summary>The shipped BenchmarkDotNet-style result files (Tests/Perf/Samples, copied to PerfSamples next to the tests) and the committed baseline.</summary>
internal static class PerfSamples
{
    /// <summary>A kernel group and a circuit group, each with its floor and copy.</summary>
    public static string Baseline => Path("baseline.json");

    /// <summary>The baseline's run on a machine twice as fast: Fused5 30 % faster, EndToEnd 20 % slower but within its noise.</summary>
    public static string UnchangedOnFasterMachine => Path("unchanged-on-faster-machine.json");

    /// <summary>The baseline with Dense2 40 % slower.</summary>
    public static string Dense2Regressed => Path("dense2-regressed.json");

    /// <summary>The committed quick-profile baseline, Perf/baselines/quick, found from the test folder up to the repository root.</summary>
    public static string QuickBaseline => System.IO.Path.Combine(RepositoryRoot, "Perf", "baselines", "quick");

    private static string RepositoryRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); dir is not null; dir = dir.Parent)
                if (File.Exists(System.IO.Path.Combine(dir.FullName, "QSim.sln"))) return dir.FullName;
            throw new DirectoryNotFoundException($"No QSim.sln above {TestContext.CurrentContext.TestDirectory}.");
        }
    }

    private static string Path(string name) => System.IO.Path.Combine(TestContext.CurrentContext.TestDirectory, "PerfSamples", name);
}
