using QSim.Backends;
using QSim.Cli.Output;
using QSim.Execution;
using QSim.Parameters;
using QSim.Qasm;

namespace QSim.Cli.Commands;

/// <summary>Runs a verb's body and turns every failure into a reported error and an exit code.</summary>
internal static class CommandRunner
{
    /// <summary>Runs <paramref name="body"/>; a failure is written as <see cref="CliError.Write"/> does (JSON on stdout when <paramref name="json"/>).</summary>
    public static int Guard(CliConsole console, bool json, Func<int> body)
    {
        var (errors, code) = Run(body, console.Cancellation);
        if (errors.Count > 0) CliError.Write(errors, json, console);
        return code;
    }

    private static (IReadOnlyList<CliError> Errors, int ExitCode) Run(Func<int> body, CancellationToken interrupt)
    {
        try
        {
            return ([], body());
        }
        catch (OperationCanceledException) when (interrupt.IsCancellationRequested)
        {
            return ([CliError.Plain("interrupted (Ctrl-C)")], ExitCodes.Interrupted);
        }
        catch (QasmException e)
        {
            return ([.. e.Diagnostics.Select(CliError.From)], ExitCodes.InputError);
        }
        catch (CliException e)
        {
            return ([CliError.Plain(e.Message)], e.ExitCode);
        }
        catch (ParameterBindingException e)
        {
            return ([CliError.Plain(e.Message)], ExitCodes.InputError);
        }
        catch (Exception e) when (e is StateTooLargeException or BranchLimitExceededException)
        {
            return ([CliError.Plain(e.Message)], ExitCodes.RuntimeFailure);
        }
        catch (Exception e)
        {
            // Anything else is a bug or an environment failure: say what, but never dump a stack trace on the user.
            return ([CliError.Plain($"the simulation failed: {e.Message}")], ExitCodes.RuntimeFailure);
        }
    }
}
