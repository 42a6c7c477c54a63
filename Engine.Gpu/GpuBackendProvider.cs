using System.Diagnostics.CodeAnalysis;
using QSim.Backends;

namespace QSim.Gpu;

/// <summary>
/// Opens the GPU backend by name ("gpu") for a <see cref="BackendCatalog"/>: the first CUDA, then OpenCL, device, or the
/// reason there is none. <paramref name="open"/> stands in for the machine's GPU in tests.
/// </summary>
public sealed class GpuBackendProvider(GpuBackendProvider.Opener? open = null) : BackendProvider
{
    /// <summary>Opens a GPU backend, or says what was found instead.</summary>
    public delegate bool Opener([NotNullWhen(true)] out GpuBackend? backend, out string reason);

    private readonly Opener _open = open ?? GpuBackend.TryCreateDefault;

    /// <inheritdoc/>
    public override string Name => "gpu";

    /// <inheritdoc/>
    public override string Description => "GPU kernels on CUDA, then OpenCL";

    /// <inheritdoc/>
    public override bool TryCreate(BackendSettings settings, [NotNullWhen(true)] out IBackend? backend, out string reason)
    {
        bool opened = _open(out var gpu, out reason);
        backend = gpu;
        return opened;
    }
}
