using System.Runtime.ExceptionServices;

namespace QSim.Estimation;

/// <summary>The work of one batch row, run by worker <c>worker</c> (each worker owns its states; one thread per worker at a time).</summary>
internal interface IRowBody
{
    /// <summary>Runs row <paramref name="row"/> on worker <paramref name="worker"/>.</summary>
    void Run(int worker, int row);
}

/// <summary>
/// A parallel loop over batch rows that allocates nothing once it has run: the calling thread is worker 0 and each other
/// worker is this object queued on the thread pool (<see cref="IThreadPoolWorkItem"/>), so no task, closure or options
/// object is made per call. Rows are handed out one at a time from a shared counter; the first exception stops the
/// hand-out and is rethrown on the caller once every worker has left. One run at a time (its owner's call guard sees to it).
/// </summary>
internal sealed class RowLoop : IThreadPoolWorkItem, IDisposable
{
    private readonly ManualResetEventSlim _helpersDone = new(false);
    private IRowBody? _body;
    private CancellationToken _cancellation;
    private int _rows, _nextRow, _nextWorker, _helpersRunning;
    private volatile ExceptionDispatchInfo? _failure;

    /// <summary>Runs every row of <paramref name="rows"/> on <paramref name="workers"/> workers and returns when all are done.</summary>
    /// <exception cref="OperationCanceledException">The token was cancelled before every row ran.</exception>
    public void Run(IRowBody body, int workers, int rows, CancellationToken cancellation)
    {
        _body = body;
        _cancellation = cancellation;
        _rows = rows;
        _nextRow = -1;
        _nextWorker = 0;
        _failure = null;
        _helpersRunning = workers - 1;
        _helpersDone.Reset();
        for (int i = 1; i < workers; i++) ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        RunRows(0);
        // A helper that starts after the caller took the last row finds none and leaves at once.
        if (workers > 1) _helpersDone.Wait();
        _body = null;
        _failure?.Throw();
    }

    /// <summary>One helper: takes the next worker number and runs rows until none is left.</summary>
    void IThreadPoolWorkItem.Execute()
    {
        try
        {
            RunRows(Interlocked.Increment(ref _nextWorker));
        }
        finally
        {
            if (Interlocked.Decrement(ref _helpersRunning) == 0) _helpersDone.Set();
        }
    }

    private void RunRows(int worker)
    {
        try
        {
            for (int row = Interlocked.Increment(ref _nextRow); row < _rows && _failure is null; row = Interlocked.Increment(ref _nextRow))
            {
                _cancellation.ThrowIfCancellationRequested();
                _body!.Run(worker, row);
            }
        }
        catch (Exception e)
        {
            Interlocked.CompareExchange(ref _failure, ExceptionDispatchInfo.Capture(e), null);
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _helpersDone.Dispose();
}
