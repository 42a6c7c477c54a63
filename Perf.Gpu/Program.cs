using QSim.Cpu;
using QSim.Gpu;
using QSim.Perf.Gpu;

// Checks the GPU backend against the CPU backend, then benchmarks it and prints a table.
// Exit code 0: all checks passed; 1: a check failed; 2: no GPU.
var options = GpuPerfOptions.Parse(args);
GpuBackend gpu;
if (options.CpuAccelerator) gpu = GpuBackend.CreateOnCpuAccelerator();
else
{
    try { gpu = GpuBackend.Create(); }
    catch (GpuUnavailableException e)
    {
        Console.Error.WriteLine(e.Message);
        return 2;
    }
}
using (gpu)
using (var cpu = new CpuBackend())
{
    Console.WriteLine($"device: {gpu.DeviceDescription}; CPU backend: {cpu.Options.Threads} threads, {cpu.SimdLevel}");
    bool ok = new GpuChecks(gpu, cpu, Console.Out).Run();
    var benchmarks = new GpuBenchmarks(gpu, cpu, options, Console.Out);
    benchmarks.Run();
    benchmarks.PrintTable(Console.Out);
    return ok ? 0 : 1;
}
