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
        var scheduling = new Scheduling(plan.QubitCount);
        var output = new List<PlanStep>();
        var run = new List<KernelStep>(plan.Steps.Count);
        foreach (var step in plan.Steps)
        {
            if (step is KernelStep kernel)
            {
                run.Add(kernel);
                continue;
            }
            Schedule(run, scheduling, output);
            run.Clear();
            output.AddRange(scheduling.Layout.Restore());
            output.Add(step);
        }
        Schedule(run, scheduling, output);
        output.AddRange(scheduling.Layout.Restore());
        return plan.WithSteps(output);
    }

    /// <summary>
    /// What the pass keeps from run to run, each sized by the register once: the layout, how many of the steps left use
    /// each qubit (all zero between runs), and two sets of qubits.
    /// </summary>
    private sealed class Scheduling(int qubits)
    {
        public QubitLayout Layout { get; } = new(qubits);
        public int[] Uses { get; } = new int[qubits];
        public QubitMarks Blocked { get; } = new(qubits);
        public QubitMarks Wanted { get; } = new(qubits);
    }

    /// <summary>
    /// Sweeps a run of kernel steps. Each round takes every step that can join the sweep and stops scanning once every qubit
    /// the remaining steps use is blocked (no later step can join), so a long run costs time linear in its length, not
    /// its length times the number of sweeps. The steps left are a linked list over the run (<c>next</c>).
    /// </summary>
    private void Schedule(List<KernelStep> run, Scheduling scheduling, List<PlanStep> output)
    {
        var (layout, uses, blocked) = (scheduling.Layout, scheduling.Uses, scheduling.Blocked);
        var next = new int[run.Count];
        int used = 0;
        for (int i = 0; i < run.Count; i++)
        {
            foreach (int q in run[i].Targets) if (uses[q]++ == 0) used++;
            foreach (int q in run[i].Controls) if (uses[q]++ == 0) used++;
            next[i] = i + 1 < run.Count ? i + 1 : -1;
        }
        int first = run.Count > 0 ? 0 : -1, remaining = run.Count;
        var taken = new List<KernelStep>();
        while (remaining > 0)
        {
            taken.Clear();
            blocked.Clear();
            for (int node = first, previous = -1; node >= 0 && blocked.Count < used;)
            {
                int after = next[node];
                var step = run[node];
                if (!Touches(step, blocked) && IsLow(step, layout))
                {
                    taken.Add(step.Relabel(layout.PositionOf));
                    if (previous < 0) first = after;
                    else next[previous] = after;
                    remaining--;
                    Release(step);
                }
                else
                {
                    foreach (int q in step.Targets) blocked.Add(q);
                    foreach (int q in step.Controls) blocked.Add(q);
                    previous = node;
                }
                node = after;
            }
            if (taken.Count == 1) output.Add(taken[0]);
            else if (taken.Count > 1) output.Add(new SweepStep(taken, BlockQubits));
            if (remaining == 0) break;
            if (!Relabels || QubitCount(run[first]) > BlockQubits)
            {
                // Too wide for any block: it runs on its own, on the qubits where they are now.
                output.Add(run[first].Relabel(layout.PositionOf));
                Release(run[first]);
                first = next[first];
                remaining--;
            }
            else output.Add(BringLow(run, next, first, scheduling));
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
    private QubitSwapStep BringLow(List<KernelStep> run, int[] next, int first, Scheduling scheduling)
    {
        var (layout, wanted) = (scheduling.Layout, scheduling.Wanted);
        wanted.Clear();
        var qubits = new List<int>();
        for (int node = first; node >= 0; node = next[node])
        {
            var step = run[node];
            int added = 0;
            foreach (int q in step.Targets) if (!wanted.Contains(q)) added++;
            foreach (int q in step.Controls) if (!wanted.Contains(q)) added++;
            if (wanted.Count + added > BlockQubits) break;
            foreach (int q in step.Targets) if (wanted.Add(q)) qubits.Add(q);
            foreach (int q in step.Controls) if (wanted.Add(q)) qubits.Add(q);
        }
        qubits.Sort();
        var low = new List<int>();
        var high = new List<int>();
        int victim = BlockQubits - 1;
        foreach (int q in qubits)
        {
            if (layout.PositionOf[q] < BlockQubits) continue;
            while (wanted.Contains(layout.QubitAt[victim])) victim--;
            low.Add(victim--);
            high.Add(layout.PositionOf[q]);
        }
        return layout.Swap(low, high);
    }

    private static int QubitCount(KernelStep step) => step.Targets.Length + step.Controls.Length;

    private static bool Touches(KernelStep step, QubitMarks qubits)
    {
        foreach (int q in step.Targets) if (qubits.Contains(q)) return true;
        foreach (int q in step.Controls) if (qubits.Contains(q)) return true;
        return false;
    }

    /// <summary>True when every qubit of the step sits below the block's top bit now.</summary>
    private bool IsLow(KernelStep step, QubitLayout layout)
    {
        foreach (int q in step.Targets) if (layout.PositionOf[q] >= BlockQubits) return false;
        foreach (int q in step.Controls) if (layout.PositionOf[q] >= BlockQubits) return false;
        return true;
    }
}
