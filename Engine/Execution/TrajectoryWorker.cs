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
