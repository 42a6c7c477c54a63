using QSim.Backends;
using QSim.Cli.Output;
using QSim.Cpu;
using QSim.Gpu;

namespace QSim.Cli.Commands;

/// <summary>The backends <c>--backend</c> chooses from: the GPU (preferred by <c>auto</c>) and the CPU.</summary>
internal static class BackendSelection
{
    public const string Cpu = "cpu";
    public const string Gpu = "gpu";

    /// <summary>The command line's catalog, with <paramref name="gpu"/> opening the machine's GPU (a stand-in in tests).</summary>
    public static BackendCatalog Catalog(GpuBackendProvider gpu) => new([gpu, new CpuBackendProvider()]);

    /// <summary>Opens the backend of <c>--backend</c>; <c>auto</c> without a usable GPU says so on <paramref name="notes"/>.</summary>
    /// <exception cref="CliException">The named backend cannot be opened here (exit code 1: the machine, not the input, is at fault).</exception>
    public static IBackend Create(this BackendCatalog catalog, string name, int? threads, TextWriter notes)
    {
        try
        {
            return catalog.Create(name, new BackendSettings { Threads = threads }, notes);
        }
        catch (BackendUnavailableException e)
        {
            throw new CliException($"--backend {name}: {e.Message}", ExitCodes.RuntimeFailure);
        }
    }
}
