using QSim.Backends;
using QSim.DensityMatrix;
using QSim.Execution;
using QSim.Observables;

namespace QSim.Estimation;

/// <summary>
/// The adjoint method on density matrices. With vec(ρ) the inner vector of 2n qubits, the circuit is a product of linear
/// maps S_N⋯S_1 (S = B ⊗ conj(B) for a kernel step B, the superoperator for a channel) and ⟨H⟩ = ⟨⟨H|S_N⋯S_1|ρ₀⟩⟩, an inner
/// product of vectors. So the state-vector adjoint method carries over to the larger vectors: λ starts as vec(H) (not H·ψ)
/// and goes back through S_k† — for a kernel B†, which the density matrix's <see cref="IStateVector.ApplyMatrix"/> applies on
/// both sides, for a channel the dual map S† — and for a gate parameter θ inside B_k, with ∂B = B·N
/// (<see cref="MatrixRecipe.WriteDerivativeTerm"/>), ∂⟨H⟩/∂θ = 2·Re⟨⟨λ_{k−1}|N ⊗ 1|ρ_{k−1}⟩⟩: the bra half of ∂S gives the
/// complex conjugate of the ket half because λ and ρ are Hermitian. The state side runs backwards by un-applying kernels,
/// but a channel has no inverse: the forward pass keeps the density matrix before every m-th channel (m ≈ √C for C channels)
/// and the backward pass recomputes each stretch between two of them once, keeping the matrix before each of its channels,
/// so about 2√C density matrices are held and the forward steps run twice. One forward pass, one recomputation and one
/// backward sweep, whatever the number of parameters.
/// </summary>
internal static class DensityMatrixAdjoint
{
    /// <summary>Values [O] and gradient [O × P, row-major] of the row bound in <paramref name="worker"/>.</summary>
    /// <exception cref="StateTooLargeException">The kept density matrices do not fit in memory.</exception>
    /// <exception cref="OperationCanceledException">The call was cancelled.</exception>
    public static void Run(EstimationWorker worker, IBackend backend, IReadOnlyList<PauliSum> observables, Span<double> values, Span<double> gradient,
        CancellationToken cancellation)
    {
        var plan = worker.Plan;
        var steps = plan.Steps;
        var rho = (DensityMatrixState)worker.State;
        var channels = Enumerable.Range(0, steps.Count).Where(i => steps[i] is ChannelStep).ToArray();
        int stride = Math.Max(1, (int)Math.Ceiling(Math.Sqrt(channels.Length)));
        // Stretch j runs from starts[j] (step 0, or a channel whose input is kept) to the next start.
        int[] starts = [0, .. channels.Where((_, c) => c > 0 && c % stride == 0)];
        var kept = new List<IStateVector>();
        var beforeChannel = new Dictionary<int, IStateVector>();
        try
        {
            rho.SetBasisState(0);
            for (int i = 0, next = 1; i < steps.Count; i++)
            {
                cancellation.ThrowIfCancellationRequested();
                if (next < starts.Length && starts[next] == i)
                {
                    kept.Add(Copy(backend, rho));
                    next++;
                }
                worker.ApplyStep(rho, i);
            }
            EstimationWorker.Expectations(observables, rho, values);
            gradient.Clear();
            if (plan.Slots.Count == 0) return;

            var lambdas = worker.Lambdas(observables.Count);
            for (int o = 0; o < observables.Count; o++)
                ((DensityMatrixState)lambdas[o]).SetToObservable(observables[o], (DensityMatrixState)worker.Scratch);
            var kernelsOfStep = KernelsOfSteps(plan);
            for (int j = starts.Length - 1; j >= 0; j--)
            {
                int start = starts[j], end = j + 1 < starts.Length ? starts[j + 1] : steps.Count;
                Recompute(worker, backend, rho, j == 0 ? null : kept[j - 1], start, end, beforeChannel, cancellation);
                for (int i = end - 1; i >= start; i--)
                {
                    cancellation.ThrowIfCancellationRequested();
                    if (steps[i] is ChannelStep channel)
                    {
                        var adjoint = channel.Operators.SuperoperatorAdjoint;
                        foreach (var lambda in lambdas.AsSpan(0, observables.Count))
                            ((IMixedState)lambda).ApplySuperoperator(channel.Qubits.AsSpan(), adjoint, channel.Operators.SuperoperatorIsDiagonal);
                        rho.CopyFrom(beforeChannel[i]);
                        continue;
                    }
                    if (steps[i] is QubitSwapStep swap)
                    {
                        swap.ApplyTo(rho);
                        foreach (var lambda in lambdas.AsSpan(0, observables.Count)) swap.ApplyTo(lambda);
                        continue;
                    }
                    foreach (int kernel in kernelsOfStep[i].Reverse()) Unapply(worker, kernel, rho, lambdas.AsSpan(0, observables.Count), gradient);
                }
            }
        }
        finally
        {
            foreach (var state in kept.Concat(beforeChannel.Values)) state.Dispose();
        }
    }

