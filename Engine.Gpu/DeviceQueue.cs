using ILGPU;
using ILGPU.Runtime;

namespace QSim.Gpu;

/// <summary>
/// The one place where a backend makes the host wait for its device: stream synchronisation and blocking copies.
/// Gate passes never come here (their matrices travel by value or through a <see cref="MatrixArena{T}"/>); reading a
/// result does. The count lets tests hold the gate paths to that, and tells an arena when every copy queued before
/// a wait has run.
/// </summary>
internal sealed class DeviceQueue(Accelerator accelerator)
{
    /// <summary>Host waits so far; after each one, every earlier kernel and copy has finished.</summary>
    public long HostWaits { get; private set; }

    /// <summary>The stream every kernel and copy of the backend is queued on.</summary>
    public AcceleratorStream Stream => accelerator.DefaultStream;

    /// <summary>Waits until every queued kernel and copy has finished.</summary>
    public void Synchronize()
    {
        accelerator.Synchronize();
        HostWaits++;
    }

    /// <summary>Copies device elements to the host, after everything queued before.</summary>
    public void Download<T>(ArrayView<T> source, Span<T> destination) where T : unmanaged
    {
        source.CopyToCPU(Stream, destination);
        HostWaits++;
    }

    /// <summary>Copies host elements to the device and waits for the copy (for inputs that are not gates: amplitudes, batch tables).</summary>
    public void Upload<T>(ArrayView<T> destination, ReadOnlySpan<T> source) where T : unmanaged
    {
        destination.CopyFromCPU(Stream, source);
        HostWaits++;
    }
}
