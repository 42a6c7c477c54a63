using System.Runtime.ExceptionServices;
using QSim.Backends;
using QSim.Numerics;

namespace QSim.Execution;

/// <summary>
/// What one thread needs to run quantum trajectories of a bound plan: its own copy of the plan, a state, and one generator
/// that its measurement and channel policies share, reseeded for every trajectory. Not thread-safe: one per thread.
/// </summary>
internal sealed class TrajectoryWorker : IDisposable
{
    public TrajectoryWorker(IBackend backend, ExecutionPlan template, Precision precision)
    {
        Plan = template.Clone();
        State = backend.CreateState(template.QubitCount, precision);
        Measurements = new SampledMeasurements(Random);
        Channels = new SampledChannels(Random);
        Clbits = new bool[template.ClbitCount];
    }

    /// <summary>This worker's copy of the plan.</summary>
    public ExecutionPlan Plan { get; }

    /// <summary>The state the last trajectory ended in.</summary>
    public IStateVector State { get; }

    /// <summary>The generator of the trajectory in progress.</summary>
    public SeededRandom Random { get; } = new(0);

    /// <summary>Samples measurement outcomes and readout errors.</summary>
    public SampledMeasurements Measurements { get; }

    /// <summary>Samples Kraus operators.</summary>
    public SampledChannels Channels { get; }

    /// <summary>The classical bits the last trajectory recorded.</summary>
    public bool[] Clbits { get; }

    /// <summary>
    /// Runs one trajectory from |0…0⟩ with the generator seeded by <paramref name="seed"/>: with its measurements (and
    /// their readout errors) when <paramref name="measure"/>, else only the steps before them (the plan must measure only
    /// at the end), leaving the state they read.
    /// </summary>
    public void Run(ulong seed, bool measure, CancellationToken cancellation)
    {
        Random.Reset(seed);
        State.SetBasisState(0);
        Array.Clear(Clbits);
        var control = new RunControl(cancellation);
        if (measure) PlanExecutor.Run(Plan, State, Clbits, Measurements, control: control, channels: Channels);
        else PlanExecutor.Evolve(Plan, State, Channels, control);
    }

    /// <inheritdoc/>
    public void Dispose() => State.Dispose();
}

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

    /// <summary>Runs <paramref name="body"/>(worker, item) for every item, worker in [0, <paramref name="workers"/>.Count).</summary>
    /// <exception cref="OperationCanceledException">The run was cancelled.</exception>
    public static void Run<TWorker>(IReadOnlyList<TWorker> workers, int items, CancellationToken cancellation, Action<TWorker, int> body)
    {
        if (workers.Count == 1)
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
            Parallel.For(0, workers.Count, new ParallelOptions { MaxDegreeOfParallelism = workers.Count }, w =>
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

/// <summary>
/// Sums and sums of squares of per-trajectory values in 128-bit fixed point (2^-62 resolution): integer sums do not depend
/// on the order of the terms, so means and standard errors are the same whichever thread ran which trajectory. Values must
/// lie in [−2, 2] (probabilities, normalised expectations of Pauli strings) — callers scale anything larger.
/// </summary>
internal sealed class FixedPointMoments(int length)
{
    private const double Scale = 4611686018427387904.0;   // 2^62

    private readonly Int128[] _sum = new Int128[length];
    private readonly Int128[] _squares = new Int128[length];

    /// <summary>Adds one trajectory's values.</summary>
    public void Add(ReadOnlySpan<double> values)
    {
        for (int i = 0; i < values.Length; i++)
        {
            _sum[i] += (Int128)Math.Round(values[i] * Scale);
            _squares[i] += (Int128)Math.Round(values[i] * values[i] * Scale);
        }
    }

    /// <summary>Adds another accumulator's sums.</summary>
    public void Add(FixedPointMoments other)
    {
        for (int i = 0; i < _sum.Length; i++)
        {
            _sum[i] += other._sum[i];
            _squares[i] += other._squares[i];
        }
    }

    /// <summary>The means and their standard errors √(sample variance / count) over <paramref name="count"/> trajectories.</summary>
    public (double[] Means, double[] StandardErrors) Finish(int count)
    {
        var means = new double[_sum.Length];
        var errors = new double[_sum.Length];
        for (int i = 0; i < means.Length; i++)
        {
            double sum = (double)_sum[i] / Scale, squares = (double)_squares[i] / Scale;
            means[i] = sum / count;
            errors[i] = count > 1 ? Math.Sqrt(Math.Max(0, (squares - sum * means[i]) / (count - 1) / count)) : 0;
        }
        return (means, errors);
    }
}
