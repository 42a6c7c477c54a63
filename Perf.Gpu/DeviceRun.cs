using System.Diagnostics;
using System.Runtime.InteropServices;
using QSim.Backends;
using QSim.Cpu;
using QSim.Gpu;

namespace QSim.Perf.Gpu;

/// <summary>
/// The whole device run: correctness of every backend operation against the CPU backend (n = 8 with the default
/// launches, n = 16 with few threads per launch so that grid-stride loops take many passes), the timings, and the
/// large-state check last. Each section runs in its own try/catch; each row is printed and written the moment it is
/// measured; no section starts past the deadline.
/// </summary>
internal static class DeviceRun
{
    /// <summary>Exit codes: 0 all checks passed; 1 a check failed; 2 no GPU; 3 a section threw; 4 both 1 and 3; 64 bad command line.</summary>
    public const int Passed = 0, CheckFailed = 1, NoGpu = 2, SectionError = 3, CheckFailedAndSectionError = 4, BadCommandLine = 64;

    public static int Run(DeviceRunOptions options, TextWriter output)
    {
        if (options.CheckSizes.Any(n => n < 4))
        {
            output.WriteLine("--check-sizes: every size is at least 4 qubits.");
            return BadCommandLine;
        }
        using var log = new RowLog(output, options.OutputDirectory);
        log.Note("environment", $".NET {Environment.Version}, {RuntimeInformation.OSDescription}, {Environment.ProcessorCount} cores");
        GpuBackend gpu;
        try
        {
            gpu = options.CpuAccelerator ? GpuBackend.CreateOnCpuAccelerator() : GpuBackend.Create();
        }
        catch (GpuUnavailableException e)
        {
            log.Add(new Row("device", "open the GPU", 0, "", 0, "", Verdict.Error, e.Message));
            return NoGpu;
        }
        using (gpu)
        using (var cpu = new CpuBackend())
        {
            var clock = Stopwatch.StartNew();
            void Section(string name, Action run)
            {
                if (clock.Elapsed.TotalSeconds > options.DeadlineSeconds)
                {
                    log.Add(new Row(name, "section", 0, "", 0, "", Verdict.Skipped, $"past the {options.DeadlineSeconds:F0} s deadline"));
                    return;
                }
                output.WriteLine($"--- {name} ({clock.Elapsed.TotalSeconds:F0} s)");
                try
                {
                    run();
                }
                catch (StateTooLargeException e)
                {
                    log.Add(new Row(name, "section", 0, "", 0, "", Verdict.Skipped, e.Message));
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    log.Add(new Row(name, "section", 0, "", 0, "", Verdict.Error, $"{e.GetType().Name}: {e.Message}".ReplaceLineEndings(" ")));
                }
            }

            Section("device", () =>
            {
                log.Note("device", $"{gpu.DeviceDescription}; CPU backend {cpu.Options.Threads} threads, {cpu.SimdLevel}");
                gpu.Accelerator.PrintInformation(output);
            });
            for (int i = 0; i < options.CheckSizes.Length; i++)
            {
                int n = options.CheckSizes[i];
                // The first size with the default launches; the others with few threads per launch.
                Section($"checks n={n}", () => WithCheckBackend(gpu, options, first: i == 0, checks =>
                {
                    var correctness = new CorrectnessChecks(checks, cpu, log, $"checks n={n}");
                    correctness.Run(n);
                    correctness.Batch(Math.Min(n, 12));
                }));
            }
            var timings = new Timings(gpu, cpu, options, log);
            foreach (int n in options.GateSizes)
                foreach (var precision in new[] { Precision.Single, Precision.Double })
                    Section($"gate passes n={n} {CorrectnessChecks.Name(precision)}", () => timings.GatePasses(n, precision));
            foreach (var precision in new[] { Precision.Single, Precision.Double })
                Section($"random circuit {CorrectnessChecks.Name(precision)}", () => timings.RandomCircuit(precision));
            Section("batch", timings.BatchedEstimator);
            if (options.LargeStateQubits > 0) Section("large state", () => new LargeStateCheck(gpu, log).Run(options.LargeStateQubits));

            log.PrintSummary();
            bool failed = log.Rows.Any(r => r.Verdict == Verdict.Fail), errors = log.Rows.Any(r => r.Verdict == Verdict.Error);
            return (failed, errors) switch
            {
                (false, false) => Passed,
                (true, false) => CheckFailed,
                (false, true) => SectionError,
                _ => CheckFailedAndSectionError,
            };
        }
    }

    /// <summary>Runs <paramref name="checks"/> on the main backend, or on a second one of the same device with few threads per launch.</summary>
    private static void WithCheckBackend(GpuBackend gpu, DeviceRunOptions options, bool first, Action<GpuBackend> checks)
    {
        if (first || options.CpuAccelerator)
        {
            checks(gpu);
            return;
        }
        using var narrow = GpuBackend.Create(GpuDevicePreference.Auto, options.CheckThreadsPerLaunch);
        checks(narrow);
    }
}
