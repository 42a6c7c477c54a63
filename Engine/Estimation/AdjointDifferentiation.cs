using QSim.Backends;
using QSim.Execution;
using QSim.Observables;

namespace QSim.Estimation;

/// <summary>
/// Adjoint differentiation (Jones and Gacon, arXiv:2009.02823) on the optimized plan: after one forward pass
/// |ψ⟩ = B_N…B_1|0⟩ through the plan's kernel steps B_k (fused blocks) and |λ_o⟩ = H_o|ψ⟩, the sweep from the last step back
/// un-applies every B_k from ψ and from each λ_o and reads, for each gate parameter θ inside B_k,
/// ∂⟨H_o⟩/∂θ = 2·Re⟨λ_o|∂B_k/∂θ|ψ_{k−1}⟩ = 2·Re⟨B_k†λ_o|N|ψ_{k−1}⟩ with N = P†·(G†∂G/∂θ)·P, where G is the gate in the
/// block and P the block's gates before it (<see cref="MatrixRecipe.WriteDerivativeTerm"/>): the parameterized gates stay
/// visible to the sweep as terms on their block's qubits, while the plan keeps its fused, cache-blocked shape. A relabelling
/// swap is its own inverse and is applied to every state.
/// <para>
/// A term does not change while the sweep un-applies further steps on qubits disjoint from its block: with V such a
/// product, ⟨Vλ|N|Vψ⟩ = ⟨λ|N|ψ⟩. So the sweep <i>defers</i> both the un-applies and the reads: it queues steps until the
/// next one touches a qubit of a pending term, then un-applies the whole queue from each state and reads every pending
/// term together (<see cref="EstimationWorker.UnapplyThenReadTerms"/>: the run below the cache block block by block, each
/// block of ψ and λ un-applied and read while in cache). ψ is never copied. Needs only the backend contract, so every
/// backend has it. Gate-parameter derivatives reach the symbols through the chain rule of <see cref="ParameterSlot"/>.
/// </para>
/// </summary>
internal static class AdjointDifferentiation
{
    /// <summary>Values [O] and gradient [O × P, row-major] of the row bound in <paramref name="worker"/>.</summary>
    /// <exception cref="OperationCanceledException">The call was cancelled.</exception>
    public static void Run(EstimationWorker worker, IReadOnlyList<PauliSum> observables, Span<double> values, Span<double> gradient, CancellationToken cancellation)
    {
        var circuit = worker.Circuit;
        var psi = worker.State;
        worker.RunCircuit(psi, cancellation);
        EstimationWorker.Expectations(observables, psi, values);
        gradient.Clear();
        if (circuit.Plan.Slots.Count == 0) return;

        var lambdas = worker.Lambdas(observables.Count);
        for (int o = 0; o < observables.Count; o++) observables[o].Apply(psi, lambdas[o]);
        var states = lambdas.AsSpan(0, observables.Count);
        var sweep = new DeferredSweep(worker, states, gradient);
        foreach (int unit in circuit.BackwardUnits)
        {
            cancellation.ThrowIfCancellationRequested();
            if (unit < 0)
            {
                // A relabelling: the pending terms are read in the frame they were queued in, then every state moves.
                sweep.Flush();
                var swap = (QubitSwapStep)worker.Plan.Steps[-1 - unit];
                swap.ApplyTo(psi);
                foreach (var lambda in states) swap.ApplyTo(lambda);
                continue;
            }
            if (unit < circuit.FirstParameterizedKernel) break;
            sweep.Queue(unit);
            foreach (int slot in circuit.SlotsOfKernel[unit]) sweep.AddTerm(slot);
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

        /// <summary>Queues the un-apply of <paramref name="kernel"/>, after reading the pending terms it would change.</summary>
        public void Queue(int kernel)
        {
            if ((worker.QubitMask(kernel) & _pendingQubits) != 0) Flush();
            _queue[_queued++] = kernel;
        }

        /// <summary>Adds the term of <paramref name="slot"/>, read once its kernel (queued last) is un-applied.</summary>
        public void AddTerm(int slot)
        {
            worker.FillTerm(slot);
            _pending[_pendingCount++] = slot;
            _pendingQubits |= worker.TermMask(slot);
        }

        /// <summary>Un-applies the queue from every state, then reads every pending term.</summary>
        public void Flush()
        {
            if (_queued == 0 && _pendingCount == 0) return;
            var pending = _pending[.._pendingCount];
            var terms = worker.UnapplyThenReadTerms(_lambdas, _queue[.._queued], pending);
            _queued = 0;
            var slots = worker.Plan.Slots;
            int parameters = worker.Plan.Symbols.Count;
            for (int o = 0; o < _lambdas.Length; o++)
                for (int i = 0; i < pending.Length; i++)
                    foreach (var (symbol, derivative) in slots[pending[i]].SymbolDerivatives)
                        _gradient[o * parameters + symbol] += 2 * terms[o * pending.Length + i].Real * derivative.Evaluate(worker.Binding);
            _pendingCount = 0;
            _pendingQubits = 0;
        }
    }
}
