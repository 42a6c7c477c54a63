using System.CommandLine;
using QSim.Backends;
using QSim.Cli.Output;
using QSim.Passes;

namespace QSim.Cli.Commands;

/// <summary><c>qsim info FILE|-</c>: qubits, classical bits, gate counts, depth, parameters, memory needed, the backend <c>--backend auto</c> would use, and what the optimizer makes of the circuit.</summary>
internal static class InfoCommand
{
    public static Command Create(CliConsole console, BackendCatalog backends)
    {
        var file = new Argument<string>("file") { Description = "OpenQASM 2 or 3 file, or - to read standard input" };
        var format = new Option<string>("--format", "-f") { Description = "Output format: text or json", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        var optimize = OptimizeOption.Create();
        var includePaths = CircuitLoader.CreateIncludePathOption();
        var command = new Command("info", "Describe an OpenQASM circuit without running it") { file, optimize, includePaths, format };
        command.SetAction(parse => CommandRunner.Guard(console, parse.GetValue(format) == "json", () =>
        {
            string path = parse.GetValue(file)!;
            var circuit = CircuitLoader.Load(path, parse.GetValue(includePaths) ?? [], console);
            var auto = backends.DescribeAuto();
            string? gpuUnavailable = auto.Skipped.FirstOrDefault(s => s.Backend == BackendSelection.Gpu).Reason;
            var report = new InfoReport(path, circuit.QubitCount, circuit.ClbitCount, circuit.Depth(), circuit.GateCounts(),
                [.. circuit.Symbols.Select(s => s.Name)],
                MemoryGuard.StateBytes(circuit.QubitCount, Precision.Single), MemoryGuard.StateBytes(circuit.QubitCount, Precision.Double),
                new BackendReport(auto.Name, auto.Device, auto.AvailableBytes, gpuUnavailable),
                new PassManager(parse.GetValue(optimize), auto.Capabilities).Compile(circuit).Statistics);
            ReportWriters.For(parse.GetValue(format)!).WriteInfo(report, console.Out);
            return ExitCodes.Success;
        }));
        return command;
    }
}
