namespace QSim.Cli;

/// <summary>Where a command reads and writes; tests pass string writers to run verbs in-process.</summary>
/// <param name="Out">Results.</param>
/// <param name="Error">Errors and progress.</param>
/// <param name="In">Standard input, read for the file name <c>-</c>.</param>
/// <param name="ErrorIsTerminal">True when <paramref name="Error"/> is a terminal: only then is progress shown.</param>
/// <param name="Cancellation">Cancelled when the user interrupts (Ctrl-C): the run stops and the command exits with <see cref="ExitCodes.Interrupted"/>.</param>
public sealed record CliConsole(TextWriter Out, TextWriter Error, TextReader In, bool ErrorIsTerminal = false, CancellationToken Cancellation = default);

/// <summary>Exit codes of <c>qsim</c>.</summary>
public static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Success = 0;
    /// <summary>The run failed (state too large, branch limit, engine failure).</summary>
    public const int RuntimeFailure = 1;
    /// <summary>Bad input: invalid OpenQASM, unreadable file, bad options or parameters.</summary>
    public const int InputError = 2;
    /// <summary>Interrupted by the user (Ctrl-C), as shells report a process ended by SIGINT.</summary>
    public const int Interrupted = 130;
}

/// <summary>A failure to report as one line on stderr with an exit code; never a stack trace.</summary>
public sealed class CliException(string message, int exitCode = ExitCodes.InputError) : Exception(message)
{
    /// <summary>The process exit code.</summary>
    public int ExitCode { get; } = exitCode;
}
