using QSim.Backends;
using QSim.Observables;

namespace QSim.Estimation;

/// <summary>
/// Adjoint differentiation (Jones and Gacon, arXiv:2009.02823): after one forward pass |ψ⟩ = U_N…U_1|0⟩ and
/// |λ_o⟩ = H_o|ψ⟩, the sweep from the last gate back un-applies every U_k from ψ and from each λ_o and reads
/// ∂⟨H_o⟩/∂θ = 2·Re⟨λ_o|∂U_k/∂θ|ψ_{k−1}⟩ = 2·Re⟨λ_o,k−1|U_k†·∂U_k/∂θ|ψ_{k−1}⟩ for each parameter of U_k, the
/// second form on both states after U_k is un-applied.
/// <para>
/// That term does not change while the sweep un-applies further gates on qubits disjoint from U_k's: with V such a
/// product, ⟨Vλ|F|Vψ⟩ = ⟨λ|F|ψ⟩ because V commutes with F. So the sweep <i>defers</i> both the un-applies and the
/// reads: it queues gates until the next one touches a qubit of a pending term, then un-applies the whole queue from
/// each state and reads every pending term together (<see cref="EstimationWorker.UnapplyThenReadTerms"/>: the run below
/// the cache block block by block, each block of ψ and λ un-applied and read while in cache). A layer of rotations on
/// distinct qubits then costs one pass over the states, instead of a pass per gate and state and one per term: where
/// ψ and λ together outgrow the cache (n = 20 here), passes, not arithmetic, bound the sweep. ψ is never copied.
/// Needs only the backend contract, so every backend has it. Gate-parameter derivatives reach the symbols through the chain rule of
/// <see cref="ParameterSlot"/>.
/// </para>
/// </summary>
internal static class AdjointDifferentiation
{
    /// <summary>Values [O] and gradient [O × P, row-major] of the row bound in <paramref name="worker"/>.</summary>
    public static void Run(EstimationWorker worker, IReadOnlyList<PauliSum> observables, Span<double> values, Span<double> gradient)
    {
        var circuit = worker.Circuit;
        var psi = worker.State;
        worker.RunCircuit(psi);
        EstimationWorker.Expectations(observables, psi, values);
        gradient.Clear();
        if (circuit.Slots.Length == 0) return;

        var lambdas = worker.Lambdas(observables.Count);
        for (int o = 0; o < observables.Count; o++) observables[o].Apply(psi, lambdas[o]);
        var sweep = new DeferredSweep(worker, lambdas.AsSpan(0, observables.Count), gradient);
        var slots = circuit.Slots;
        int slot = slots.Length - 1;
        for (int k = circuit.Steps.Length - 1; k >= circuit.FirstParameterizedStep; k--)
        {
            sweep.Queue(k);
            for (; slot >= 0 && slots[slot].Step == k; slot--) sweep.AddTerm(slot);
        }
        sweep.Flush();
    }

    /// <summary>The queued un-applies and pending derivative terms of one backward sweep (buffers owned by the worker).</summary>
    private ref struct DeferredSweep(EstimationWorker worker, ReadOnlySpan<IStateVector> lambdas, Span<double> gradient)
    {
        private readonly Span<int> _queue = worker.UnapplyQueue;
        private readonly Span<int> _pending = worker.PendingTerms;
        private readonly ReadOnlySpan<IStateVector> _lambdas = lambdas;
        private readonly Span<double> _gradient = gradient;
        private int _queued;
        private int _pendingCount;
        private ulong _pendingQubits;

        /// <summary>Queues the un-apply of <paramref name="step"/>, after reading the pending terms it would change.</summary>
        public void Queue(int step)
        {
            if ((worker.QubitMask(step) & _pendingQubits) != 0) Flush();
            _queue[_queued++] = step;
        }

        /// <summary>Adds the term of <paramref name="slot"/>, read once its step (queued last) is un-applied.</summary>
        public void AddTerm(int slot)
        {
            worker.FillTerm(slot);
            _pending[_pendingCount++] = slot;
            _pendingQubits |= worker.QubitMask(worker.Circuit.Slots[slot].Step);
        }

        /// <summary>Un-applies the queue from every state, then reads every pending term.</summary>
        public void Flush()
        {
            var pending = _pending[.._pendingCount];
            var terms = worker.UnapplyThenReadTerms(_lambdas, _queue[.._queued], pending);
            _queued = 0;
            int parameters = worker.Circuit.Symbols.Count;
            for (int o = 0; o < _lambdas.Length; o++)
                for (int i = 0; i < pending.Length; i++)
                    // Each term is the full matrices of its gate, controls included: it vanishes where a control is 0.
                    foreach (var (symbol, derivative) in worker.Circuit.Slots[pending[i]].SymbolDerivatives)
                        _gradient[o * parameters + symbol] += 2 * terms[o * pending.Length + i].Real * derivative.Evaluate(worker.Binding);
            _pendingCount = 0;
            _pendingQubits = 0;
        }
    }
}
