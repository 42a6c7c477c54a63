using System.Diagnostics;
using QSim.Execution;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace QSim.Cli.Output;

/// <summary>
/// A progress bar on stderr: what runs, a bar, the percentage, elapsed and remaining time. Drawn only when stderr is
/// a terminal and the run lasts longer than <see cref="Delay"/>, and erased (cursor restored) when the run ends or
/// is interrupted with Ctrl-C, so that neither redirected output nor the terminal keeps a trace of it.
/// <para>
/// <see cref="Report"/> only records the latest value: the engine may report at every step, from the thread doing
/// the work. A render thread of its own draws it a few times a second.
/// </para>
/// </summary>
internal sealed class ProgressBar : IProgressDisplay
{
    /// <summary>Runs shorter than this show nothing: a bar that flashes for a moment is noise.</summary>
    public static readonly TimeSpan Delay = TimeSpan.FromSeconds(0.5);

    private static readonly TimeSpan RefreshInterval = TimeSpan.FromMilliseconds(100);

    private readonly IAnsiConsole _console;
    private readonly string _description;
    private readonly Stopwatch _elapsed = Stopwatch.StartNew();
    private readonly ManualResetEventSlim _finished = new();
    private readonly Lock _gate = new();
    private readonly Timer _startTimer;
    private readonly bool _handlesCtrlC;
    private Thread? _renderer;
    private bool _disposed;
    private long _done;
    private long _total;

    /// <summary>
    /// Draws <paramref name="description"/>'s bar on <paramref name="console"/> from <paramref name="delay"/> on, until
    /// disposed; with <paramref name="handlesCtrlC"/> (the real terminal only) it is also erased when Ctrl-C ends the process.
    /// </summary>
    internal ProgressBar(IAnsiConsole console, string description, TimeSpan delay, bool handlesCtrlC = false)
    {
        _console = console;
        _description = description;
        _handlesCtrlC = handlesCtrlC;
        // Ctrl-C is not cancelled: after the bar is erased the process ends as interrupted (exit status 130).
        if (handlesCtrlC) Console.CancelKeyPress += OnCancelKeyPress;
        _startTimer = new Timer(_ => StartRendering(), null, delay, Timeout.InfiniteTimeSpan);
    }

    /// <summary>A bar on the terminal behind <paramref name="console"/>'s stderr, or nothing when stderr is not a terminal.</summary>
    public static IProgressDisplay Start(CliConsole console, string description) =>
        console.ErrorIsTerminal ? StartOnTerminal(console, description) : IProgressDisplay.None;

    /// <summary>Kept apart from <see cref="Start"/> so that a run whose stderr is not a terminal never loads Spectre.Console.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static IProgressDisplay StartOnTerminal(CliConsole console, string description)
    {
        var terminal = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(console.Error),
            Interactive = InteractionSupport.Yes,
        });
        return terminal.Profile.Capabilities.Ansi ? new ProgressBar(terminal, description, Delay, handlesCtrlC: true) : IProgressDisplay.None;
    }

    /// <summary>Records <paramref name="value"/>; the render thread draws it at its next refresh.</summary>
    public void Report(ExecutionProgress value)
    {
        // Two plain writes: a refresh that reads one old and one new value draws a bar a step off, then the right one.
        Volatile.Write(ref _total, value.Total);
        Volatile.Write(ref _done, value.Done);
    }

    private void StartRendering()
    {
        lock (_gate)
        {
            if (_disposed) return;
            _renderer = new Thread(Render) { IsBackground = true, Name = "qsim progress" };
            _renderer.Start();
        }
    }

    private void Render() => _console.Progress()
        .AutoClear(true)
        .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new TimeColumn("elapsed", _ => _elapsed.Elapsed),
                 new TimeColumn("remaining", task => task.RemainingTime), new SpinnerColumn())
        .Start(context =>
        {
            var task = context.AddTask(_description);
            do
            {
                Update(task);
                context.Refresh();
            }
            while (!_finished.Wait(RefreshInterval));
            Update(task);
        });

    private void Update(ProgressTask task)
    {
        long total = Volatile.Read(ref _total);
        long done = Math.Min(Volatile.Read(ref _done), total);
        task.IsIndeterminate = total <= 0;
        if (total <= 0) return;
        task.MaxValue = total;
        task.Value = done;
    }

    private void OnCancelKeyPress(object? sender, ConsoleCancelEventArgs e) => Dispose();

    /// <summary>Stops drawing and erases the bar; waits for the render thread. Safe to call from any thread, more than once.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed) return;
            _disposed = true;
        }
        if (_handlesCtrlC) Console.CancelKeyPress -= OnCancelKeyPress;
        _startTimer.Dispose();
        _finished.Set();
        _renderer?.Join();
        _finished.Dispose();
    }

    /// <summary>
    /// A labelled time, h:mm:ss, or "-:--:--" while unknown (the remaining time needs a few reports to estimate a speed).
    /// Elapsed time counts from the start of the run, not from when the bar appeared.
    /// </summary>
    private sealed class TimeColumn(string label, Func<ProgressTask, TimeSpan?> time) : ProgressColumn
    {
        public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime) =>
            new Text($"{label} {(time(task) is { } value ? value.ToString(@"h\:mm\:ss", System.Globalization.CultureInfo.InvariantCulture) : "-:--:--")}");
    }
}

/// <summary>Where a run reports its progress; <see cref="None"/> when nothing is shown.</summary>
internal interface IProgressDisplay : IProgress<ExecutionProgress>, IDisposable
{
    /// <summary>Shows nothing: stderr is not a terminal.</summary>
    static readonly IProgressDisplay None = new Hidden();

    private sealed class Hidden : IProgressDisplay
    {
        public void Report(ExecutionProgress value) { }

        public void Dispose() { }
    }
}
