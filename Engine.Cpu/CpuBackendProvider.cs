using System.Diagnostics.CodeAnalysis;
using QSim.Backends;

namespace QSim.Cpu;

/// <summary>Opens the CPU backend by name ("cpu") for a <see cref="BackendCatalog"/>; it opens on every machine.</summary>
public sealed class CpuBackendProvider : BackendProvider
{
    /// <inheritdoc/>
    public override string Name => "cpu";

    /// <inheritdoc/>
    public override string Description => "SIMD kernels on every core (AVX-512, AVX2 or scalar)";

    /// <inheritdoc/>
    public override bool TryCreate(BackendSettings settings, [NotNullWhen(true)] out IBackend? backend, out string reason)
    {
        backend = new CpuBackend(settings.Threads is { } threads ? new CpuBackendOptions { Threads = threads } : null);
        reason = "";
        return true;
    }
}
