using QSim.Backends;
using QSim.Execution;
using QSim.Parameters;
using QSim.Qasm;

namespace QSim.Cli.Commands;

/// <summary>Runs a verb's body and turns every failure into a message on stderr and an exit code.</summary>
internal static class CommandRunner
{
    public static int Guard(CliConsole console, Func<int> body)
    {
        try
        {
            return body();
        }
        catch (OperationCanceledException) when (console.Cancellation.IsCancellationRequested)
        {
            console.Error.WriteLine("qsim: interrupted");
            return ExitCodes.Interrupted;
        }
        catch (QasmException e)
        {
            foreach (var diagnostic in e.Diagnostics) console.Error.WriteLine(diagnostic.Format());
            return ExitCodes.InputError;
        }
        catch (CliException e)
        {
            console.Error.WriteLine($"error: {e.Message}");
            return e.ExitCode;
        }
        catch (ParameterBindingException e)
        {
            console.Error.WriteLine($"error: {e.Message}");
            return ExitCodes.InputError;
        }
        catch (Exception e) when (e is StateTooLargeException or BranchLimitExceededException)
        {
            console.Error.WriteLine($"error: {e.Message}");
            return ExitCodes.RuntimeFailure;
        }
        catch (Exception e)
        {
            // Anything else is a bug or an environment failure: say what, but never dump a stack trace on the user.
            console.Error.WriteLine($"error: the simulation failed: {e.Message}");
            return ExitCodes.RuntimeFailure;
        }
    }
}
