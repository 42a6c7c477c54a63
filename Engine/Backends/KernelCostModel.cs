namespace QSim.Backends;

/// <summary>What a kernel's matrix is, as far as its cost goes: the kernels read the structure of the matrix they are given.</summary>
public enum KernelShape
{
    /// <summary>A complex matrix: two multiply-adds per term.</summary>
    Dense,
    /// <summary>A real matrix (RY, H, CZ and their products), or on one target real on the diagonal and imaginary off it (RX, Y): one multiply-add per term.</summary>
    Real,
    /// <summary>A diagonal: one product per amplitude whatever the targets.</summary>
    Diagonal,
}

/// <summary>
/// What one kernel call costs on a backend, in nanoseconds per amplitude of the state (or any unit, as long as one
/// model uses one), by shape: a dense, real or diagonal matrix on k targets, halved by each control (a control halves the
/// amplitudes a kernel touches). The optimizer picks the cheaper of two plans with it, so a backend publishes its own
/// kernels' measured costs (<see cref="BackendCapabilities"/>); the engine holds none.
/// </summary>
public sealed class KernelCostModel
{
    private readonly double[] _dense;
    private readonly double[] _real;
    private readonly double[] _diagonal;
    private readonly bool _perPass;

    /// <summary>
    /// A model from costs for 1..m targets (index 0 is one target); larger shapes extrapolate by doubling (dense and real)
    /// or stay at the last figure (diagonals). Without a <paramref name="real"/> table real matrices cost as dense ones,
    /// as on a backend whose kernels do not read structure. <paramref name="perPass"/>: every kernel costs its table's figure
    /// whatever its controls (a model that counts passes).
    /// </summary>
    /// <exception cref="ArgumentException">A table is empty or holds a value that is not a positive number.</exception>
    public KernelCostModel(string name, double[] dense, double[] diagonal, double[]? real = null, bool perPass = false)
    {
        real ??= dense;
        if (dense.Length == 0 || diagonal.Length == 0 || real.Length == 0)
            throw new ArgumentException("A cost table needs at least the 1-target cost.", nameof(dense));
        if (dense.Concat(diagonal).Concat(real).Any(c => !(c > 0) || double.IsInfinity(c)))
            throw new ArgumentException("Kernel costs must be positive finite numbers.", nameof(dense));
        Name = name;
        _dense = dense;
        _real = real;
        _diagonal = diagonal;
        _perPass = perPass;
    }

    /// <summary>Name shown in statistics.</summary>
    public string Name { get; }

    /// <summary>Every kernel costs the same: minimises passes over the state, as for purely memory-bound kernels (and forces the largest blocks, which tests use).</summary>
    public static KernelCostModel PassCount { get; } = new("pass-count", dense: [1, 1, 1, 1, 1, 1, 1, 1], diagonal: [1, 1, 1, 1, 1, 1, 1, 1], perPass: true);

    /// <summary>
    /// Cost of one kernel of <paramref name="shape"/> on <paramref name="targets"/> qubits with <paramref name="controls"/>
    /// controls (0 targets: a scaling, costed as one diagonal target).
    /// </summary>
    public double Cost(int targets, KernelShape shape, int controls = 0)
    {
        if (targets <= 0) shape = KernelShape.Diagonal;
        double[] table = shape switch
        {
            KernelShape.Diagonal => _diagonal,
            KernelShape.Real => _real,
            _ => _dense,
        };
        int index = Math.Max(targets, 1) - 1;
        double cost = index < table.Length ? table[index]
            : shape == KernelShape.Diagonal ? table[^1]
            : table[^1] * Math.Pow(2, index - table.Length + 1);
        return _perPass ? cost : cost / (1 << Math.Min(controls, 30));
    }

    /// <inheritdoc/>
    public override string ToString() => Name;
}