    /// <summary>Un-applies one kernel from ρ and every λ, then adds the derivative terms of its parameters.</summary>
    private static void Unapply(EstimationWorker worker, int kernel, DensityMatrixState rho, ReadOnlySpan<IStateVector> lambdas, Span<double> gradient)
    {
        worker.Unapply(kernel, rho);
        foreach (var lambda in lambdas) worker.Unapply(kernel, lambda);
        var slots = worker.Plan.Slots;
        int parameters = worker.Plan.Symbols.Count;
        foreach (int slot in worker.Circuit.SlotsOfKernel[kernel])
        {
            if (slots[slot].SymbolDerivatives.IsEmpty) continue;
            worker.FillTerm(slot);
            var term = worker.Term(slot);
            for (int o = 0; o < lambdas.Length; o++)
            {
                double read = 2 * rho.Inner.MatrixElement(((DensityMatrixState)lambdas[o]).Inner, term.Targets.AsSpan(), term.Matrix, []).Real;
                foreach (var (symbol, derivative) in slots[slot].SymbolDerivatives)
                    gradient[o * parameters + symbol] += read * derivative.Evaluate(worker.Binding);
            }
        }
    }

    /// <summary>
    /// Sets ρ to the state at step <paramref name="start"/> (|0⟩⟨0| or <paramref name="from"/>) and runs the steps up to
    /// <paramref name="end"/>, keeping the matrix before each channel (in states reused from earlier stretches).
    /// </summary>
    private static void Recompute(EstimationWorker worker, IBackend backend, DensityMatrixState rho, IStateVector? from, int start, int end,
        Dictionary<int, IStateVector> beforeChannel, CancellationToken cancellation)
    {
        var spare = new Stack<IStateVector>(beforeChannel.Values);
        beforeChannel.Clear();
        if (from is null) rho.SetBasisState(0);
        else rho.CopyFrom(from);
        try
        {
            for (int i = start; i < end; i++)
            {
                cancellation.ThrowIfCancellationRequested();
                if (worker.Plan.Steps[i] is ChannelStep)
                {
                    var copy = spare.Count > 0 ? spare.Pop() : backend.CreateState(rho.QubitCount, rho.Precision);
                    copy.CopyFrom(rho);
                    beforeChannel[i] = copy;
                }
                worker.ApplyStep(rho, i);
            }
        }
        finally
        {
            foreach (var unused in spare) unused.Dispose();
        }
    }

    private static IStateVector Copy(IBackend backend, IStateVector state)
    {
        var copy = backend.CreateState(state.QubitCount, state.Precision);
        copy.CopyFrom(state);
        return copy;
    }

    /// <summary>For each top-level step, the indices (in <see cref="ExecutionPlan.Kernels"/>) of the kernels it holds, in order.</summary>
    private static int[][] KernelsOfSteps(ExecutionPlan plan)
    {
        var lists = Enumerable.Range(0, plan.Steps.Count).Select(_ => new List<int>()).ToArray();
        for (int k = 0; k < plan.Kernels.Length; k++) lists[plan.KernelStepIndex[k]].Add(k);
        return [.. lists.Select(l => l.ToArray())];
    }
}
