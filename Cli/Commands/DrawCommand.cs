using System.CommandLine;
using QSim.Circuits;

namespace QSim.Cli.Commands;

/// <summary><c>qsim draw FILE|-</c>: the circuit as a text diagram (<see cref="Circuit.Draw"/>), folded at <c>--width</c>.</summary>
internal static class DrawCommand
{
    public static Command Create(CliConsole console)
    {
        var file = new Argument<string>("file") { Description = "OpenQASM 2 or 3 file, or - to read standard input" };
        var width = WholeNumberOption.Create("--width", $"Characters per line; wider diagrams are folded into pages (default {Circuit.DefaultDrawingWidth}; 0 never folds)", 0, 100_000, "-w");
        var includePaths = CircuitLoader.CreateIncludePathOption();
        var command = new Command("draw", "Draw an OpenQASM circuit as text: one wire per qubit, gates left to right") { file, width, includePaths };
        command.SetAction(parse => CommandRunner.Guard(console, json: false, () =>
        {
            int columns = parse.GetValue(width) ?? Circuit.DefaultDrawingWidth;
            if (columns is > 0 and < Circuit.MinimumDrawingWidth)
                throw new CliException($"--width must be 0 (no folding) or at least {Circuit.MinimumDrawingWidth}; got {columns}");
            var circuit = CircuitLoader.Load(parse.GetValue(file)!, parse.GetValue(includePaths) ?? [], console);
            console.Out.Write(circuit.Draw(columns));
            return ExitCodes.Success;
        }));
        return command;
    }
}
