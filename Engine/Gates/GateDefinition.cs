using System.Numerics;
using QSim.Numerics;

namespace QSim.Gates;

/// <summary>Builds a gate's matrix from its parameter values.</summary>
public delegate ComplexMatrix MatrixFactory(ReadOnlySpan<double> parameters);

/// <summary>Writes a gate's row-major matrix for the given parameter values into a caller's buffer, allocating nothing.</summary>
public delegate void MatrixWriter(ReadOnlySpan<double> parameters, Span<Complex> destination);

/// <summary>Properties the optimizer and the kernel folding use.</summary>
[Flags]
public enum GateFlags
{
    /// <summary>No special property.</summary>
    None = 0,
    /// <summary>The matrix is diagonal for every parameter value.</summary>
    Diagonal = 1,
    /// <summary>The gate is its own inverse.</summary>
    SelfInverse = 2,
    /// <summary>The gate maps Paulis to Paulis (for its fixed parameters).</summary>
    Clifford = 4,
}

/// <summary>
/// One kind of gate, described as data: its name, how many qubits and parameters it takes, its matrix
/// as a function of the parameters, and for each parameter the spectrum of the generator through which
/// the matrix depends on it (U(θ) = A·exp(−iθG)·B). The spectrum gives exact derivatives and the
/// parameter-shift rule without any per-gate code.
/// <para>
/// A controlled gate is <see cref="ControlCount"/> control qubits (the first ones of its qubit list)
/// on a <see cref="Target"/> gate, so kernels can apply it without the full matrix.
/// </para>
/// </summary>
public sealed class GateDefinition
{
    /// <summary>Largest matrix (elements) whose scratch lives on the stack.</summary>
    private const int StackElements = 256;

    private readonly MatrixFactory _matrix;
    private readonly MatrixWriter _write;
    private DerivativeRule?[]? _derivativeRules;

    /// <summary>Creates a gate definition. Most users take one from <see cref="GateLibrary"/>.</summary>
    /// <param name="name">Lower-case name as in OpenQASM (e.g. <c>rx</c>).</param>
    /// <param name="qubitCount">Qubits it acts on (0 for a global phase).</param>
    /// <param name="parameterNames">Parameter names, in order.</param>
    /// <param name="matrix">Matrix factory; must return a 2^qubitCount unitary.</param>
    /// <param name="spectra">For each parameter, the distinct eigenvalues of its generator.</param>
    /// <param name="flags">Properties.</param>
    public GateDefinition(string name, int qubitCount, IReadOnlyList<string> parameterNames, MatrixFactory matrix,
        IReadOnlyList<double[]>? spectra = null, GateFlags flags = GateFlags.None)
        : this(name, qubitCount, parameterNames, matrix, (p, destination) => matrix(p).Elements.CopyTo(destination), spectra, flags)
    {
    }

    /// <summary>
    /// Creates a gate definition whose matrix is written in place (<see cref="WriteMatrix"/> and <see cref="Derivative(ReadOnlySpan{double}, int, Span{Complex})"/>
    /// then allocate nothing, which a training loop binding every row needs).
    /// </summary>
    /// <param name="name">Lower-case name as in OpenQASM (e.g. <c>rx</c>).</param>
    /// <param name="qubitCount">Qubits it acts on (0 for a global phase).</param>
    /// <param name="parameterNames">Parameter names, in order.</param>
    /// <param name="writer">Writes the 2^qubitCount unitary into a buffer of 4^qubitCount elements.</param>
    /// <param name="spectra">For each parameter, the distinct eigenvalues of its generator.</param>
    /// <param name="flags">Properties.</param>
    public GateDefinition(string name, int qubitCount, IReadOnlyList<string> parameterNames, MatrixWriter writer,
        IReadOnlyList<double[]>? spectra = null, GateFlags flags = GateFlags.None)
        : this(name, qubitCount, parameterNames, p => Written(writer, p, 1 << qubitCount), writer, spectra, flags)
    {
    }

