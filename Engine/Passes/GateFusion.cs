using System.Collections.Immutable;
using System.Numerics;
using QSim.Circuits;
using QSim.Execution;

namespace QSim.Passes;

/// <summary>
/// Lowers a circuit to an <see cref="ExecutionPlan"/> whose kernel steps are blocks of gates fused into
/// one dense (or diagonal) matrix on up to <see cref="MaxQubits"/> qubits. Gates are taken in order;
/// each qubit has at most one open block. A new gate may join any subset of the open blocks on its
/// qubits (the rest are closed and emitted): the choice is the cheapest under the cost model. A gate on
/// more qubits than a block allows passes through as a step of its own. Parameterized gates stay
/// symbolic: a fused step recomputes its product on every bind, so one plan serves every binding.
/// </summary>
public sealed class GateFusion
{
    /// <summary>Creates the pass.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxQubits"/> is outside 2..5.</exception>
    public GateFusion(int maxQubits, KernelCostModel costs)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxQubits, 2);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxQubits, 5);
        MaxQubits = maxQubits;
        Costs = costs;
    }

    /// <summary>Largest block, in qubits.</summary>
    public int MaxQubits { get; }

    /// <summary>The cost model that picks the blocks.</summary>
    public KernelCostModel Costs { get; }

    /// <summary>Short name for statistics.</summary>
    public string Name => $"fuse(k={MaxQubits}, {Costs.Name})";

    /// <summary>The fused plan; measurements, resets, barriers and conditions are boundaries no block crosses.</summary>
    public ExecutionPlan Run(Circuit circuit)
    {
        var steps = new List<PlanStep>();
        foreach (var (segment, boundary) in SegmentPass.Split(circuit))
        {
            if (boundary is null) steps.AddRange(Fuse(segment).Select(b => b.ToStep()));
            else if (ExecutionPlan.Lower(boundary) is { } step) steps.Add(step);
        }
        return new ExecutionPlan(circuit.QubitCount, circuit.ClbitCount, circuit.Symbols, steps);
    }

    private List<Block> Fuse(IReadOnlyList<GateOperation> segment)
    {
        var emitted = new List<Block>();
        var open = new Dictionary<int, Block>();
        var phases = new List<GateOperation>();
        foreach (var gate in segment)
        {
            if (gate.Qubits.IsEmpty)
            {
                phases.Add(gate);
                continue;
            }
            var touching = gate.Qubits.Select(q => open.GetValueOrDefault(q)).OfType<Block>().Distinct().ToArray();
            int joined = gate.Qubits.Length > MaxQubits ? 0 : CheapestSubset(gate, touching);
            var block = new Block(Costs);
            for (int i = 0; i < touching.Length; i++)
            {
                if ((joined & (1 << i)) != 0) block.Absorb(touching[i]);
                else emitted.Add(touching[i]);
                foreach (int q in touching[i].Qubits) open.Remove(q);
            }
            block.Add(gate);
            if (gate.Qubits.Length > MaxQubits) emitted.Add(block);
            else foreach (int q in block.Qubits) open[q] = block;
        }
        emitted.AddRange(open.Values.Distinct());
        // A global phase commutes with everything: it rides along in any block rather than costing a pass.
        if (emitted.Count > 0) foreach (var phase in phases) emitted[^1].Add(phase);
        else if (phases.Count > 0) emitted.AddRange(phases.Select(p => { var b = new Block(Costs); b.Add(p); return b; }));
        return emitted;
    }

    /// <summary>The subset (bit i: open block i) that the gate joins, minimising the cost of everything; ties go to larger merges.</summary>
    private int CheapestSubset(GateOperation gate, Block[] touching)
    {
        int best = 0;
        double bestCost = double.PositiveInfinity;
        for (int subset = 0; subset < 1 << touching.Length; subset++)
        {
            var qubits = new HashSet<int>(gate.Qubits);
            bool diagonal = gate.Gate.IsDiagonal;
            double cost = 0;
            for (int i = 0; i < touching.Length; i++)
            {
                if ((subset & (1 << i)) == 0) cost += touching[i].Cost;
                else
                {
                    qubits.UnionWith(touching[i].Qubits);
                    diagonal &= touching[i].IsDiagonal;
                }
            }
            if (qubits.Count > MaxQubits) continue;
            cost += subset == 0 ? Costs.Cost(gate) : Costs.Cost(qubits.Count, diagonal);
            if (cost < bestCost - 1e-9 || (cost <= bestCost + 1e-9 && BitOperations.PopCount((uint)subset) > BitOperations.PopCount((uint)best)))
            {
                best = subset;
                bestCost = cost;
            }
        }
        return best;
    }

    /// <summary>Gates that become one kernel step.</summary>
    private sealed class Block(KernelCostModel costs)
    {
        private readonly List<GateOperation> _gates = new();

        public SortedSet<int> Qubits { get; } = new();

        public bool IsDiagonal => _gates.All(g => g.Gate.IsDiagonal);

        public double Cost => _gates.Count == 1 ? costs.Cost(_gates[0]) : costs.Cost(Qubits.Count, IsDiagonal);

        public void Add(GateOperation gate)
        {
            _gates.Add(gate);
            Qubits.UnionWith(gate.Qubits);
        }

        // Open blocks on different qubits commute, so their gates can simply be concatenated.
        public void Absorb(Block other)
        {
            foreach (var gate in other._gates) Add(gate);
        }

        public KernelStep ToStep() => _gates.Count == 1
            ? KernelStep.FromGate(_gates[0])
            : KernelStep.Fuse(_gates, [.. Qubits]);
    }
}
