using QSim.Cli;
using QSim.Cli.Commands;

namespace QSim.Tests.Cli;

/// <summary>The "working..." note: shown on a terminal and erased at the end; never written when stderr is redirected.</summary>
public class ProgressTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    [Test]
    public void Start_StderrIsTerminal_ShowsTheMessageThenErasesIt()
    {
        var error = new StringWriter();
        var console = new CliConsole(TextWriter.Null, TextWriter.Synchronized(error), TextReader.Null, ErrorIsTerminal: true);

        using (Progress.Start(console, "simulating", TimeSpan.Zero))
            SpinWait.SpinUntil(() => error.ToString().Length > 0, Wait);

        Assert.That(error.ToString(), Does.StartWith("qsim: simulating...\r"));
        Assert.That(error.ToString(), Does.EndWith("\r"));
    }

    [Test]
    public void Start_StderrIsRedirected_WritesNothing()
    {
        var error = new StringWriter();
        var console = new CliConsole(TextWriter.Null, error, TextReader.Null, ErrorIsTerminal: false);

        using (Progress.Start(console, "simulating", TimeSpan.Zero))
            Thread.Sleep(100);

        Assert.That(error.ToString(), Is.Empty);
    }
}
