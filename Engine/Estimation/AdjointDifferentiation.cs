using QSim.Observables;

namespace QSim.Estimation;

/// <summary>
/// Adjoint differentiation (Jones and Gacon, arXiv:2009.02823): after one forward pass |ψ⟩ = U_N…U_1|0⟩ and
/// |λ_o⟩ = H_o|ψ⟩, the sweep from the last gate back un-applies U_k from |ψ⟩, reads
/// ∂⟨H_o⟩/∂θ = 2·Re⟨λ_o|∂U_k/∂θ|ψ_{k−1}⟩ for each parameter of U_k, then un-applies U_k from every |λ_o⟩.
/// Needs only the backend contract (apply, copy, inner product, Pauli sums), so every backend has it.
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
        var mu = worker.Scratch;
        var slots = circuit.Slots;
        int slot = slots.Length - 1;
        for (int k = circuit.Steps.Length - 1; k >= circuit.FirstParameterizedStep; k--)
        {
            worker.ApplyInverseStep(psi, k);
            for (; slot >= 0 && slots[slot].Step == k; slot--)
            {
                ApplyDerivative(worker, slots[slot], psi, mu);
                for (int o = 0; o < observables.Count; o++)
                {
                    double dGate = 2 * lambdas[o].InnerProduct(mu).Real;
                    foreach (var (symbol, derivative) in slots[slot].SymbolDerivatives)
                        gradient[o * p + symbol] += dGate * derivative.Evaluate(worker.Binding);
                }
            }
            if (k > circuit.FirstParameterizedStep)
                for (int o = 0; o < observables.Count; o++) worker.ApplyInverseStep(lambdas[o], k);
        }
    }

    /// <summary>μ = ∂U/∂θ_j·ψ with the gate's full matrix (controls included: the derivative vanishes where a control is 0).</summary>
    private static void ApplyDerivative(EstimationWorker worker, ParameterSlot slot, QSim.Backends.IStateVector psi, QSim.Backends.IStateVector mu)
    {
        var gate = worker.GateAt(slot.Step);
        var derivative = gate.Gate.Derivative(worker.GateParameters(slot.Step), slot.Parameter);
        mu.CopyFrom(psi);
        if (gate.Gate.IsDiagonal) mu.ApplyDiagonal(gate.Qubits.AsSpan(), derivative.GetDiagonal(), []);
        else mu.ApplyMatrix(gate.Qubits.AsSpan(), derivative.Elements, []);
    }
}
