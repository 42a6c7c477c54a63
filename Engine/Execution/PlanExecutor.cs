using QSim.Backends;
using QSim.Noise;

namespace QSim.Execution;

/// <summary>What a run does at a measurement or reset: follow outcome 0 or 1, or leave the state as it is.</summary>
public enum MeasurementDecision
{
    /// <summary>Collapse to 0 (a reset then leaves the qubit at |0⟩).</summary>
    Zero,
    /// <summary>Collapse to 1 (a reset then flips the qubit back to |0⟩).</summary>
    One,
    /// <summary>Leave the state unchanged: the measurement is read later from the final distribution (exact probabilities).</summary>
    Defer,
}

/// <summary>Chooses measurement outcomes while a plan runs: sampling draws them, exact enumeration follows both.</summary>
public interface IMeasurementPolicy
{
    /// <summary>
    /// The decision at step <paramref name="step"/>, which measures (<paramref name="clbit"/> ≥ 0) or resets
    /// (<paramref name="clbit"/> = −1) <paramref name="qubit"/> of <paramref name="state"/>.
    /// </summary>
    MeasurementDecision Decide(int step, int qubit, int clbit, IStateVector state, ReadOnlySpan<bool> clbits);

    /// <summary>
    /// The bit recorded by the measurement at step <paramref name="step"/> of <paramref name="qubit"/>, whose true outcome was
    /// <paramref name="outcome"/> (the state has collapsed to it), through the qubit's readout <paramref name="error"/>.
    /// </summary>
    bool Record(int step, int qubit, int clbit, bool outcome, ReadoutError error, IStateVector state, ReadOnlySpan<bool> clbits);
}

/// <summary>Cancellation and progress of one run (both optional).</summary>
/// <param name="Cancellation">Checked between steps; a cancelled run throws <see cref="OperationCanceledException"/>.</param>
/// <param name="Progress">Told how many steps are done, a few hundred times per run at most.</param>
public readonly record struct RunControl(CancellationToken Cancellation = default, IProgress<ExecutionProgress>? Progress = null);

/// <summary>
/// The one executor: runs the steps of a bound <see cref="ExecutionPlan"/> on a state through the backend contract.
/// Unitary steps go to the backend (its native sweeps and swaps where it has them, <see cref="StateOperations"/>
/// otherwise); measurements and resets collapse as an <see cref="IMeasurementPolicy"/> decides, and a measured bit is
/// recorded through the plan's readout errors; noise channels are applied whole by a mixed state
/// (<see cref="IMixedState"/>, the density matrix) and by one Kraus operator on a state vector, as an
/// <see cref="IChannelPolicy"/> picks it (a quantum trajectory); conditions read the classical bits. Every job (final
/// states, shots, exact probabilities, expectation values, gradients, noisy or not) runs its plans here.
/// </summary>
public static class PlanExecutor
{
    /// <summary>Applies every unitary step, skipping terminal measurements (the state just before them).</summary>
    /// <exception cref="InvalidOperationException">A measurement is not terminal, or the plan resets or has conditions.</exception>
    /// <exception cref="OperationCanceledException">The run was cancelled.</exception>
    public static void ApplyUnitary(ExecutionPlan plan, IStateVector state, RunControl control = default)
    {
        if (!plan.HasOnlyTerminalMeasurements)
            throw new InvalidOperationException("The circuit has mid-circuit measurement, reset or classical conditions, so it has no single final state.");
        var progress = new ProgressReporter(control.Progress, plan.Steps.Count);
        for (int i = 0; i < plan.Steps.Count; i++)
        {
            control.Cancellation.ThrowIfCancellationRequested();
            if (plan.Steps[i] is UnitaryStep unitary) unitary.ApplyTo(state);
            progress.Advance();
        }
    }

    /// <summary>
    /// Applies every step but the measurements, which must all be terminal (<see cref="ExecutionPlan.MeasuresOnlyAtEnd"/>):
    /// the state they read. A noise channel is applied whole by a mixed state and through <paramref name="channels"/> on a
    /// state vector.
    /// </summary>
    /// <exception cref="InvalidOperationException">A measurement is not terminal, or the plan resets or has conditions.</exception>
    /// <exception cref="NotSupportedException">The plan has a channel, the state is a vector and no channel policy is given.</exception>
    /// <exception cref="OperationCanceledException">The run was cancelled.</exception>
    public static void Evolve(ExecutionPlan plan, IStateVector state, IChannelPolicy? channels, RunControl control = default)
    {
        if (!plan.MeasuresOnlyAtEnd)
            throw new InvalidOperationException("The circuit has mid-circuit measurement, reset or classical conditions, so it has no single final state.");
        var progress = new ProgressReporter(control.Progress, plan.Steps.Count);
        for (int i = 0; i < plan.Steps.Count; i++)
        {
            control.Cancellation.ThrowIfCancellationRequested();
            switch (plan.Steps[i])
            {
                case UnitaryStep unitary:
                    unitary.ApplyTo(state);
                    break;
                case ChannelStep channel:
                    ApplyChannel(i, channel, state, channels);
                    break;
            }
            progress.Advance();
        }
    }

