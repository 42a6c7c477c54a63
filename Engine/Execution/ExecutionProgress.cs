namespace QSim.Execution;

/// <summary>
/// How far a long run has got: <see cref="Done"/> of <see cref="Total"/> steps (plan steps, shots or branches, as the
/// run counts them). Runs report it through <see cref="IProgress{T}"/>; a report with <c>Done == Total</c> means the
/// run's work is finished. Reports come from the thread doing the work, so a receiver should only record them and
/// draw elsewhere.
/// </summary>
/// <param name="Done">Steps finished, from 0 to <paramref name="Total"/>.</param>
/// <param name="Total">Steps the run takes in all; at least 1.</param>
public readonly record struct ExecutionProgress(long Done, long Total)
{
    /// <summary>The finished fraction, from 0 to 1 (0 when <see cref="Total"/> is not positive).</summary>
    public double Fraction => Total > 0 ? Math.Clamp((double)Done / Total, 0, 1) : 0;
}
