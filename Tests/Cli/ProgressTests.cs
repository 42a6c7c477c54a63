using QSim.Cli;
using QSim.Cli.Output;
using QSim.Execution;
using Spectre.Console;

namespace QSim.Tests.Cli;

/// <summary>The progress bar: percentage, elapsed and remaining time from a run's reports; erased at the end; nothing when stderr is redirected.</summary>
public class ProgressTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    /// <summary>
    /// A terminal that records what is drawn on it, and a reader of the record. The bar draws from its own thread through a
    /// synchronized writer, which locks itself; the reader takes the same lock, so it never reads a buffer being grown.
    /// </summary>
    private static (IAnsiConsole Terminal, Func<string> Screen) FakeTerminal()
    {
        var record = new StringWriter();
        var writer = TextWriter.Synchronized(record);
        var terminal = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.Yes,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.Yes,
            Out = new AnsiConsoleOutput(writer),
        });
        terminal.Profile.Width = 120;
        return (terminal, () =>
        {
            lock (writer) return record.ToString();
        });
    }

    [Test]
    public void Bar_FakeSequenceOfReports_ShowsEachPercentageWithElapsedAndRemainingTime()
    {
        var (terminal, screen) = FakeTerminal();

        using (var bar = new ProgressBar(terminal, "simulating 20 qubits", TimeSpan.Zero))
        {
            foreach (int done in new[] { 0, 1, 2, 3 })
            {
                bar.Report(new ExecutionProgress(done, 4));
                string percent = $"{done * 25}%";
                Assert.That(SpinWait.SpinUntil(() => screen().Contains(percent), Wait), Is.True, $"{percent} never drawn");
            }
        }

        string drawn = screen();
        Assert.That(drawn, Does.Contain("simulating 20 qubits"));
        Assert.That(drawn, Does.Match(@"elapsed 0:00:0\d"));
        Assert.That(drawn, Does.Contain("remaining "));
        Assert.That(drawn, Does.EndWith("\u001b[?25h"), "the cursor is shown again at the end");
    }

    [Test]
    public void Bar_Disposed_ErasesItsLine()
    {
        var (terminal, screen) = FakeTerminal();

        using (var bar = new ProgressBar(terminal, "simulating", TimeSpan.Zero))
        {
            bar.Report(new ExecutionProgress(1, 2));
            Assert.That(SpinWait.SpinUntil(() => screen().Contains("50%"), Wait), Is.True);
        }

        // The last frame clears what was drawn (erase in line) before the cursor comes back.
        string drawn = screen();
        string afterLastBar = drawn[(drawn.LastIndexOf("50%", StringComparison.Ordinal) + 3)..];
        Assert.That(afterLastBar, Does.Contain("\u001b[2K"));
    }

    [Test]
    public void Bar_ShorterRunThanTheDelay_DrawsNothing()
    {
        var (terminal, screen) = FakeTerminal();

        using (var bar = new ProgressBar(terminal, "simulating", TimeSpan.FromMinutes(1)))
            bar.Report(new ExecutionProgress(1, 1));

        Assert.That(screen(), Is.Empty);
    }

    [Test]
    public void Start_StderrIsRedirected_ShowsNothing()
    {
        var error = new StringWriter();
        var console = new CliConsole(TextWriter.Null, error, TextReader.Null, ErrorIsTerminal: false);

        using (var display = ProgressBar.Start(console, "simulating"))
            display.Report(new ExecutionProgress(1, 2));

        Assert.That(ProgressBar.Start(console, "simulating"), Is.SameAs(IProgressDisplay.None));
        Assert.That(error.ToString(), Is.Empty);
    }
}
