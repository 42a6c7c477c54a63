namespace QSim.Estimation;

/// <summary>
/// One token that fires when either of two tokens does, made without allocating on every call (unlike
/// <see cref="CancellationTokenSource.CreateLinkedTokenSource(CancellationToken, CancellationToken)"/>): a source kept between
/// calls is registered on both tokens for the length of a call, and a cancellation source reuses its registration nodes.
/// A new source is made only after one was cancelled. One link at a time.
/// </summary>
internal sealed class CancellationLink : IDisposable
{
    private static readonly Action<object?> CancelSource = static source => ((CancellationTokenSource)source!).Cancel();
    private CancellationTokenSource _source = new();
    private CancellationTokenRegistration _first, _second;

    /// <summary>A token cancelled when <paramref name="caller"/> or <paramref name="owner"/> is; <see cref="Unlink"/> when the call ends.</summary>
    public CancellationToken Link(CancellationToken caller, CancellationToken owner)
    {
        if (!caller.CanBeCanceled) return owner;
        if (_source.IsCancellationRequested)
        {
            _source.Dispose();
            _source = new CancellationTokenSource();
        }
        _first = caller.UnsafeRegister(CancelSource, _source);
        _second = owner.UnsafeRegister(CancelSource, _source);
        return _source.Token;
    }

    /// <summary>Removes the registrations of the last <see cref="Link"/>.</summary>
    public void Unlink()
    {
        _first.Dispose();
        _second.Dispose();
        _first = _second = default;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        Unlink();
        _source.Dispose();
    }
}
