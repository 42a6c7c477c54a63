using System.Runtime.ExceptionServices;

namespace QSim.Cpu.Parallel;

/// <summary>A piece of work over an index range [begin, end), split across threads by <see cref="WorkerPool"/>.</summary>
internal interface IRangeJob
{
    void Execute(long begin, long end);
}

/// <summary>
/// Persistent worker threads that split one <see cref="IRangeJob"/> into equal contiguous parts, the calling
/// thread taking the first. Unlike Parallel.For it allocates nothing per call, which matters with one call
/// per gate. One job runs at a time; a caller that finds the pool busy (another state of the same backend
/// on another thread, as in a batch-parallel estimator) runs its job inline instead of waiting.
/// </summary>
internal sealed class WorkerPool : IDisposable
{
    private readonly Thread[] _workers;
    private readonly SemaphoreSlim[] _start;
    private readonly CountdownEvent _done;
    private readonly object _busy = new();
    private IRangeJob? _job;
    private long _count;
    private ExceptionDispatchInfo? _failure;
    private volatile bool _disposed;

    /// <summary>Creates a pool of <paramref name="threads"/> threads in all (the caller counts as one).</summary>
    public WorkerPool(int threads)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        ThreadCount = threads;
        _workers = new Thread[threads - 1];
        _start = new SemaphoreSlim[threads - 1];
        _done = new CountdownEvent(1);
        for (int i = 0; i < _workers.Length; i++)
        {
            _start[i] = new SemaphoreSlim(0);
            _workers[i] = new Thread(WorkerLoop) { IsBackground = true, Name = $"QSim CPU worker {i + 1}" };
            _workers[i].Start(i);
        }
    }

    /// <summary>Threads that share a job, the caller included.</summary>
    public int ThreadCount { get; }

    /// <summary>Runs <paramref name="job"/> over [0, count), split across the pool when <paramref name="parallel"/>.</summary>
    /// <exception cref="ObjectDisposedException">The pool (its backend) was disposed.</exception>
    public void Run(IRangeJob job, long count, bool parallel)
    {
        ObjectDisposedException.ThrowIf(_disposed, typeof(CpuBackend));
        if (!parallel || ThreadCount == 1 || count < ThreadCount || !Monitor.TryEnter(_busy))
        {
            job.Execute(0, count);
            return;
        }
        try
        {
            // Disposed while this caller waited for the lock: the workers are gone.
            ObjectDisposedException.ThrowIf(_disposed, typeof(CpuBackend));
            _job = job;
            _count = count;
            _failure = null;
            _done.Reset(_workers.Length);
            foreach (var start in _start) start.Release();
            ExecutePart(0);
            _done.Wait();
            _job = null;
            _failure?.Throw();
        }
        finally
        {
            Monitor.Exit(_busy);
        }
    }

    private void ExecutePart(int part)
    {
        long begin = _count * part / ThreadCount, end = _count * (part + 1) / ThreadCount;
        if (begin < end) _job!.Execute(begin, end);
    }

    private void WorkerLoop(object? state)
    {
        int index = (int)state!;
        while (true)
        {
            _start[index].Wait();
            if (_disposed) return;
            try
            {
                ExecutePart(index + 1);
            }
            catch (Exception e)
            {
                _failure ??= ExceptionDispatchInfo.Capture(e);
            }
            finally
            {
                _done.Signal();
            }
        }
    }

    /// <summary>Stops the workers, after the job in flight (if any) has finished; later runs throw <see cref="ObjectDisposedException"/>.</summary>
    public void Dispose()
    {
        lock (_busy)
        {
            if (_disposed) return;
            _disposed = true;
        }
        foreach (var start in _start) start.Release();
        foreach (var worker in _workers) worker.Join();
        foreach (var start in _start) start.Dispose();
        _done.Dispose();
    }
}
