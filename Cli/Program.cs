using QSim.Cli;

// Composition only: the real console goes into the app; everything else lives in Commands/ and Output/.
// Ctrl-C cancels the run instead of killing the process, so the command can clean up its progress line and exit 130.
using var interrupt = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    interrupt.Cancel();
};
return QsimApp.Run(args, new CliConsole(Console.Out, Console.Error, Console.In, ErrorIsTerminal: !Console.IsErrorRedirected, interrupt.Token));