    private GateDefinition(string name, int qubitCount, IReadOnlyList<string> parameterNames, MatrixFactory matrix, MatrixWriter writer,
        IReadOnlyList<double[]>? spectra, GateFlags flags)
    {
        if (parameterNames.Count != (spectra?.Count ?? parameterNames.Count))
            throw new ArgumentException($"Gate '{name}' needs one generator spectrum per parameter.", nameof(spectra));
        Name = name;
        QubitCount = qubitCount;
        ParameterNames = parameterNames;
        _matrix = matrix;
        _write = writer;
        Spectra = spectra ?? parameterNames.Select(_ => Array.Empty<double>()).ToArray();
        Flags = flags;
    }

    /// <summary>Name as written in OpenQASM.</summary>
    public string Name { get; }

    /// <summary>Qubits it acts on, controls included.</summary>
    public int QubitCount { get; }

    /// <summary>Parameter names, in order.</summary>
    public IReadOnlyList<string> ParameterNames { get; }

    /// <summary>Number of real parameters.</summary>
    public int ParameterCount => ParameterNames.Count;

    /// <summary>Properties used by the optimizer and the kernels.</summary>
    public GateFlags Flags { get; }

    /// <summary>For each parameter, the distinct eigenvalues of its generator (empty when unknown).</summary>
    public IReadOnlyList<double[]> Spectra { get; }

    /// <summary>Number of leading qubits that are pure controls (0 for an uncontrolled gate).</summary>
    public int ControlCount { get; private init; }

    /// <summary>The gate applied when every control is 1; null for an uncontrolled gate.</summary>
    public GateDefinition? Target { get; private init; }

    /// <summary>True when the matrix is diagonal for every parameter value.</summary>
    public bool IsDiagonal => (Flags & GateFlags.Diagonal) != 0;

    /// <summary>Rows of the matrix, 2^<see cref="QubitCount"/>.</summary>
    public int Dimension => 1 << QubitCount;

    /// <summary>The matrix for the given parameter values, in the little-endian order of the gate's qubit list.</summary>
    /// <exception cref="ArgumentException">Wrong number of parameters.</exception>
    public ComplexMatrix Matrix(ReadOnlySpan<double> parameters)
    {
        CheckParameters(parameters);
        return _matrix(parameters);
    }

    /// <summary>
    /// Writes the matrix for the given parameter values into <paramref name="destination"/> (row-major, 4^<see cref="QubitCount"/>
    /// elements). Allocates nothing for gates built with a <see cref="MatrixWriter"/> (the library's rotations, phases, U
    /// and their controlled forms); others go through their factory.
    /// </summary>
    /// <exception cref="ArgumentException">Wrong number of parameters or wrong destination size.</exception>
    public void WriteMatrix(ReadOnlySpan<double> parameters, Span<Complex> destination)
    {
        CheckParameters(parameters);
        CheckDestination(destination);
        _write(parameters, destination);
    }

    /// <summary>
    /// The exact derivative ∂U/∂θ_j. Along parameter j, U(θ) = Σ_k P_k·exp(−iθ·e_k) over the generator's
    /// eigenvalues e_k, so ∂U/∂θ is a fixed combination of a few samples U(θ + t_s) (see <see cref="DerivativeRule"/>).
    /// </summary>
    /// <exception cref="NotSupportedException">The generator spectrum of that parameter is unknown.</exception>
    public ComplexMatrix Derivative(ReadOnlySpan<double> parameters, int index)
    {
        var result = new Complex[Dimension * Dimension];
        Derivative(parameters, index, result);
        return new ComplexMatrix(result);
    }

    /// <summary>
    /// Writes ∂U/∂θ_<paramref name="index"/> into <paramref name="destination"/> (4^<see cref="QubitCount"/> elements);
    /// allocates nothing after the first call for that parameter when the gate has a <see cref="MatrixWriter"/>.
    /// </summary>
    /// <exception cref="NotSupportedException">The generator spectrum of that parameter is unknown.</exception>
    /// <exception cref="ArgumentException">Wrong number of parameters or wrong destination size.</exception>
    public void Derivative(ReadOnlySpan<double> parameters, int index, Span<Complex> destination)
    {
        CheckParameters(parameters);
        CheckDestination(destination);
        var rule = Rule(index);
        Span<double> shifted = stackalloc double[parameters.Length];
        parameters.CopyTo(shifted);
        Span<Complex> sample = destination.Length <= StackElements ? stackalloc Complex[destination.Length] : new Complex[destination.Length];
        destination.Clear();
        for (int s = 0; s < rule.Shifts.Length; s++)
        {
            shifted[index] = parameters[index] + rule.Shifts[s];
            _write(shifted, sample);
            for (int i = 0; i < destination.Length; i++) destination[i] += rule.Weights[s] * sample[i];
        }
    }

