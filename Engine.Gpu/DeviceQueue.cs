using ILGPU;
using ILGPU.Runtime;

namespace QSim.Gpu;

/// <summary>
/// The one place where a backend makes the host wait for its device: stream synchronisation and blocking copies.
/// Gate passes never come here (their matrices travel by value or through a <see cref="MatrixArena{T}"/>); reading a
/// result does. The count lets tests hold the gate paths to that, and tells an arena when every copy queued before
/// a wait has run. Every operation of a state holds the queue (<see cref="Hold"/>), so that states driven from several
/// threads (the estimator's parallel rows) queue one operation at a time and never see an arena mid-update.
/// </summary>
internal sealed class DeviceQueue(Accelerator accelerator)
{
    private readonly Lock _lock = new();
    private bool _closed;

    /// <summary>
    /// Holds the queue for one operation, with the device's context current on this thread; reentrant. A wait and the
    /// staging and launch of a gate never interleave, which is what lets an arena reuse its places after a wait.
    /// </summary>
    /// <exception cref="ObjectDisposedException">The backend was disposed.</exception>
    public Lock.Scope Hold()
    {
        var scope = _lock.EnterScope();
        try
        {
            ObjectDisposedException.ThrowIf(_closed, typeof(GpuBackend));
            accelerator.Bind();
            return scope;
        }
        catch
        {
            scope.Dispose();
            throw;
        }
    }

    /// <summary>Closes the queue once the operation holding it (if any) has finished; every later <see cref="Hold"/> throws.</summary>
    public void Close()
    {
        using var scope = _lock.EnterScope();
        _closed = true;
    }

    /// <summary>Host waits so far; after each one, every earlier kernel and copy has finished.</summary>
    public long HostWaits { get; private set; }

    /// <summary>The stream every kernel and copy of the backend is queued on.</summary>
    public AcceleratorStream Stream => accelerator.DefaultStream;

    /// <summary>Waits until every queued kernel and copy has finished.</summary>
    public void Synchronize()
    {
        using var hold = Hold();
        accelerator.Synchronize();
        HostWaits++;
    }

    /// <summary>Copies device elements to the host, after everything queued before.</summary>
    public void Download<T>(ArrayView<T> source, Span<T> destination) where T : unmanaged
    {
        using var hold = Hold();
        source.CopyToCPU(Stream, destination);
        HostWaits++;
    }

    /// <summary>Copies host elements to the device and waits for the copy (for inputs that are not gates: amplitudes, batch tables).</summary>
    public void Upload<T>(ArrayView<T> destination, ReadOnlySpan<T> source) where T : unmanaged
    {
        using var hold = Hold();
        destination.CopyFromCPU(Stream, source);
        HostWaits++;
    }
}
