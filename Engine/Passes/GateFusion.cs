using System.Numerics;
using System.Runtime.InteropServices;
using QSim.Backends;
using QSim.Circuits;
using QSim.Execution;

namespace QSim.Passes;

/// <summary>
/// Lowers a circuit to an <see cref="ExecutionPlan"/> whose kernel steps are blocks of gates fused into
/// one matrix on up to <see cref="MaxQubits"/> qubits. Gates are taken in order; each qubit has at most
/// one open block. A new gate may join any subset of the open blocks on its qubits (the rest are closed
/// and emitted): the choice is the cheapest under the backend's cost model, which prices each kernel by
/// its shape. A product stays diagonal or real only while every gate in it is, and the kernels run real
/// and diagonal matrices (and lone controlled gates) for a fraction of a dense one's arithmetic, so a run
/// of real or diagonal gates is kept apart from a complex gate when their sum is cheaper. A gate on
/// more qubits than a block allows passes through as a step of its own. Parameterized gates stay
/// symbolic: a fused step recomputes its product on every bind, so one plan serves every binding.
/// </summary>
public sealed class GateFusion
{
    /// <summary>Creates the pass.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxQubits"/> is outside 1..5, or <paramref name="maxParameterizedQubits"/> outside 1..maxQubits.</exception>
    public GateFusion(int maxQubits, KernelCostModel costs, int? maxParameterizedQubits = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxQubits, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxQubits, 5);
        int parameterized = maxParameterizedQubits ?? maxQubits;
        ArgumentOutOfRangeException.ThrowIfLessThan(parameterized, 1, nameof(maxParameterizedQubits));
        MaxQubits = maxQubits;
        MaxParameterizedQubits = Math.Min(parameterized, maxQubits);
        Costs = costs;
    }

    /// <summary>Largest block, in qubits.</summary>
    public int MaxQubits { get; }

    /// <summary>Largest block that holds a parameterized gate, in qubits.</summary>
    public int MaxParameterizedQubits { get; }

    /// <summary>The cost model that picks the blocks.</summary>
    public KernelCostModel Costs { get; }

    /// <summary>Short name for statistics.</summary>
    public string Name => MaxParameterizedQubits < MaxQubits
        ? $"fuse(k={MaxQubits}, parameterized k={MaxParameterizedQubits}, {Costs.Name})"
        : $"fuse(k={MaxQubits}, {Costs.Name})";

    /// <summary>The fused plan; measurements, resets, barriers and conditions are boundaries no block crosses.</summary>
    public ExecutionPlan Run(Circuit circuit)
    {
        var lowering = new PlanLowering(circuit);
        var steps = new List<PlanStep>();
        var open = new OpenBlocks(circuit.QubitCount);
        foreach (var (segment, boundary) in SegmentPass.Split(circuit))
        {
            if (boundary is null) Fuse(segment, open, new Emitter(Costs, lowering, steps));
            else if (lowering.Lower(boundary) is { } step) steps.Add(step);
        }
        return lowering.Build(steps);
    }

    private void Fuse(IReadOnlyList<GateOperation> segment, OpenBlocks open, Emitter emitter)
    {
        var phases = new List<GateOperation>();
        var touching = new List<Block>();
        foreach (var gate in segment)
        {
            if (gate.Qubits.IsEmpty)
            {
                phases.Add(gate);
                continue;
            }
            // The open blocks on the gate's qubits, in the order of its qubits.
            touching.Clear();
            foreach (int q in gate.Qubits)
                if (open.On(q) is { } on && !touching.Contains(on)) touching.Add(on);
            bool real = GateShapes.IsReal(gate.Gate);
            int joined = gate.Qubits.Length > Limit(gate.IsParameterized) ? 0 : CheapestSubset(gate, real, touching);
            // The gate's block grows from the first block it joins (the others' gates follow in order), so a long run of
            // gates on a few qubits is not copied gate by gate.
            Block? block = null;
            for (int i = 0; i < touching.Count; i++)
            {
                var other = touching[i];
                open.Close(other);
                if ((joined & (1 << i)) == 0) emitter.Emit(other);
                else if (block is null) block = other;
                else
                {
                    block.Absorb(other);
                    emitter.Recycle(other);
                }
            }
            block ??= emitter.NewBlock();
            block.Add(gate, real);
            if (gate.Qubits.Length > Limit(block.IsParameterized)) emitter.Emit(block);
            else open.Open(block);
        }
        // Blocks still open act on different qubits: any order applies the same unitary.
        while (open.TakeAny() is { } block) emitter.Emit(block);
        // A global phase commutes with everything: it rides along in any block rather than costing a pass.
        if (emitter.Last is { } last) foreach (var phase in phases) last.Add(phase, GateShapes.IsReal(phase.Gate));
        else foreach (var phase in phases)
        {
            var alone = emitter.NewBlock();
            alone.Add(phase, GateShapes.IsReal(phase.Gate));
            emitter.Emit(alone);
        }
        emitter.Flush();
    }

    /// <summary>
    /// The open block on each qubit. The table by qubit is made once per circuit; the qubits given a block since the last
    /// <see cref="TakeAny"/> ran dry are listed, so emptying it at the end of a run costs that run's qubits, not the
    /// register's (a circuit may name a few qubits of a register of a million in thousands of runs).
    /// </summary>
    private sealed class OpenBlocks(int qubits)
    {
        private readonly Block?[] _on = new Block?[qubits];
        private readonly List<int> _given = new();

        public Block? On(int qubit) => _on[qubit];

        public void Open(Block block)
        {
            foreach (int q in block.Qubits)
            {
                if (_on[q] is null) _given.Add(q);
                _on[q] = block;
            }
        }

        public void Close(Block block)
        {
            foreach (int q in block.Qubits) _on[q] = null;
        }

        /// <summary>Closes and returns one open block, or null when none is left.</summary>
        public Block? TakeAny()
        {
            while (_given.Count > 0)
            {
                int q = _given[^1];
                _given.RemoveAt(_given.Count - 1);
                if (_on[q] is { } block)
                {
                    Close(block);
                    return block;
                }
            }
            return null;
        }
    }

    /// <summary>
    /// Lowers blocks to steps in the order they close, one block behind: the last one of a run stays open to the run's
    /// global phases. A lowered block is used again for a later gate, so a circuit of millions of gates makes a few
    /// blocks, not one per step.
    /// </summary>
    private sealed class Emitter(KernelCostModel costs, PlanLowering lowering, List<PlanStep> steps)
    {
        private readonly Stack<Block> _spare = new();

        /// <summary>The latest block emitted, not lowered yet.</summary>
        public Block? Last { get; private set; }

        public Block NewBlock() => _spare.TryPop(out var block) ? block : new Block(costs);

        public void Emit(Block block)
        {
            Flush();
            Last = block;
        }

        /// <summary>Lowers the latest block.</summary>
        public void Flush()
        {
            if (Last is null) return;
            steps.Add(Last.ToStep(lowering));
            Recycle(Last);
            Last = null;
        }

        /// <summary>Takes back a block whose gates are lowered or moved to another block.</summary>
        public void Recycle(Block block)
        {
            block.Clear();
            _spare.Push(block);
        }
    }

    /// <summary>
    /// The subset (bit i: open block i) that the gate joins, minimising the cost of everything; ties go to larger merges.
    /// Open blocks never share a qubit, so a merge's size is the gate's qubits plus each joined block's others.
    /// </summary>
    private int CheapestSubset(GateOperation gate, bool gateIsReal, List<Block> touching)
    {
        int n = touching.Count;
        Span<int> extra = stackalloc int[n];
        Span<double> alone = stackalloc double[n];
        for (int i = 0; i < n; i++)
        {
            var block = touching[i];
            int shared = 0;
            foreach (int q in gate.Qubits)
                if (block.Qubits.BinarySearch(q) >= 0) shared++;
            extra[i] = block.Qubits.Count - shared;
            alone[i] = block.Cost;
        }
        int best = 0;
        double bestCost = double.PositiveInfinity;
        for (int subset = 0; subset < 1 << n; subset++)
        {
            int qubits = gate.Qubits.Length;
            bool diagonal = gate.Gate.IsDiagonal, real = gateIsReal, parameterized = gate.IsParameterized;
            double cost = 0;
            for (int i = 0; i < n; i++)
            {
                if ((subset & (1 << i)) == 0) cost += alone[i];
                else
                {
                    qubits += extra[i];
                    diagonal &= touching[i].IsDiagonal;
                    real &= touching[i].IsReal;
                    parameterized |= touching[i].IsParameterized;
                }
            }
            if (qubits > Limit(parameterized)) continue;
            cost += subset == 0 ? GateCost(gate) : Costs.Cost(qubits, BlockShape(diagonal, real));
            if (cost < bestCost - 1e-9 || (cost <= bestCost + 1e-9 && BitOperations.PopCount((uint)subset) > BitOperations.PopCount((uint)best)))
            {
                best = subset;
                bestCost = cost;
            }
        }
        return best;
    }

    /// <summary>The largest block for gates with (or without) a parameter.</summary>
    private int Limit(bool parameterized) => parameterized ? MaxParameterizedQubits : MaxQubits;

    /// <summary>Cost of a gate applied on its own: its target gate's shape on its targets, cheaper by its controls.</summary>
    private double GateCost(GateOperation gate) => Cost(Costs, gate);

    private static double Cost(KernelCostModel costs, GateOperation gate) =>
        costs.Cost(gate.Qubits.Length - gate.Gate.ControlCount, GateShapes.Alone(gate.Gate), gate.Gate.ControlCount);

    /// <summary>The shape of a fused product: a product of diagonals is diagonal, of real matrices real.</summary>
    private static KernelShape BlockShape(bool diagonal, bool real) =>
        diagonal ? KernelShape.Diagonal : real ? KernelShape.Real : KernelShape.Dense;

    /// <summary>Gates that become one kernel step.</summary>
    private sealed class Block(KernelCostModel costs)
    {
        private readonly List<GateOperation> _gates = new();
        private double? _cost;

        /// <summary>The qubits of its gates, ascending.</summary>
        public List<int> Qubits { get; } = new();

        public bool IsDiagonal { get; private set; } = true;

        public bool IsReal { get; private set; } = true;

        public bool IsParameterized { get; private set; }


        /// <summary>Priced once per change: an open block is priced again for every gate that meets it.</summary>
        public double Cost => _cost ??= _gates.Count == 1
            ? GateFusion.Cost(costs, _gates[0])
            : costs.Cost(Qubits.Count, BlockShape(IsDiagonal, IsReal));

        public void Clear()
        {
            _gates.Clear();
            Qubits.Clear();
            IsDiagonal = IsReal = true;
            IsParameterized = false;
            _cost = null;
        }

        public void Add(GateOperation gate, bool real)
        {
            _gates.Add(gate);
            AddQubits(gate.Qubits.AsSpan());
            IsDiagonal &= gate.Gate.IsDiagonal;
            IsReal &= real;
            IsParameterized |= gate.IsParameterized;
            _cost = null;
        }

        // Open blocks on different qubits commute, so their gates can simply be concatenated.
        public void Absorb(Block other)
        {
            _gates.AddRange(other._gates);
            AddQubits(CollectionsMarshal.AsSpan(other.Qubits));
            IsDiagonal &= other.IsDiagonal;
            IsReal &= other.IsReal;
            IsParameterized |= other.IsParameterized;
            _cost = null;
        }

        private void AddQubits(ReadOnlySpan<int> qubits)
        {
            foreach (int q in qubits)
            {
                int at = Qubits.BinarySearch(q);
                if (at < 0) Qubits.Insert(~at, q);
            }
        }

        public KernelStep ToStep(PlanLowering lowering) => _gates.Count == 1
            ? lowering.Gate(_gates[0])
            : lowering.Block(_gates, [.. Qubits]);
    }
}