    /// <summary>∂U/∂θ = Σ_s Weights[s]·U(θ + Shifts[s]), fixed by the generator spectrum alone.</summary>
    private sealed record DerivativeRule(double[] Shifts, Complex[] Weights);

    /// <summary>The rule of parameter <paramref name="index"/>, computed on first use (a race computes the same rule twice).</summary>
    private DerivativeRule Rule(int index)
    {
        var rules = _derivativeRules ??= new DerivativeRule?[ParameterCount];
        return rules[index] ??= MakeRule(index);
    }

    private DerivativeRule MakeRule(int index)
    {
        double[] spectrum = Spectra[index];
        if (spectrum.Length == 0)
            throw new NotSupportedException($"Gate '{Name}' has no known generator for parameter '{ParameterNames[index]}'.");
        int m = spectrum.Length;
        // Sample at θ + t_s with t_s = 2πs/(m·δ): a DFT-like, well-conditioned system for evenly spaced spectra.
        double gap = MinimumGap(spectrum);
        var shifts = new double[m];
        var system = new Complex[m, m];
        for (int s = 0; s < m; s++)
        {
            shifts[s] = 2 * Math.PI * s / (m * gap);
            for (int k = 0; k < m; k++) system[s, k] = Complex.Exp(-Complex.ImaginaryOne * shifts[s] * spectrum[k]);
        }
        // U(θ+t_s) = Σ_k W_k·exp(−i t_s e_k) with W_k = P_k·exp(−iθ e_k); ∂U/∂θ = Σ_k (−i e_k) W_k = Σ_s weight_s·U(θ+t_s).
        Complex[,] inverse = Invert(system);
        var weights = new Complex[m];
        for (int s = 0; s < m; s++)
            for (int k = 0; k < m; k++) weights[s] += -Complex.ImaginaryOne * spectrum[k] * inverse[k, s];
        return new DerivativeRule(shifts, weights);
    }

    /// <summary>The inverse gate: the named inverse where the library has one, else the adjoint of this one.</summary>
    public GateDefinition Inverse() => _inverse ??= (Flags & GateFlags.SelfInverse) != 0 ? this : MakeAdjoint();

    private GateDefinition? _inverse;

    internal GateDefinition WithInverse(GateDefinition inverse)
    {
        _inverse = inverse;
        return this;
    }

    private GateDefinition MakeAdjoint()
    {
        string name = Name.EndsWith("_dg", StringComparison.Ordinal) ? Name[..^3] : Name + "_dg";
        var adjoint = new GateDefinition(name, QubitCount, ParameterNames, p => _matrix(p).Adjoint(),
            Spectra.Select(s => s.Select(e => -e).ToArray()).ToArray(), Flags)
        {
            ControlCount = ControlCount,
            Target = Target?.Inverse(),
        };
        adjoint._inverse = this;
        return adjoint;
    }

    /// <summary>
    /// This gate with <paramref name="controls"/> more control qubits in front of its qubit list.
    /// A gate on no qubits (a global phase) becomes a phase on the controls.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="controls"/> is negative.</exception>
    public GateDefinition Controlled(int controls, string? name = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(controls);
        if (controls == 0) return this;
        GateDefinition target = Target ?? this;
        int totalControls = ControlCount + controls;
        return new GateDefinition(name ?? new string('c', controls) + Name, totalControls + target.QubitCount, ParameterNames,
            (p, destination) => target.WriteControlled(totalControls, p, destination),
            Spectra.Select(s => s.Append(0.0).Distinct().Order().ToArray()).ToArray(),
            (Flags & (GateFlags.Diagonal | GateFlags.SelfInverse)))
        {
            ControlCount = totalControls,
            Target = target,
        };
    }

