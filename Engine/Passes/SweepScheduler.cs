using System.Numerics;
using QSim.Execution;

namespace QSim.Passes;

/// <summary>
/// Groups kernel steps into cache-blocked sweeps. A sweep takes, in order, every step whose qubits all
/// sit below <see cref="BlockQubits"/> and that no step left behind has to precede; the backend then
/// applies the whole group to one block of 2^BlockQubits amplitudes at a time. When the next steps need
/// high qubits, a relabelling (one <see cref="QubitSwapStep"/>, a pass at copy speed) exchanges them with
/// low qubits that the coming steps do not use; later steps are rewritten to the new qubit positions.
/// Before a measurement, reset or condition, and at the end, the relabelling is undone, so everything
/// outside the unitary runs (and every result) sees the circuit's own qubit order.
/// </summary>
public sealed class SweepScheduler : IPlanPass
{
    /// <summary>Creates the pass.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="blockQubits"/> is below 6 (a block must hold the largest fused kernel and whole SIMD vectors).</exception>
    public SweepScheduler(int blockQubits)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(blockQubits, 6);
        BlockQubits = blockQubits;
    }

    /// <summary>log2 of the block size in amplitudes.</summary>
    public int BlockQubits { get; }

    /// <inheritdoc/>
    public string Name => $"sweeps(block=2^{BlockQubits})";

    /// <inheritdoc/>
    public ExecutionPlan Run(ExecutionPlan plan)
    {
        // A state that fits in one block is in cache already: blocking has nothing to save.
        if (plan.QubitCount <= BlockQubits) return plan;
        var layout = new QubitLayout(plan.QubitCount);
        var output = new List<PlanStep>();
        var run = new List<KernelStep>();
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
        return new ExecutionPlan(plan.QubitCount, plan.ClbitCount, plan.Symbols, output);
    }

    private void Schedule(List<KernelStep> run, QubitLayout layout, List<PlanStep> output)
    {
        var remaining = run;
        while (remaining.Count > 0)
        {
            var taken = new List<KernelStep>();
            var left = new List<KernelStep>();
            ulong blocked = 0;
            foreach (var step in remaining)
            {
                ulong qubits = Mask(step);
                if ((qubits & blocked) == 0 && layout.AllBelow(qubits, BlockQubits)) taken.Add(step.Relabel(layout.PositionOf));
                else
                {
                    blocked |= qubits;
                    left.Add(step);
                }
            }
            if (taken.Count == 1) output.Add(taken[0]);
            else if (taken.Count > 1) output.Add(new SweepStep(taken, BlockQubits));
            remaining = left;
            if (remaining.Count == 0) break;
            if (BitOperations.PopCount(Mask(remaining[0])) > BlockQubits)
            {
                // Too wide for any block: it runs on its own, on the qubits where they are now.
                output.Add(remaining[0].Relabel(layout.PositionOf));
                remaining.RemoveAt(0);
            }
            else output.Add(BringLow(remaining, layout));
        }
    }

    /// <summary>
    /// Swaps into the block the qubits the next steps use, in order of first use, as many as fit; the
    /// qubits they replace are ones none of those steps uses, taken from the top of the block so that
    /// the swap moves large contiguous chunks.
    /// </summary>
    private QubitSwapStep BringLow(List<KernelStep> remaining, QubitLayout layout)
    {
        ulong wanted = 0;
        foreach (var step in remaining)
        {
            ulong next = wanted | Mask(step);
            if (BitOperations.PopCount(next) > BlockQubits) break;
            wanted = next;
        }
        var low = new List<int>();
        var high = new List<int>();
        int victim = BlockQubits - 1;
        for (int q = 0; q < layout.QubitCount; q++)
        {
            if ((wanted & (1UL << q)) == 0 || layout.PositionOf[q] < BlockQubits) continue;
            while ((wanted & (1UL << layout.QubitAt[victim])) != 0) victim--;
            low.Add(victim--);
            high.Add(layout.PositionOf[q]);
        }
        return layout.Swap(low, high);
    }

    private static ulong Mask(KernelStep step)
    {
        ulong mask = 0;
        foreach (int q in step.Targets) mask |= 1UL << q;
        foreach (int q in step.Controls) mask |= 1UL << q;
        return mask;
    }
}
