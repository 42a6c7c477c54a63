using System.Runtime.ExceptionServices;
using QSim.Backends;
using QSim.Numerics;

namespace QSim.Execution;

/// <summary>
/// Runs many independent items (trajectories, batch rows) on worker threads, one worker with its own state per thread,
/// when states are smaller than the backend splits across its threads (<see cref="BackendCapabilities.ParallelStateQubits"/>);
/// larger states run the items in turn and let the backend split every pass. Items are handed out one at a time, so results
/// must not depend on which worker ran an item: each item seeds its own generator (<see cref="SeededRandom.ForItem"/>).
/// </summary>
internal static class ParallelItems
{
    /// <summary>Threads to use for <paramref name="items"/> items of <paramref name="qubits"/>-qubit states on <paramref name="backend"/>.</summary>
    public static int Threads(IBackend backend, int qubits, int items, int maxParallel) =>
        qubits < backend.Capabilities.ParallelStateQubits && items > 1 && maxParallel > 1 ? Math.Min(maxParallel, items) : 1;

    /// <summary>Runs <paramref name="body"/>(worker, item) for every item on the first <paramref name="threads"/> workers, one thread each.</summary>
    /// <exception cref="OperationCanceledException">The run was cancelled.</exception>
    public static void Run<TWorker>(IReadOnlyList<TWorker> workers, int threads, int items, CancellationToken cancellation, Action<TWorker, int> body)
    {
        if (threads == 1)
        {
            for (int item = 0; item < items; item++)
            {
                cancellation.ThrowIfCancellationRequested();
                body(workers[0], item);
            }
            return;
        }
        int next = -1;
        try
        {
            Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, w =>
            {
                for (int item = Interlocked.Increment(ref next); item < items; item = Interlocked.Increment(ref next))
                {
                    cancellation.ThrowIfCancellationRequested();
                    body(workers[w], item);
                }
            });
        }
        catch (AggregateException e) when (e.InnerExceptions.Count >= 1)
        {
            ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
        }
    }
}