    /// <summary>
    /// Runs steps <paramref name="from"/> to the end on <paramref name="state"/>, writing measured bits into
    /// <paramref name="clbits"/>; noise channels go through <paramref name="channels"/> on a state vector (see
    /// <see cref="Evolve"/>). Reports progress as <paramref name="progressOffset"/> plus the steps done, of
    /// <paramref name="progressTotal"/> (the plan's step count when zero).
    /// </summary>
    /// <exception cref="NotSupportedException">The plan has a channel, the state is a vector and no channel policy is given.</exception>
    /// <exception cref="OperationCanceledException">The run was cancelled.</exception>
    public static void Run(ExecutionPlan plan, IStateVector state, Span<bool> clbits, IMeasurementPolicy policy, int from = 0,
        RunControl control = default, long progressOffset = 0, long progressTotal = 0, IChannelPolicy? channels = null)
    {
        var progress = new ProgressReporter(control.Progress, progressTotal > 0 ? progressTotal : plan.Steps.Count, progressOffset);
        var run = new StepRun(plan.Readout, policy, channels);
        for (int i = from; i < plan.Steps.Count; i++)
        {
            control.Cancellation.ThrowIfCancellationRequested();
            run.Step(i, plan.Steps[i], state, clbits);
            progress.Advance();
        }
    }

    /// <summary>Applies a channel: whole on a mixed state, one Kraus operator (the policy's pick) on a state vector.</summary>
    /// <exception cref="NotSupportedException">The state is a vector and <paramref name="channels"/> is null.</exception>
    internal static void ApplyChannel(int index, ChannelStep channel, IStateVector state, IChannelPolicy? channels)
    {
        if (state is IMixedState mixed)
        {
            var operators = channel.Operators;
            mixed.ApplySuperoperator(channel.Qubits.AsSpan(), operators.Superoperator, operators.SuperoperatorIsDiagonal);
            return;
        }
        if (channels is null)
            throw new NotSupportedException(
                $"Channel '{channel.Channel}' needs a noisy run: quantum trajectories on a state vector, or the density-matrix backend.");
        channels.Apply(index, channel, state);
    }

    private static readonly System.Numerics.Complex[] PauliX = [0, 1, 1, 0];

    /// <summary>The policies and readout errors of one run, applied step by step.</summary>
    private readonly struct StepRun(ReadoutNoise readout, IMeasurementPolicy policy, IChannelPolicy? channels)
    {
        public void Step(int index, PlanStep step, IStateVector state, Span<bool> clbits)
        {
            switch (step)
            {
                case UnitaryStep unitary:
                    unitary.ApplyTo(state);
                    break;
                case MeasureStep m:
                    if (Settle(index, m.Qubit, m.Clbit, state, clbits) is { } bit) clbits[m.Clbit] = bit;
                    break;
                case ResetStep r:
                    Settle(index, r.Qubit, -1, state, clbits);
                    break;
                case ChannelStep channel:
                    ApplyChannel(index, channel, state, channels);
                    break;
                case ConditionalStep c:
                    if (c.Condition.IsSatisfiedBy(clbits)) Step(index, c.Body, state, clbits);
                    break;
                default:
                    throw new NotSupportedException($"Plan step '{step.GetType().Name}' is not supported.");
            }
        }

        /// <summary>
        /// Collapses (and for a reset, flips back to |0⟩) as the policy decides; the bit recorded (through the qubit's readout
        /// error, if any), or null when deferred.
        /// </summary>
        private bool? Settle(int index, int qubit, int clbit, IStateVector state, Span<bool> clbits)
        {
            var decision = policy.Decide(index, qubit, clbit, state, clbits);
            if (decision == MeasurementDecision.Defer) return null;
            int outcome = decision == MeasurementDecision.One ? 1 : 0;
            state.Collapse(qubit, outcome);
            if (clbit < 0 && outcome == 1) state.ApplyMatrix([qubit], PauliX, []);
            if (clbit >= 0 && readout.For(qubit) is { } error) return policy.Record(index, qubit, clbit, outcome == 1, error, state, clbits);
            return outcome == 1;
        }
    }

    /// <summary>Reports progress about every 1/256 of the total, so a run of millions of steps does not flood the observer.</summary>
    internal struct ProgressReporter(IProgress<ExecutionProgress>? progress, long total, long done = 0)
    {
        private readonly long _stride = Math.Max(1, total / 256);
        private long _done = done, _next = done;

        public void Advance(long units = 1)
        {
            _done += units;
            if (progress is null || (_done < _next && _done < total)) return;
            _next = _done + _stride;
            progress.Report(new ExecutionProgress(Math.Min(_done, total), total));
        }
    }
}

/// <summary>Draws each measurement outcome at random with its probability, and each misread with its readout error (shots).</summary>
public sealed class SampledMeasurements(Numerics.SeededRandom random) : IMeasurementPolicy
{
    /// <inheritdoc/>
    public MeasurementDecision Decide(int step, int qubit, int clbit, IStateVector state, ReadOnlySpan<bool> clbits) =>
        random.NextDouble() < state.ProbabilityOfOne(qubit) ? MeasurementDecision.One : MeasurementDecision.Zero;

    /// <inheritdoc/>
    public bool Record(int step, int qubit, int clbit, bool outcome, ReadoutError error, IStateVector state, ReadOnlySpan<bool> clbits) =>
        error.Read(outcome, random.NextDouble());
}
