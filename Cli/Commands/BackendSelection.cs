using System.Diagnostics.CodeAnalysis;
using QSim.Backends;
using QSim.Cli.Output;
using QSim.Cpu;
using QSim.Gpu;

namespace QSim.Cli.Commands;

/// <summary>
/// Opens a GPU backend, or says what was found instead. <see cref="GpuBackend.TryCreateDefault"/> in the real
/// command; tests pass a stand-in so that their results do not depend on the machine's GPU.
/// </summary>
public delegate bool GpuOpener([NotNullWhen(true)] out GpuBackend? backend, out string reason);

/// <summary>The backend a run uses (<c>--backend cpu|gpu|auto</c>), and what <c>auto</c> picks on this machine.</summary>
internal sealed class BackendSelection(GpuOpener openGpu)
{
    public const string Cpu = "cpu";
    public const string Gpu = "gpu";
    public const string Auto = "auto";

    /// <summary>Values <c>--backend</c> accepts.</summary>
    public static readonly string[] Kinds = [Cpu, Gpu, Auto];

    /// <summary>
    /// The backend of <paramref name="kind"/>. <c>auto</c> without a usable GPU falls back to the CPU and writes
    /// one line saying so to <paramref name="notes"/>; <c>gpu</c> without one fails.
    /// </summary>
    /// <exception cref="CliException"><c>gpu</c> was asked for and none is usable (exit code 1: the machine, not the input, is at fault).</exception>
    public IBackend Create(string kind, int? threads, TextWriter notes)
    {
        if (kind == Cpu) return CreateCpu(threads);
        if (openGpu(out var gpu, out string reason)) return gpu;
        if (kind == Gpu) throw new CliException($"--backend gpu: {reason}", ExitCodes.RuntimeFailure);
        notes.WriteLine($"qsim: {reason} Using the CPU backend.");
        return CreateCpu(threads);
    }

    /// <summary>What <c>--backend auto</c> would run on here, for <c>qsim info</c>.</summary>
    public BackendReport DescribeAuto()
    {
        if (openGpu(out var gpu, out string reason))
        {
            using (gpu) return new BackendReport(Gpu, gpu.DeviceDescription, gpu.AvailableBytes, GpuUnavailable: null);
        }
        using var cpu = CreateCpu(threads: null);
        return new BackendReport(Cpu, $"{Environment.ProcessorCount} core(s), {cpu.SimdLevel}", MemoryGuard.AvailableHostBytes(), reason);
    }

    private static CpuBackend CreateCpu(int? threads) =>
        new(threads is { } count ? new CpuBackendOptions { Threads = count } : null);
}
