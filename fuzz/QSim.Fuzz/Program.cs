using System.Text;
using QSim.Cpu;
using QSim.Fuzz;
using SharpFuzz;

// Under afl-fuzz (fuzz/run-afl.sh): AFL++'s persistent mode, many inputs per process; an exception that
// PipelineCheck does not expect, a crash or a hang is a finding. With file arguments: replays those inputs
// and prints what became of each, to reproduce a finding outside AFL.
using var backend = new CpuBackend(new CpuBackendOptions { Threads = 1 });
if (args.Length > 0)
{
    foreach (string file in args)
        Console.WriteLine($"{file}: {PipelineCheck.Run(Decode(File.ReadAllBytes(file)), backend)}");
    return;
}
Fuzzer.Run(stream =>
{
    using var copy = new MemoryStream();
    stream.CopyTo(copy);
    PipelineCheck.Run(Decode(copy.ToArray()), backend);
});

// As the command line reads a file: UTF-8, invalid bytes replaced.
static string Decode(byte[] bytes) => Encoding.UTF8.GetString(bytes);
