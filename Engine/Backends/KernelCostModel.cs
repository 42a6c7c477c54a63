namespace QSim.Backends;

/// <summary>
/// What one kernel call costs on a backend, in nanoseconds per amplitude of the state (or any unit, as long as one
/// model uses one), by shape: a dense or diagonal matrix on k targets (controls are not counted). The optimizer picks
/// the cheaper of two plans with it, so a backend publishes its own kernels' measured costs
/// (<see cref="BackendCapabilities"/>); the engine holds none.
/// </summary>
public sealed class KernelCostModel
{
    private readonly double[] _dense;
    private readonly double[] _diagonal;

    /// <summary>A model from costs for 1..m targets (index 0 is one target); larger shapes extrapolate by doubling.</summary>
    /// <exception cref="ArgumentException">A table is empty or holds a value that is not a positive number.</exception>
    public KernelCostModel(string name, double[] dense, double[] diagonal)
    {
        if (dense.Length == 0 || diagonal.Length == 0) throw new ArgumentException("A cost table needs at least the 1-target cost.", nameof(dense));
        if (dense.Concat(diagonal).Any(c => !(c > 0) || double.IsInfinity(c)))
            throw new ArgumentException("Kernel costs must be positive finite numbers.", nameof(dense));
        Name = name;
        _dense = dense;
        _diagonal = diagonal;
    }

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

    /// <inheritdoc/>
    public override string ToString() => Name;
}
