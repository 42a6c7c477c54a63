using QSim.Observables;

namespace QSim.Estimation;

/// <summary>
/// Adjoint differentiation (Jones and Gacon, arXiv:2009.02823): after one forward pass |ψ⟩ = U_N…U_1|0⟩ and
/// |λ_o⟩ = H_o|ψ⟩, the sweep from the last gate back un-applies U_k from |ψ⟩, reads
/// ∂⟨H_o⟩/∂θ = 2·Re⟨λ_o|∂U_k/∂θ|ψ_{k−1}⟩ = 2·Re⟨λ_o|∂U_k/∂θ·U_k†|ψ_k⟩ for each parameter of U_k (read before the
/// un-apply), then un-applies U_k from every |λ_o⟩. Each parameterized gate costs two state passes where the backend
/// fuses the read of ψ and λ with the un-apply from ψ (<see cref="QSim.Backends.IStateVector.MatrixElementThenApplyMatrix"/>),
/// and the un-apply from λ (with the adjoint matrices the worker refreshes on bind); a second parameter or observable
/// adds one read of both (<see cref="QSim.Backends.IStateVector.MatrixElement"/>). ψ is never copied. Needs only the backend contract, so every backend has it.
/// Gate-parameter derivatives reach the symbols through the chain rule of <see cref="ParameterSlot"/>.
/// </summary>
internal static class AdjointDifferentiation
{
    /// <summary>Values [O] and gradient [O × P, row-major] of the row bound in <paramref name="worker"/>.</summary>
    public static void Run(EstimationWorker worker, IReadOnlyList<PauliSum> observables, Span<double> values, Span<double> gradient)
    {
        var circuit = worker.Circuit;
        int p = circuit.Symbols.Count;
        var psi = worker.State;
        worker.RunCircuit(psi);
        EstimationWorker.Expectations(observables, psi, values);
        gradient.Clear();
        if (circuit.Slots.Length == 0) return;

        var lambdas = worker.Lambdas(observables.Count);
        for (int o = 0; o < observables.Count; o++) observables[o].Apply(psi, lambdas[o]);
        var slots = circuit.Slots;
        int slot = slots.Length - 1;
        for (int k = circuit.Steps.Length - 1; k >= circuit.FirstParameterizedStep; k--)
        {
            int parameterized = slots[slot].Step;
            if (k > parameterized)
            {
                // Steps without parameters down to the next parameterized one: the run is un-applied from ψ, then from
                // each λ, so consecutive passes stream one state (ψ and λ together outgrow a shared L3 sooner).
                worker.ApplyInverseRun(psi, k, parameterized);
                for (int o = 0; o < observables.Count; o++) worker.ApplyInverseRun(lambdas[o], k, parameterized);
                k = parameterized;
            }
            // Every derivative term of step k is read before U_k is un-applied from ψ; the last one rides on that un-apply.
            for (; slot >= 0 && slots[slot].Step == k; slot--)
            {
                var qubits = worker.GateAt(k).Qubits.AsSpan();
                var element = worker.GateDerivativeTimesInverse(k, slots[slot].Parameter);
                bool lastSlotOfStep = slot == 0 || slots[slot - 1].Step != k;
                for (int o = 0; o < observables.Count; o++)
                {
                    // The full matrices of the gate, controls included: the derivative vanishes where a control is 0.
                    var term = lastSlotOfStep && o == observables.Count - 1
                        ? worker.MatrixElementThenInverseStep(psi, k, lambdas[o], element)
                        : psi.MatrixElement(lambdas[o], qubits, element, []);
                    double dGate = 2 * term.Real;
                    foreach (var (symbol, derivative) in slots[slot].SymbolDerivatives)
                        gradient[o * p + symbol] += dGate * derivative.Evaluate(worker.Binding);
                }
            }
            if (k > circuit.FirstParameterizedStep)
                for (int o = 0; o < observables.Count; o++) worker.ApplyInverseStep(lambdas[o], k);
        }
    }
}
