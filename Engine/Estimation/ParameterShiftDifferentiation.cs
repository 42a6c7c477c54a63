using QSim.Observables;

namespace QSim.Estimation;

/// <summary>
/// Parameter-shift gradients on the optimized plan: each gate parameter slot is shifted by the <see cref="ShiftRule"/> of
/// its generator spectrum (only the one fused step that reads it is rewritten) while every other slot keeps its value, and
/// the gate-parameter derivatives reach the symbols through the chain rule. The plan's prefix before the shifted step is
/// computed once per step and copied, so each shifted evaluation runs only that step and what follows it.
/// </summary>
internal static class ParameterShiftDifferentiation
{
    /// <summary>Values [O] and gradient [O × P, row-major] of the row bound in <paramref name="worker"/>.</summary>
    /// <exception cref="NotSupportedException">A parameterized gate has no usable shift rule.</exception>
    /// <exception cref="OperationCanceledException">The call was cancelled.</exception>
    public static void Run(EstimationWorker worker, IReadOnlyList<PauliSum> observables, Span<double> values, Span<double> gradient, CancellationToken cancellation)
    {
        var plan = worker.Plan;
        int p = plan.Symbols.Count, o = observables.Count;
        worker.RunCircuit(worker.State, cancellation);
        EstimationWorker.Expectations(observables, worker.State, values);
        gradient.Clear();
        if (plan.Slots.Count == 0) return;

        var prefix = worker.Prefix;
        worker.StartPrefix();
        Span<double> plus = stackalloc double[o], minus = stackalloc double[o];
        int applied = 0;
        var locations = plan.SlotLocations;
        // Slots in the order of the steps that read them, so the prefix only moves forward.
        foreach (int slot in worker.Circuit.SlotsInStepOrder)
        {
            var location = locations[slot];
            for (; applied < location.Step; applied++) worker.ApplyStep(prefix, applied);
            if (plan.Slots[slot].SymbolDerivatives.IsEmpty) continue;
            var gate = plan.Kernels[location.Kernel].Recipe.Factors[location.Factor].Gate!;
            var rule = ShiftRule.ForSpectrum(gate.Spectra[location.Parameter], gate.Name, gate.ParameterNames[location.Parameter]);
            if (rule is null) continue;
            double theta = plan.SlotValues[slot];
            for (int mu = 0; mu < rule.Shifts.Length; mu++)
            {
                EvaluateShifted(worker, observables, slot, theta + rule.Shifts[mu], location.Step, plus, cancellation);
                EvaluateShifted(worker, observables, slot, theta - rule.Shifts[mu], location.Step, minus, cancellation);
                for (int ob = 0; ob < o; ob++)
                {
                    double dGate = rule.Weights[mu] * (plus[ob] - minus[ob]);
                    foreach (var (symbol, derivative) in plan.Slots[slot].SymbolDerivatives)
                        gradient[ob * p + symbol] += dGate * derivative.Evaluate(worker.Binding);
                }
            }
            plan.BindSlot(slot, theta);
        }
    }

    private static void EvaluateShifted(EstimationWorker worker, IReadOnlyList<PauliSum> observables, int slot, double value, int step,
        Span<double> values, CancellationToken cancellation)
    {
        worker.Plan.BindSlot(slot, value);
        var state = worker.Scratch;
        state.CopyFrom(worker.Prefix);
        worker.ContinueFromPrefix();
        worker.ApplySteps(state, step, cancellation);
        EstimationWorker.Expectations(observables, state, values);
    }
}
