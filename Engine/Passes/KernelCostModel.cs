using QSim.Circuits;
using QSim.Gates;

namespace QSim.Passes;

/// <summary>
/// What one kernel call costs on the CPU backend, in nanoseconds per amplitude of the state, by shape:
/// a dense or diagonal matrix on k targets (controls are not counted). Fusion and the diagonal
/// absorption pick the cheaper of two plans with it, so the numbers must be our kernels' own.
/// </summary>
public sealed class KernelCostModel
{
    private readonly double[] _dense;
    private readonly double[] _diagonal;

    /// <summary>A model from measured costs for 1..m targets (index 0 is one target); larger shapes extrapolate by doubling.</summary>
    /// <exception cref="ArgumentException">A table is empty.</exception>
    public KernelCostModel(string name, double[] dense, double[] diagonal)
    {
        if (dense.Length == 0 || diagonal.Length == 0) throw new ArgumentException("A cost table needs at least the 1-target cost.", nameof(dense));
        Name = name;
        _dense = dense;
        _diagonal = diagonal;
    }

    /// <summary>
    /// Each kernel a pass of its own over a state far larger than the caches (n = 24, complex64, 2 threads,
    /// AVX2, on the project's 2-core AMD EPYC shared with other jobs, load average 1.4-1.8). Measured
    /// 2026-11-29 (third session, after the lane-flip kernels) with a Stopwatch loop over the shapes and random
    /// unitaries of Perf/Circuits/KernelCostBenchmarks.cs (targets spread half inside the SIMD vector, half at the
    /// top of the state; 40 warm-up calls each, best of 7, cases interleaved; the median of four such runs). Dense
    /// 3-5 targets run the SIMD kernel's DenseAny loop, 3.5-6.4x a 2-target gate: in cache as streaming, so that loop
    /// is bound by its arithmetic, not by memory.
    /// </summary>
    public static KernelCostModel Streaming { get; } = new("streaming",
        dense: [0.44, 0.40, 1.38, 1.76, 2.54],
        diagonal: [0.44, 0.42, 0.41, 0.51, 0.51]);

    /// <summary>
    /// Each kernel inside a blocked sweep (16 kernels of the shape, blocks of 2^14 amplitudes, n = 22,
    /// complex64): memory traffic is paid once per sweep, so this is mostly arithmetic. Same machine, day,
    /// re-measurement and method as <see cref="Streaming"/> (dense 3 targets came out a hair above streaming: both are
    /// the same arithmetic-bound loop). Dense 3 targets with two of them inside the vector (this placement) is the
    /// loop's worst case: all targets above the vector cost about half as much.
    /// </summary>
    public static KernelCostModel InCache { get; } = new("in-cache",
        dense: [0.14, 0.21, 1.40, 1.73, 2.47],
        diagonal: [0.09, 0.08, 0.08, 0.17, 0.17]);

    /// <summary>Name shown in statistics.</summary>
    public string Name { get; }

    /// <summary>Every kernel costs the same: minimises passes over the state, as for purely memory-bound kernels (and forces the largest blocks, which tests use).</summary>
    public static KernelCostModel PassCount { get; } = new("pass-count", dense: [1, 1, 1, 1, 1, 1, 1, 1], diagonal: [1, 1, 1, 1, 1, 1, 1, 1]);

    /// <summary>Cost of one kernel on <paramref name="targets"/> qubits (0 targets: a scaling, costed as one diagonal target).</summary>
    public double Cost(int targets, bool diagonal)
    {
        double[] table = diagonal ? _diagonal : _dense;
        int index = Math.Max(targets, 1) - 1;
        return index < table.Length ? table[index] : table[^1] * Math.Pow(2, index - table.Length + 1);
    }

    /// <summary>Cost of a gate applied on its own: its target gate's shape, controls apart.</summary>
    public double Cost(GateOperation gate)
    {
        GateDefinition target = gate.Gate.Target ?? gate.Gate;
        return Cost(gate.Qubits.Length - gate.Gate.ControlCount, target.IsDiagonal);
    }
}
