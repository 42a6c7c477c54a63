namespace QSim.Cli.Commands;

/// <summary>
/// A one-line "working…" note on stderr for runs that take a while, shown only when stderr is a
/// terminal and erased when the run ends, so redirected output stays clean.
/// </summary>
internal sealed class Progress : IDisposable
{
    private static readonly TimeSpan Delay = TimeSpan.FromSeconds(1);
    private readonly CliConsole _console;
    private readonly Timer? _timer;
    private readonly string _message;
    private readonly Lock _gate = new();
    private bool _shown;
    private bool _done;

    private Progress(CliConsole console, string message, TimeSpan delay)
    {
        _console = console;
        _message = message;
        if (console.ErrorIsTerminal) _timer = new Timer(_ => Show(), null, delay, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Shows <paramref name="message"/> after a second, until disposed, when stderr is a terminal; else does nothing.</summary>
    public static Progress Start(CliConsole console, string message) => Start(console, message, Delay);

    /// <summary>As <see cref="Start(CliConsole, string)"/>, after <paramref name="delay"/>.</summary>
    internal static Progress Start(CliConsole console, string message, TimeSpan delay) => new(console, message, delay);

    private void Show()
    {
        lock (_gate)
        {
            if (_done) return;
            _console.Error.Write($"qsim: {_message}...");
            _console.Error.Flush();
            _shown = true;
        }
    }

    public void Dispose()
    {
        _timer?.Dispose();
        lock (_gate)
        {
            _done = true;
            if (_shown) _console.Error.Write("\r" + new string(' ', _message.Length + 10) + "\r");
        }
    }
}
