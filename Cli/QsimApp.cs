using System.CommandLine;
using System.CommandLine.Parsing;
using QSim.Cli.Commands;
using QSim.Cli.Output;
using QSim.Gpu;

namespace QSim.Cli;

/// <summary>The <c>qsim</c> command line: its verbs, and how parse errors become exit code 2.</summary>
public static class QsimApp
{
    /// <summary>Parses <paramref name="args"/>, runs the verb and returns the exit code.</summary>
    /// <param name="args">The command line.</param>
    /// <param name="console">Where the verbs read and write.</param>
    /// <param name="gpu">How a GPU is opened (default: the first CUDA, then OpenCL, device of this machine).</param>
    public static int Run(string[] args, CliConsole console, GpuBackendProvider? gpu = null)
    {
        // GPU probing (and ILGPU's start-up) happens only when a command asks for a GPU.
        var backends = BackendSelection.Catalog(gpu ?? new GpuBackendProvider());
        var root = new RootCommand("qsim: a quantum circuit simulator for OpenQASM 2 and 3 files.")
        {
            RunCommand.Create(console, backends),
            InfoCommand.Create(console, backends),
            DrawCommand.Create(console),
        };
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            var errors = parse.Errors.Select(error => CliError.Plain(OptionNameOf(error) + error.Message)).ToList();
            CliError.Write(errors, AsksForJson(parse), console);
            if (!AsksForJson(parse)) console.Error.WriteLine("Run 'qsim --help' for usage.");
            return ExitCodes.InputError;
        }
        return parse.Invoke(new InvocationConfiguration { Output = console.Out, Error = console.Error, EnableDefaultExceptionHandler = false });
    }

    /// <summary>True when the command line has <c>--format json</c>, so that even its parse errors are reported as JSON.</summary>
    private static bool AsksForJson(ParseResult parse) =>
        parse.CommandResult.Command.Options.FirstOrDefault(o => o.Name == "--format") is Option<string> format
        && parse.GetResult(format) is { } result && !result.Errors.Any()
        && parse.GetValue(format) == "json";

    /// <summary>
    /// "--gradient: " when the error is about an option's value and does not name it: System.CommandLine's
    /// "Argument 'x' not recognized" does not say whose argument it was.
    /// </summary>
    private static string OptionNameOf(ParseError error) =>
        error.SymbolResult is OptionResult { Option.Name: var name } && !error.Message.Contains(name, StringComparison.Ordinal) ? name + ": " : "";
}
