using QSim.Observables;

namespace QSim.Estimation;

/// <summary>
/// Parameter-shift gradients: each symbolic gate parameter is shifted by the <see cref="ShiftRule"/> of its
/// generator spectrum while every other gate keeps its value, and the gate-parameter derivatives reach the
/// symbols through the chain rule. The circuit prefix before the shifted gate is computed once per gate and
/// copied, so each shifted evaluation runs only the gate and what follows it.
/// </summary>
internal static class ParameterShiftDifferentiation
{
    /// <summary>Values [O] and gradient [O × P, row-major] of the row bound in <paramref name="worker"/>.</summary>
    /// <exception cref="NotSupportedException">A parameterized gate has no usable shift rule.</exception>
    public static void Run(EstimationWorker worker, IReadOnlyList<PauliSum> observables, Span<double> values, Span<double> gradient)
    {
        var circuit = worker.Circuit;
        int p = circuit.Symbols.Count, o = observables.Count;
        worker.RunCircuit(worker.State);
        EstimationWorker.Expectations(observables, worker.State, values);
        gradient.Clear();
        if (circuit.Slots.Length == 0) return;

        var prefix = worker.Prefix;
        prefix.SetBasisState(0);
        Span<double> plus = stackalloc double[o], minus = stackalloc double[o];
        int applied = 0;
        foreach (var slot in circuit.Slots)
        {
            for (; applied < slot.Step; applied++) worker.ApplyStep(prefix, applied);
            var gate = worker.GateAt(slot.Step);
            var rule = ShiftRule.ForSpectrum(gate.Gate.Spectra[slot.Parameter], gate.Gate.Name, gate.Gate.ParameterNames[slot.Parameter]);
            if (rule is null) continue;
            double[] parameters = worker.GateParameters(slot.Step).ToArray();
            double theta = parameters[slot.Parameter];
            for (int mu = 0; mu < rule.Shifts.Length; mu++)
            {
                parameters[slot.Parameter] = theta + rule.Shifts[mu];
                EvaluateShifted(worker, observables, slot.Step, parameters, plus);
                parameters[slot.Parameter] = theta - rule.Shifts[mu];
                EvaluateShifted(worker, observables, slot.Step, parameters, minus);
                for (int ob = 0; ob < o; ob++)
                {
                    double dGate = rule.Weights[mu] * (plus[ob] - minus[ob]);
                    foreach (var (symbol, derivative) in slot.SymbolDerivatives)
                        gradient[ob * p + symbol] += dGate * derivative.Evaluate(worker.Binding);
                }
            }
        }
    }

    private static void EvaluateShifted(EstimationWorker worker, IReadOnlyList<PauliSum> observables, int step, double[] parameters, Span<double> values)
    {
        var gate = worker.GateAt(step);
        var state = worker.Scratch;
        state.CopyFrom(worker.Prefix);
        state.ApplyMatrix(gate.Qubits.AsSpan(), gate.Gate.Matrix(parameters).Elements, []);
        worker.ApplySteps(state, step + 1);
        EstimationWorker.Expectations(observables, state, values);
    }
}
