using System.Numerics;
using ILGPU;
using ILGPU.Runtime;
using QSim.Gpu.Kernels;

namespace QSim.Gpu;

/// <summary>
/// Gate matrices on their way to the kernels without a host wait. A matrix is written into a page-locked host
/// array and copied asynchronously to the same place of a device array, queued on the stream before the kernel that
/// reads it. Places are handed out in order and never rewritten while a copy from them may be pending: the arena
/// starts again from the front after the host has waited for the device (every earlier copy has then run), and waits
/// once itself only when it fills up before that.
/// </summary>
internal sealed class MatrixArena<T> : IDisposable where T : unmanaged, INumber<T>
{
    /// <summary>Elements the arena holds: 2 MiB of complex64 or 4 MiB of complex128, 64 six-qubit matrices at least.</summary>
    public const int Capacity = 1 << 18;

    private readonly DeviceQueue _queue;
    private readonly PageLockedArray1D<DeviceComplex<T>> _host;
    private readonly MemoryBuffer1D<DeviceComplex<T>, Stride1D.Dense> _device;
    private int _used;
    private long _waitsSeen;

    public MatrixArena(Accelerator accelerator, DeviceQueue queue)
    {
        _queue = queue;
        _host = accelerator.AllocatePageLocked1D<DeviceComplex<T>>(Capacity, uninitialized: false);
        _device = accelerator.Allocate1D<DeviceComplex<T>>(Capacity);
    }

    /// <summary>Times the arena filled up and made the host wait.</summary>
    public long FullWaits { get; private set; }

    /// <summary>Reserves <paramref name="length"/> consecutive places and returns the first.</summary>
    /// <exception cref="ArgumentOutOfRangeException">More than <see cref="Capacity"/> elements.</exception>
    public int Reserve(int length)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, Capacity);
        if (_queue.HostWaits != _waitsSeen) _used = 0;
        if (_used + length > Capacity)
        {
            _queue.Synchronize();
            FullWaits++;
            _used = 0;
        }
        _waitsSeen = _queue.HostWaits;
        int offset = _used;
        _used += length;
        return offset;
    }

    /// <summary>The host side of reserved places, to fill before <see cref="Send"/>.</summary>
    public Span<DeviceComplex<T>> Host(int offset, int length) => _host.Span.Slice(offset, length);

    /// <summary>Queues the copy of reserved places to the device; returns where kernels read them.</summary>
    public ArrayView<DeviceComplex<T>> Send(int offset, int length)
    {
        ArrayView<DeviceComplex<T>> target = _device.View.SubView(offset, length);
        target.CopyFromCPUUnsafeAsync(_queue.Stream, ref _host[offset], length);
        return target;
    }

    /// <summary>Rounds <paramref name="elements"/> to the device precision and writes them at <paramref name="offset"/>.</summary>
    public void Write(int offset, ReadOnlySpan<Complex> elements)
    {
        var host = Host(offset, elements.Length);
        for (int i = 0; i < elements.Length; i++) host[i] = DeviceComplex<T>.FromHost(elements[i]);
    }

    /// <summary>One matrix (or diagonal) on its way: reserved, written, sent.</summary>
    public ArrayView<DeviceComplex<T>> Stage(ReadOnlySpan<Complex> elements)
    {
        int offset = Reserve(elements.Length);
        Write(offset, elements);
        return Send(offset, elements.Length);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _device.Dispose();
        _host.Dispose();
    }
}
