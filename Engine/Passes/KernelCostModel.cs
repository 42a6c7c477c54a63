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
    /// AVX2, on the project's 2-core AMD EPYC shared with other jobs, load average about 15). Measured
    /// 2026-11-28 with a Stopwatch loop over the shapes of Perf/Circuits/KernelCostBenchmarks.cs (targets
    /// spread half inside the SIMD vector, half at the top of the state). Dense 3-5 target shapes run the
    /// SIMD kernel's general loop, which is compute-bound at about 10x a 2-target gate.
    /// </summary>
    public static KernelCostModel Streaming { get; } = new("streaming",
        dense: [1.86, 2.01, 17.4, 28.0, 29.6],
        diagonal: [2.67, 2.14, 2.22, 2.18, 2.47]);

    /// <summary>
    /// Each kernel inside a blocked sweep (16 kernels of the shape, blocks of 2^14 amplitudes, n = 22,
    /// complex64): memory traffic is paid once per sweep, so this is mostly arithmetic. Same machine, day
    /// and method as <see cref="Streaming"/> (best of 5); noisy: dense 5 measured below dense 4.
    /// </summary>
    public static KernelCostModel InCache { get; } = new("in-cache",
        dense: [1.72, 2.20, 19.9, 32.1, 21.4],
        diagonal: [1.03, 0.59, 0.64, 1.55, 1.33]);

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
