using QSim.Backends;
using QSim.Circuits;
using QSim.Numerics;
using QSim.Passes;

namespace QSim.Execution;

/// <summary>How many quantum trajectories a noisy job on a state-vector backend averages, and their seed.</summary>
public sealed record TrajectoryOptions
{
    /// <summary>Default number of trajectories.</summary>
    public const int DefaultTrajectories = 1000;

    /// <summary>Trajectories to average (at least 2, for a standard error).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is below 2.</exception>
    public int Trajectories
    {
        get;
        init => field = value >= 2 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "Average at least 2 trajectories (a standard error needs two).");
    } = DefaultTrajectories;

    /// <summary>Seed of every draw; trajectory t draws from its own generator (<see cref="SeededRandom.ForItem"/>), so results do not depend on the thread count.</summary>
    public ulong Seed { get; init; }

    /// <summary>Most trajectories run at once, each on a thread with its own state, for states small enough (default: every core).</summary>
    public int MaxParallel { get; init; } = Environment.ProcessorCount;
}

/// <summary>Probabilities of the basis states, exact or averaged over trajectories.</summary>
/// <param name="Probabilities">Probability of each basis index when every qubit is measured at the end, through each qubit's readout error (length 2^n).</param>
/// <param name="StandardErrors">The standard error of each, or null when they are exact.</param>
/// <param name="Trajectories">Trajectories averaged, or 0 when exact.</param>
public sealed record ProbabilityResult(double[] Probabilities, double[]? StandardErrors, int Trajectories);

/// <summary>
/// Noisy jobs on a state-vector backend, as averages over quantum trajectories: each trajectory runs the bound plan on its
/// own state through the executor with sampled channels (and sampled measurements), from its own seed.
/// </summary>
internal static class TrajectoryJobs
{
    /// <summary>
    /// Counts of <paramref name="shots"/> shots. When every measurement is at the end, <paramref name="trajectories"/>
    /// trajectories (null: one per shot) each give an equal share of the shots, sampled from its final state; otherwise every
    /// shot is a trajectory of its own, measurements included. Measured bits go through the plan's readout errors.
    /// </summary>
    public static IReadOnlyDictionary<string, int> Counts(IBackend backend, CompiledCircuit compiled, int shots, int? trajectories, ulong seed,
        RunControl control)
    {
        var plan = compiled.Plan;
        bool atEnd = plan.MeasuresOnlyAtEnd;
        int count = atEnd ? Math.Clamp(trajectories ?? shots, 1, Math.Max(1, shots)) : shots;
        var measures = plan.Steps.OfType<MeasureStep>().ToArray();
        var keys = new string[count][];
        RunAll(backend, compiled, count, seed, measure: !atEnd, Environment.ProcessorCount, control, () => 0, (worker, _, t) =>
        {
            if (!atEnd)
            {
                keys[t] = [Simulator.FormatClbits(compiled.Source, worker.Clbits)];
                return;
            }
            int share = (int)((long)shots * (t + 1) / count - (long)shots * t / count);
            keys[t] = new string[share];
            long[] indices = Simulator.SampleIndices(worker.State, share, worker.Random);
            for (int s = 0; s < share; s++)
                keys[t][s] = Simulator.FormatClbits(compiled.Source, Simulator.ReadMeasures(plan, measures, indices[s], worker.Random, worker.Clbits));
        });
        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var key in keys.SelectMany(k => k)) counts[key] = counts.GetValueOrDefault(key) + 1;
        return counts;
    }

    /// <summary>The probabilities of the basis states averaged over trajectories, with their standard errors.</summary>
    public static ProbabilityResult Probabilities(IBackend backend, CompiledCircuit compiled, TrajectoryOptions options, RunControl control)
    {
        var plan = compiled.Plan;
        if (plan.QubitCount > 30)
            throw new StateTooLargeException($"Probabilities of {plan.QubitCount} qubits need a table of 2^{plan.QubitCount} entries per thread; sample counts instead.");
        int dimension = 1 << plan.QubitCount;
        var qubits = Enumerable.Range(0, plan.QubitCount).ToArray();
        var perWorker = RunAll(backend, compiled, options.Trajectories, options.Seed, measure: !plan.MeasuresOnlyAtEnd, options.MaxParallel, control,
            () => (Moments: new FixedPointMoments(dimension), Table: new double[dimension]),
            (worker, own, _) =>
            {
                worker.State.GetProbabilities(own.Table);
                double norm = own.Table.Sum();
                for (int i = 0; i < own.Table.Length; i++) own.Table[i] /= norm;
                plan.Readout.Confuse(own.Table, qubits);
                own.Moments.Add(own.Table);
            });
        var total = new FixedPointMoments(dimension);
        foreach (var (moments, _) in perWorker) total.Add(moments);
        var (means, errors) = total.Finish(options.Trajectories);
        return new ProbabilityResult(means, errors, options.Trajectories);
    }

    /// <summary>
    /// Runs trajectories [0, count) of the bound plan, calling <paramref name="after"/> with the worker that ran each and that
    /// worker's own scratch (made by <paramref name="scratch"/>); returns the scratch of every worker.
    /// </summary>
    private static List<TScratch> RunAll<TScratch>(IBackend backend, CompiledCircuit compiled, int count, ulong seed, bool measure, int maxParallel,
        RunControl control, Func<TScratch> scratch, Action<TrajectoryWorker, TScratch, int> after)
    {
        var plan = compiled.Plan;
        // Computed once here, not by the first workers to meet each channel.
        foreach (var step in plan.Steps)
            if ((step is ConditionalStep c ? c.Body : step) is ChannelStep channel) _ = channel.Operators;
        int threads = ParallelItems.Threads(backend, plan.QubitCount, count, maxParallel);
        var workers = new List<(TrajectoryWorker Worker, TScratch Scratch)>();
        var progress = new PlanExecutor.ProgressReporter(control.Progress, count);
        try
        {
            for (int w = 0; w < threads; w++) workers.Add((new TrajectoryWorker(backend, plan, compiled.Precision), scratch()));
            ParallelItems.Run(workers, threads, count, control.Cancellation, (worker, t) =>
            {
                worker.Worker.Run(SeededRandom.ForItem(seed, t), measure, control.Cancellation);
                after(worker.Worker, worker.Scratch, t);
                lock (workers) progress.Advance();
            });
        }
        finally
        {
            foreach (var (worker, _) in workers) worker.Dispose();
        }
        return [.. workers.Select(w => w.Scratch)];
    }
}
