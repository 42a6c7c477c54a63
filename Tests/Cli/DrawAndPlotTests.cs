using System.Buffers.Binary;
using QSim.Qasm;
using static QSim.Tests.Cli.CliHarness;

namespace QSim.Tests.Cli;

/// <summary><c>qsim draw</c> and <c>qsim run --plot</c>.</summary>
public class DrawAndPlotTests
{
    [Test]
    public void Draw_File_PrintsTheCircuitsDiagram()
    {
        var result = Run("draw", Example("ghz.qasm"));

        Assert.That(result.ExitCode, Is.EqualTo(0), result.Error);
        Assert.That(result.Out, Is.EqualTo("""
            q[0]: ──H──●──M→c[0]──────────
                       │
            q[1]: ─────⊕────●─────M→c[1]──
                            │
            q[2]: ──────────⊕─────M→c[2]──

            """));
    }

    [Test]
    public void Draw_Width_FoldsTheDiagramAsCircuitDrawDoes()
    {
        string qasm = File.ReadAllText(Example("qft4.qasm"));

        var result = RunWithStdin(qasm, "draw", "-", "--width", "30");

        Assert.That(result.Out, Is.EqualTo(QasmParser.Parse(qasm, "-").Draw(30)));
        Assert.That(result.Out, Does.Contain("»"));
    }

    [TestCase("10", "--width must be 0 (no folding) or at least 20")]
    [TestCase("-3", "--width must be an integer from 0 to 100000")]
    public void Draw_BadWidth_ExitsTwo(string width, string message)
    {
        var result = RunWithStdin(Bell, "draw", "-", "--width", width);

        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.Error, Does.Contain(message));
    }

    [Test]
    public void Draw_InvalidQasm_ExitsTwoWithTheDiagnostic()
    {
        var result = RunWithStdin("OPENQASM 2.0;\nqreg q[1];\nfoo q[0];\n", "draw", "-");

        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.Error, Does.StartWith("<stdin>:3:1: error: unknown gate 'foo'"));
    }

    [TestCase("counts")]
    [TestCase("probabilities")]
    public void Plot_WritesAPngOfTheDocumentedSize(string output)
    {
        string path = Path.Combine(Path.GetTempPath(), $"qsim-plot-{Guid.NewGuid():N}.png");
        try
        {
            var result = RunWithStdin(Bell, "run", "-", "-o", output, "--seed", "1", "--plot", path);

            Assert.That(result.ExitCode, Is.EqualTo(0), result.Error);
            byte[] png = File.ReadAllBytes(path);
            Assert.That(png[..8], Is.EqualTo(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }), "PNG signature");
            Assert.That(System.Text.Encoding.ASCII.GetString(png, 12, 4), Is.EqualTo("IHDR"));
            Assert.That((BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20))), Is.EqualTo((800, 500)));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void Plot_OfOutputsWithoutAHistogram_ExitsTwoBeforeRunning()
    {
        var result = RunWithStdin(Bell, "run", "-", "-o", "statevector", "--plot", "never-written.png");

        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.Error, Does.Contain("--plot draws counts or probabilities; add one of them to --output"));
        Assert.That(File.Exists("never-written.png"), Is.False);
    }

    [Test]
    public void Plot_IntoAMissingFolder_ExitsTwoNamingTheFile()
    {
        var result = RunWithStdin(Bell, "run", "-", "--plot", "/no/such/folder/plot.png");

        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.Error, Does.StartWith("error: --plot: cannot write '/no/such/folder/plot.png'"));
    }
}
