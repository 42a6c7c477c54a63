namespace QSim.Backends;

/// <summary>
/// The lifetime rules of an object that serves one call at a time and owns memory it frees on dispose (a state vector, a
/// compiled estimator): a call from a second thread while one runs throws <see cref="InvalidOperationException"/>; calls
/// after <see cref="Close"/> throw <see cref="ObjectDisposedException"/>; and <see cref="Close"/> waits for a running call
/// to leave before it lets the owner free anything, so no call ever touches freed memory. The thread in a call may enter
/// again (one member calling another). A long call should watch <see cref="Closing"/> to stop early when the object is
/// disposed under it.
/// </summary>
/// <param name="owner">The object's type name, for the exception messages.</param>
public sealed class CallGuard(string owner)
{
    private readonly object _gate = new();
    private readonly CancellationTokenSource _closing = new();
    private int _thread = -1;
    private int _depth;
    private bool _closed;

    /// <summary>Cancelled when <see cref="Close"/> is called: a running call can stop early.</summary>
    public CancellationToken Closing => _closing.Token;

    /// <summary>True once <see cref="Close"/> has been called.</summary>
    public bool IsClosed
    {
        get
        {
            lock (_gate) return _closed;
        }
    }

    /// <summary>Starts a call; dispose the result when it ends.</summary>
    /// <exception cref="ObjectDisposedException">The owner was disposed.</exception>
    /// <exception cref="InvalidOperationException">Another thread is in a call.</exception>
    public Call Enter()
    {
        int me = Environment.CurrentManagedThreadId;
        lock (_gate)
        {
            if (_closed) throw new ObjectDisposedException(owner);
            if (_depth > 0 && _thread != me)
                throw new InvalidOperationException($"This {owner} is in use by another thread; it serves one call at a time (give each thread its own).");
            _thread = me;
            _depth++;
        }
        return new Call(this);
    }

    /// <summary>
    /// Marks the owner disposed, after waiting for a call running on another thread to leave. Returns true the first time
    /// (the owner then frees its memory), false when already closed.
    /// </summary>
    public bool Close()
    {
        int me = Environment.CurrentManagedThreadId;
        lock (_gate)
        {
            if (_closed) return false;
            _closed = true;
            _closing.Cancel();
            while (_depth > 0 && _thread != me) Monitor.Wait(_gate);
            return true;
        }
    }

    private void Exit()
    {
        lock (_gate)
        {
            if (--_depth == 0)
            {
                _thread = -1;
                Monitor.PulseAll(_gate);
            }
        }
    }

    /// <summary>One call in progress.</summary>
    public readonly struct Call : IDisposable
    {
        private readonly CallGuard _guard;

        internal Call(CallGuard guard) => _guard = guard;

        /// <summary>Ends the call.</summary>
        public void Dispose() => _guard?.Exit();
    }
}
