namespace QSim.Tests.Perf;

/// <summary>The shipped BenchmarkDotNet-style result files (Tests/Perf/Samples, copied to PerfSamples next to the tests).</summary>
internal static class PerfSamples
{
    /// <summary>A kernel group and a circuit group, each with its floor and copy.</summary>
    public static string Baseline => Path("baseline.json");

    /// <summary>The baseline's run on a machine twice as fast: Fused5 30 % faster, EndToEnd 20 % slower but within its noise.</summary>
    public static string UnchangedOnFasterMachine => Path("unchanged-on-faster-machine.json");

    /// <summary>The baseline with Dense2 40 % slower.</summary>
    public static string Dense2Regressed => Path("dense2-regressed.json");

    private static string Path(string name) => System.IO.Path.Combine(TestContext.CurrentContext.TestDirectory, "PerfSamples", name);
}
