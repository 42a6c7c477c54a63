using QSim.Execution;

namespace QSim.Passes;

/// <summary>
/// Groups kernel steps into cache-blocked sweeps. A sweep takes, in order, every step whose qubits all
/// sit below <see cref="BlockQubits"/> and that no step left behind has to precede; the backend then
/// applies the whole group to one block of 2^BlockQubits amplitudes at a time. When the next steps need
/// high qubits, a relabelling (one <see cref="QubitSwapStep"/>, a pass at copy speed) exchanges them with
/// low qubits that the coming steps do not use; later steps are rewritten to the new qubit positions.
/// Before a measurement, reset or condition, and at the end, the relabelling is undone, so everything
/// outside the unitary runs (and every result) sees the circuit's own qubit order. A backend without a native
/// relabelling pass gets sweeps of the steps that are low already, and no relabelling.
/// </summary>
public sealed class SweepScheduler : IPlanPass
{
    /// <summary>Creates the pass.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="blockQubits"/> is below 6 (a block must hold the largest fused kernel and whole SIMD vectors).</exception>
    public SweepScheduler(int blockQubits, bool relabel = true)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(blockQubits, 6);
        BlockQubits = blockQubits;
        Relabels = relabel;
    }

    /// <summary>log2 of the block size in amplitudes.</summary>
    public int BlockQubits { get; }

    /// <summary>True when the pass relabels qubits to bring high ones into the block.</summary>
    public bool Relabels { get; }

    /// <inheritdoc/>
    public string Name => Relabels ? $"sweeps(block=2^{BlockQubits})" : $"sweeps(block=2^{BlockQubits}, no relabelling)";

    /// <inheritdoc/>
    public ExecutionPlan Run(ExecutionPlan plan)
    {
        // A state that fits in one block is in cache already: blocking has nothing to save.
        if (plan.QubitCount <= BlockQubits) return plan;
        var layout = new QubitLayout(plan.QubitCount);
        var output = new List<PlanStep>();
        var run = new List<KernelStep>(plan.Steps.Count);
        foreach (var step in plan.Steps)
        {
            if (step is KernelStep kernel)
            {
                run.Add(kernel);
                continue;
            }
            Schedule(run, layout, output);
            run.Clear();
            output.AddRange(layout.Restore());
            output.Add(step);
        }
        Schedule(run, layout, output);
        output.AddRange(layout.Restore());
        return plan.WithSteps(output);
    }

    /// <summary>
    /// Sweeps a run of kernel steps. Each round takes every step that can join the sweep and stops scanning once every qubit
    /// the remaining steps use is blocked (no later step can join), so a long run costs time linear in its length, not
    /// its length times the number of sweeps. The steps left are a linked list over the run (<c>next</c>), each with its
    /// qubit set in one flat array.
    /// </summary>
    private void Schedule(List<KernelStep> run, QubitLayout layout, List<PlanStep> output)
    {
        int qubits = layout.QubitCount;
        var sets = new QubitSets(qubits, run.Count);
        var next = new int[run.Count];
        var uses = new int[qubits];
        int used = 0;
        for (int i = 0; i < run.Count; i++)
        {
            var set = sets[i];
            foreach (int q in run[i].Targets) QubitSet.Add(set, q);
            foreach (int q in run[i].Controls) QubitSet.Add(set, q);
            foreach (int q in run[i].Targets) if (uses[q]++ == 0) used++;
            foreach (int q in run[i].Controls) if (uses[q]++ == 0) used++;
            next[i] = i + 1 < run.Count ? i + 1 : -1;
        }
        int first = run.Count > 0 ? 0 : -1, remaining = run.Count;
        Span<ulong> blocked = new ulong[sets.Words], high = new ulong[sets.Words];
        var taken = new List<KernelStep>();
        while (remaining > 0)
        {
            taken.Clear();
            blocked.Clear();
            int blockedCount = 0;
            layout.HighQubits(BlockQubits, high);
            for (int node = first, previous = -1; node >= 0 && blockedCount < used;)
            {
                int after = next[node];
                var set = sets[node];
                if (!QubitSet.Overlaps(set, blocked) && !QubitSet.Overlaps(set, high))
                {
                    taken.Add(run[node].Relabel(layout.PositionOf));
                    if (previous < 0) first = after;
                    else next[previous] = after;
                    remaining--;
                    Release(run[node]);
                }
                else
                {
                    blockedCount += QubitSet.UnionWith(blocked, set);
                    previous = node;
                }
                node = after;
            }
            if (taken.Count == 1) output.Add(taken[0]);
            else if (taken.Count > 1) output.Add(new SweepStep(taken, BlockQubits));
            if (remaining == 0) break;
            if (!Relabels || QubitSet.Count(sets[first]) > BlockQubits)
            {
                // Too wide for any block: it runs on its own, on the qubits where they are now.
                output.Add(run[first].Relabel(layout.PositionOf));
                Release(run[first]);
                first = next[first];
                remaining--;
            }
            else output.Add(BringLow(sets, next, first, layout));
        }

        void Release(KernelStep step)
        {
            foreach (int q in step.Targets) if (--uses[q] == 0) used--;
            foreach (int q in step.Controls) if (--uses[q] == 0) used--;
        }
    }

    /// <summary>
    /// Swaps into the block the qubits the next steps (from <paramref name="first"/> along <paramref name="next"/>) use, in
    /// order of first use, as many as fit; the qubits they replace are ones none of those steps uses, taken from the top of
    /// the block so that the swap moves large contiguous chunks.
    /// </summary>
    private QubitSwapStep BringLow(QubitSets sets, int[] next, int first, QubitLayout layout)
    {
        Span<ulong> wanted = new ulong[sets.Words];
        for (int node = first; node >= 0; node = next[node])
        {
            if (QubitSet.UnionCount(wanted, sets[node]) > BlockQubits) break;
            QubitSet.UnionWith(wanted, sets[node]);
        }
        var low = new List<int>();
        var high = new List<int>();
        int victim = BlockQubits - 1;
        for (int q = 0; q < layout.QubitCount; q++)
        {
            if (!QubitSet.Contains(wanted, q) || layout.PositionOf[q] < BlockQubits) continue;
            while (QubitSet.Contains(wanted, layout.QubitAt[victim])) victim--;
            low.Add(victim--);
            high.Add(layout.PositionOf[q]);
        }
        return layout.Swap(low, high);
    }
}