    /// <summary>
    /// The matrix of <paramref name="target"/> controlled by <paramref name="controls"/> qubits,
    /// the controls being the low bits of the index.
    /// </summary>
    public static ComplexMatrix ControlledMatrix(int controls, ComplexMatrix target)
    {
        int dim = target.Dimension << controls;
        var m = new Complex[dim * dim];
        FillControlled(controls, target.Elements, target.Dimension, m);
        return new ComplexMatrix(m);
    }

    /// <summary>This (target) gate's matrix under <paramref name="controls"/> controls, written into <paramref name="destination"/>.</summary>
    private void WriteControlled(int controls, ReadOnlySpan<double> parameters, Span<Complex> destination)
    {
        int elements = Dimension * Dimension;
        Span<Complex> target = elements <= StackElements ? stackalloc Complex[elements] : new Complex[elements];
        _write(parameters, target);
        FillControlled(controls, target, Dimension, destination);
    }

    /// <summary>Identity where a control (a low bit of the index) is 0, the target matrix where all are 1.</summary>
    private static void FillControlled(int controls, ReadOnlySpan<Complex> target, int targetDimension, Span<Complex> destination)
    {
        int controlDim = 1 << controls, dim = controlDim * targetDimension, allOnes = controlDim - 1;
        destination.Clear();
        for (int r = 0; r < dim; r++)
        {
            if ((r & allOnes) != allOnes) { destination[r * dim + r] = Complex.One; continue; }
            for (int c = 0; c < targetDimension; c++) destination[r * dim + (c << controls | allOnes)] = target[(r >> controls) * targetDimension + c];
        }
    }

    private static ComplexMatrix Written(MatrixWriter writer, ReadOnlySpan<double> parameters, int dimension)
    {
        var elements = new Complex[dimension * dimension];
        writer(parameters, elements);
        return new ComplexMatrix(elements);
    }

    private void CheckParameters(ReadOnlySpan<double> parameters)
    {
        if (parameters.Length != ParameterCount)
            throw new ArgumentException($"Gate '{Name}' takes {ParameterCount} parameter(s); got {parameters.Length}.", nameof(parameters));
    }

    private void CheckDestination(Span<Complex> destination)
    {
        if (destination.Length != Dimension * Dimension)
            throw new ArgumentException($"Gate '{Name}' has a {Dimension}x{Dimension} matrix ({Dimension * Dimension} elements); the buffer holds {destination.Length}.", nameof(destination));
    }

    /// <inheritdoc/>
    public override string ToString() => Name;

    private static double MinimumGap(double[] spectrum)
    {
        if (spectrum.Length == 1) return 1;
        double gap = double.PositiveInfinity;
        for (int i = 0; i < spectrum.Length; i++)
            for (int j = i + 1; j < spectrum.Length; j++) gap = Math.Min(gap, Math.Abs(spectrum[i] - spectrum[j]));
        return gap;
    }

    /// <summary>Gauss-Jordan inverse with partial pivoting of a small complex matrix.</summary>
    private static Complex[,] Invert(Complex[,] a)
    {
        int n = a.GetLength(0);
        var work = (Complex[,])a.Clone();
        var inv = new Complex[n, n];
        for (int i = 0; i < n; i++) inv[i, i] = Complex.One;
        for (int col = 0; col < n; col++)
        {
            int pivot = col;
            for (int r = col + 1; r < n; r++)
                if (Complex.Abs(work[r, col]) > Complex.Abs(work[pivot, col])) pivot = r;
            for (int c = 0; c < n; c++)
            {
                (work[col, c], work[pivot, c]) = (work[pivot, c], work[col, c]);
                (inv[col, c], inv[pivot, c]) = (inv[pivot, c], inv[col, c]);
            }
            Complex scale = Complex.One / work[col, col];
            for (int c = 0; c < n; c++) { work[col, c] *= scale; inv[col, c] *= scale; }
            for (int r = 0; r < n; r++)
            {
                if (r == col) continue;
                Complex f = work[r, col];
                for (int c = 0; c < n; c++) { work[r, c] -= f * work[col, c]; inv[r, c] -= f * inv[col, c]; }
            }
        }
        return inv;
    }
}
