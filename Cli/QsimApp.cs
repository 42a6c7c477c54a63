using System.CommandLine;
using QSim.Cli.Commands;

namespace QSim.Cli;

/// <summary>The <c>qsim</c> command line: its verbs, and how parse errors become exit code 2.</summary>
public static class QsimApp
{
    /// <summary>Parses <paramref name="args"/>, runs the verb and returns the exit code.</summary>
    public static int Run(string[] args, CliConsole console)
    {
        var root = new RootCommand("qsim: a quantum circuit simulator for OpenQASM 2 and 3 files.")
        {
            RunCommand.Create(console),
            InfoCommand.Create(console),
        };
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors) console.Error.WriteLine($"error: {error.Message}");
            console.Error.WriteLine("Run 'qsim --help' for usage.");
            return ExitCodes.InputError;
        }
        return parse.Invoke(new InvocationConfiguration { Output = console.Out, Error = console.Error, EnableDefaultExceptionHandler = false });
    }
}
