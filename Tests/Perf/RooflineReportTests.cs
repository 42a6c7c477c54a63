using QSim.Perf.Circuits;
using QSim.Perf.Kernels;
using QSim.Perf.Regression;
using QSim.Perf.Report;

namespace QSim.Tests.Perf;

public class RooflineReportTests
{
    [Test]
    public void RooflineData_KernelPass_CountsOneReadAndWriteOfTheStatePerGate()
    {
        var data = RooflineData.From(ResultFile.Load(PerfSamples.Baseline));

        var dense1 = data.Points.Single(p => p.Figure == "Dense1 Low");
        long stateBytes = (1L << 20) * 8;
        Assert.That(dense1.StateBytes, Is.EqualTo(stateBytes));
        Assert.That(dense1.FloorBytesPerSecond, Is.EqualTo(2.0 * stateBytes / 1e-3).Within(1e-6).Percent);
        Assert.That(dense1.CopyBytesPerSecond, Is.EqualTo(2.0 * stateBytes / 1.2e-3).Within(1e-6).Percent);
        Assert.That(dense1.FractionOfFloor, Is.EqualTo(1 / 1.1).Within(1e-9));
    }

    [Test]
    public void RooflineData_Circuit_ReadsQubitsAndGatesFromItsLabel()
    {
        var data = RooflineData.From(ResultFile.Load(PerfSamples.Baseline));

        var ghz = data.Points.Single(p => p.Suite == "circuit");
        Assert.That((ghz.Figure, ghz.Qubits, ghz.Gates), Is.EqualTo(("ghz", 20, 20)));
        Assert.That(ghz.SecondsPerGate, Is.EqualTo(30e-3 / 20).Within(1e-12));
    }

    [Test]
    public void RooflineData_OptimizedCircuit_IsTheWholeRunPerGateOfTheCircuitBeforeOptimization()
    {
        var data = RooflineData.From(ResultFile.Load(PerfSamples.QuickBaseline));

        var qft = data.Points.Where(p => p.Suite == "optimized" && p.Figure.StartsWith("Qft level ") && p.Precision == "Single").ToArray();
        Assert.That(qft.Select(p => p.Figure), Is.EquivalentTo(new[] { "Qft level 0", $"Qft level {CircuitCompilation.BestLevel}" }));
        Assert.That(qft.Select(p => p.Gates), Is.All.EqualTo(GeneratedCircuits.Qft(20).Operations.Count));
        Assert.That(qft.Select(p => p.Threads), Is.All.EqualTo(OptimizedCircuitBenchmarks.Threads));
    }

    [TestCase(1.0, "1 s")]
    [TestCase(0.1, "100 ms")]
    [TestCase(1e-3, "1 ms")]
    [TestCase(1e-4, "100 µs")]
    [TestCase(1e-8, "10 ns")]
    public void Durations_DecadeTicks_ReadAsPlainNumbersWithAUnit(double seconds, string label)
    {
        Assert.That(Durations.Format(seconds, "0.###"), Is.EqualTo(label));
    }

    [Test]
    public void Report_WritesMarkdownTableAndAPlotPerPrecision()
    {
        string folder = Directory.CreateTempSubdirectory().FullName;
        try
        {
            int exitCode = ReportCommand.Run([PerfSamples.Baseline, folder], TextWriter.Null, TextWriter.Null);

            Assert.That(exitCode, Is.Zero);
            string markdown = File.ReadAllText(Path.Combine(folder, ReportCommand.MarkdownFile));
            Assert.That(markdown, Does.Contain("| kernel | Dense1 Low | 20 | Single | 2 | 1 | 1.10 ms | 15.3 | 16.8 | 14.0 | 91 |"));
            Assert.That(markdown, Does.Contain("![roofline-single](roofline-single.png)"));
            Assert.That(new FileInfo(Path.Combine(folder, "roofline-single.png")).Length, Is.GreaterThan(1000));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Test]
    public void Report_MissingResults_ExitsTwoWithoutWritingAnything()
    {
        var error = new StringWriter();

        int exitCode = ReportCommand.Run(["no/such/results", "unused-folder"], TextWriter.Null, error);

        Assert.That(exitCode, Is.EqualTo(ReportCommand.BadInput));
        Assert.That(error.ToString().TrimEnd(), Is.EqualTo("report: no/such/results: no such file or folder."));
        Assert.That(Directory.Exists("unused-folder"), Is.False);
    }

    [Test]
    public void Report_SameFigureTwiceInAFolder_ExitsTwoWithAMessageNotAStackTrace()
    {
        using var folder = new TempFolder();
        folder.WriteExport("A", File.ReadAllText(PerfSamples.Baseline));
        folder.WriteExport("B", File.ReadAllText(PerfSamples.Baseline));
        var error = new StringWriter();

        int exitCode = ReportCommand.Run([folder.Path, Path.Combine(folder.Path, "out")], TextWriter.Null, error);

        Assert.That(exitCode, Is.EqualTo(ReportCommand.BadInput));
        Assert.That(error.ToString(), Does.StartWith($"report: {folder.Path}: ").And.Contain("appears in both").And.Not.Contain("   at "));
    }

    [Test]
    public void CircuitCase_Label_RoundTripsQubitsAndGates()
    {
        var ghz = CircuitCase.FromQasm("ghz", "OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[3];\nh q[0];\ncx q[0], q[1];\ncx q[1], q[2];\n");

        Assert.That(CircuitCase.TryParseLabel(ghz.ToString(), out int qubits, out int gates), Is.True);
        Assert.That((qubits, gates), Is.EqualTo((3, 3)));
    }

    [Test]
    public void CircuitCase_LabelBenchmarkDotNetWouldAbridge_IsRefused()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            CircuitCase.FromQasm("a_rather_long_name", "OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[1];\nh q[0];\n"));

        Assert.That(error!.Message, Does.Contain("'a_rather_long_name 1q 1g'"));
    }

    [Test]
    public void CircuitCase_MeasuringCircuit_IsRefusedWithItsName()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            CircuitCase.FromQasm("measured", "OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[1];\ncreg c[1];\nmeasure q[0] -> c[0];\n"));

        Assert.That(error!.Message, Does.Contain("'measured'"));
    }

    [TestCase(TargetPlacement.Low, new[] { 0, 1, 2 })]
    [TestCase(TargetPlacement.Middle, new[] { 8, 9, 10 })]
    [TestCase(TargetPlacement.High, new[] { 17, 18, 19 })]
    public void TargetBlocks_Placement_PicksAdjacentQubitsAtBottomCentreOrTop(TargetPlacement placement, int[] expected)
    {
        Assert.That(TargetBlocks.Of(placement, 3, 20), Is.EqualTo(expected));
    }
}
