using QSim.Perf.Gpu;

// The GPU device run (Perf/gpu/run.sh; exit codes in DeviceRun) and the PTX export (scripts/ptxas-check.sh).
if (args is ["ptx", .. var directory]) return PtxExport.Run(directory, Console.Out);
DeviceRunOptions options;
try
{
    options = DeviceRunOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(DeviceRunOptions.Usage);
    return DeviceRun.BadCommandLine;
}
return DeviceRun.Run(options, Console.Out);
