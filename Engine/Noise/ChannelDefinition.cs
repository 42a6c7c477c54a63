using System.Collections.Immutable;
using System.Globalization;
using System.Numerics;
using QSim.Numerics;

namespace QSim.Noise;

/// <summary>Builds a channel's Kraus operators from its (already checked) parameter values.</summary>
public delegate ComplexMatrix[] KrausFactory(ReadOnlySpan<double> parameters);

/// <summary>Builds a mixed-unitary channel's probabilities and unitaries from its (already checked) parameter values.</summary>
public delegate MixedUnitary MixedUnitaryFactory(ReadOnlySpan<double> parameters);

/// <summary>
/// A check across a channel's parameters (e.g. px + py + pz ≤ 1) run after each is within its own range:
/// null when they are consistent, else the fault.
/// </summary>
public delegate ParameterFault? ParameterConstraint(ReadOnlySpan<double> parameters);

/// <summary>Properties that hold for every parameter value of a channel; simulators choose their method by them.</summary>
[Flags]
public enum ChannelFlags
{
    /// <summary>No special property.</summary>
    None = 0,
    /// <summary>
    /// K_i = √p_i·U_i with unitaries U_i: <see cref="ChannelDefinition.MixedUnitary"/> gives the p_i and U_i, so a
    /// trajectory samples an operator by its probability alone, without computing norms.
    /// </summary>
    MixedUnitary = 1,
    /// <summary>The channel maps the identity to itself (Σ K·K† = I): it never purifies a state.</summary>
    Unital = 2,
    /// <summary>Every Kraus operator is diagonal (the channel only dephases).</summary>
    DiagonalKraus = 4,
}

/// <summary>One real parameter of a channel and the closed or half-open range it must lie in.</summary>
/// <param name="Name">Name as the noise-model JSON spells it (e.g. <c>p</c>, <c>t1</c>).</param>
/// <param name="Minimum">Smallest value allowed (excluded when <paramref name="MinimumExcluded"/>).</param>
/// <param name="Maximum">Largest value allowed (positive infinity for none; infinite values are always rejected).</param>
/// <param name="MinimumExcluded">True when the value must be strictly above <paramref name="Minimum"/> (a time constant &gt; 0).</param>
public sealed record ChannelParameter(string Name, double Minimum, double Maximum, bool MinimumExcluded = false)
{
    /// <summary>The range in words, e.g. "must be in [0, 1]" or "must be > 0".</summary>
    public string Requirement => (MinimumExcluded, double.IsPositiveInfinity(Maximum)) switch
    {
        (true, true) => $"must be > {Format(Minimum)}",
        (false, true) => $"must be >= {Format(Minimum)}",
        (true, false) => $"must be in ({Format(Minimum)}, {Format(Maximum)}]",
        (false, false) => $"must be in [{Format(Minimum)}, {Format(Maximum)}]",
    };

    /// <summary>True when <paramref name="value"/> is finite and in range.</summary>
    public bool Accepts(double value) =>
        double.IsFinite(value) && value <= Maximum && (MinimumExcluded ? value > Minimum : value >= Minimum);

    /// <summary>The shortest text that reads back as the same double.</summary>
    internal static string Format(double value) => value.ToString(CultureInfo.InvariantCulture);
}

/// <summary>What is wrong with a channel's parameters.</summary>
/// <param name="Parameter">Index of the parameter at fault, or null when the fault is in their combination.</param>
/// <param name="Reason">The requirement broken, with the values involved (e.g. "must be at most 2·t1 = 100; got 150").</param>
public sealed record ParameterFault(int? Parameter, string Reason);

/// <summary>A channel's parameters are out of range, inconsistent or of the wrong count.</summary>
public sealed class ChannelParameterException : ArgumentException
{
    /// <summary>Creates the exception.</summary>
    public ChannelParameterException(string channel, string? parameter, string reason)
        : base(parameter is null ? $"Channel '{channel}': {reason}." : $"Channel '{channel}': parameter '{parameter}' {reason}.")
    {
        Channel = channel;
        Parameter = parameter;
        Reason = reason;
    }

    /// <summary>The channel's name.</summary>
    public string Channel { get; }

    /// <summary>The name of the parameter at fault, or null when the fault is in their combination or count.</summary>
    public string? Parameter { get; }

    /// <summary>The requirement broken, without the channel's name.</summary>
    public string Reason { get; }
}

/// <summary>
/// A mixed-unitary channel ρ → Σ p_i·U_i ρ U_i†: the probabilities (non-negative, summing to 1) and the unitaries,
/// each in the little-endian order of the channel's qubit list.
/// </summary>
public sealed record MixedUnitary(ImmutableArray<double> Probabilities, ImmutableArray<ComplexMatrix> Unitaries)
{
    /// <summary>The Kraus operators √p_i·U_i, in the same order.</summary>
    public ComplexMatrix[] KrausOperators() =>
        Probabilities.Select((p, i) => Unitaries[i].Scale(Math.Sqrt(p))).ToArray();
}

/// <summary>
/// One kind of quantum channel, described as data like a gate: its name, how many qubits and parameters it
/// takes, the Kraus operators K_i as a function of the parameters (ρ → Σ K_i ρ K_i†), and flags. Kraus operators
/// are row-major matrices in the little-endian order of the channel's own qubit list, as gate matrices are.
/// A definition takes its values from <see cref="ChannelLibrary"/> (or <see cref="ChannelLibrary.Kraus"/> for
/// user matrices); <see cref="Bind"/> fixes the parameter values.
/// </summary>
public sealed class ChannelDefinition
{
    private readonly KrausFactory _kraus;
    private readonly MixedUnitaryFactory? _mixedUnitary;
    private readonly ParameterConstraint? _constraint;

    /// <summary>A general channel given by its Kraus operators.</summary>
    /// <param name="name">Lower-case name (the noise-model JSON's <c>type</c> for library rows).</param>
    /// <param name="qubitCount">Qubits it acts on.</param>
    /// <param name="parameters">Its parameters and their ranges, in order.</param>
    /// <param name="kraus">The Kraus operators for parameters within range; they must satisfy Σ K†K = I.</param>
    /// <param name="flags">Properties for every parameter value (<see cref="ChannelFlags.MixedUnitary"/> is not allowed here).</param>
    /// <param name="constraint">A check across parameters, run after the range checks.</param>
    /// <exception cref="ArgumentException"><paramref name="flags"/> claim a mixed-unitary form without one.</exception>
    public ChannelDefinition(string name, int qubitCount, IReadOnlyList<ChannelParameter> parameters, KrausFactory kraus,
        ChannelFlags flags = ChannelFlags.None, ParameterConstraint? constraint = null)
        : this(name, qubitCount, parameters, kraus, null, flags, constraint)
    {
        if ((flags & ChannelFlags.MixedUnitary) != 0)
            throw new ArgumentException($"Channel '{name}' is declared mixed-unitary: give its probabilities and unitaries instead of Kraus operators.", nameof(flags));
    }

    /// <summary>A mixed-unitary channel given by probabilities and unitaries; its Kraus operators are √p_i·U_i.</summary>
    /// <param name="name">Lower-case name (the noise-model JSON's <c>type</c> for library rows).</param>
    /// <param name="qubitCount">Qubits it acts on.</param>
    /// <param name="parameters">Its parameters and their ranges, in order.</param>
    /// <param name="mixedUnitary">The probabilities and unitaries for parameters within range.</param>
    /// <param name="flags">Further properties; <see cref="ChannelFlags.MixedUnitary"/> and <see cref="ChannelFlags.Unital"/> are implied.</param>
    /// <param name="constraint">A check across parameters, run after the range checks.</param>
    public ChannelDefinition(string name, int qubitCount, IReadOnlyList<ChannelParameter> parameters, MixedUnitaryFactory mixedUnitary,
        ChannelFlags flags = ChannelFlags.None, ParameterConstraint? constraint = null)
        : this(name, qubitCount, parameters, p => mixedUnitary(p).KrausOperators(), mixedUnitary,
            flags | ChannelFlags.MixedUnitary | ChannelFlags.Unital, constraint)
    {
    }

    /// <summary>Both forms given: Kraus operators exactly as the user wrote them, and the mixture read off them.</summary>
    internal ChannelDefinition(string name, int qubitCount, IReadOnlyList<ChannelParameter> parameters, KrausFactory kraus,
        MixedUnitaryFactory? mixedUnitary, ChannelFlags flags, ParameterConstraint? constraint)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(qubitCount, 1);
        Name = name;
        QubitCount = qubitCount;
        Parameters = parameters;
        Flags = flags;
        _kraus = kraus;
        _mixedUnitary = mixedUnitary;
        _constraint = constraint;
    }

    /// <summary>Name (the noise-model JSON's <c>type</c> for library rows).</summary>
    public string Name { get; }

    /// <summary>Qubits it acts on.</summary>
    public int QubitCount { get; }

    /// <summary>Rows of each Kraus operator, 2^<see cref="QubitCount"/>.</summary>
    public int Dimension => 1 << QubitCount;

    /// <summary>Parameters and their ranges, in order.</summary>
    public IReadOnlyList<ChannelParameter> Parameters { get; }

    /// <summary>Number of real parameters.</summary>
    public int ParameterCount => Parameters.Count;

    /// <summary>Properties for every parameter value.</summary>
    public ChannelFlags Flags { get; }

    /// <summary>True when the channel has a mixed-unitary form (<see cref="MixedUnitary"/>).</summary>
    public bool IsMixedUnitary => (Flags & ChannelFlags.MixedUnitary) != 0;

    /// <summary>
    /// Checks the parameter values: their count, each within its range (finite), then their combination.
    /// </summary>
    /// <exception cref="ChannelParameterException">The first fault found, naming the parameter.</exception>
    public void CheckParameters(ReadOnlySpan<double> parameters)
    {
        if (parameters.Length != ParameterCount)
            throw new ChannelParameterException(Name, null, $"takes {ParameterCount} parameter(s); got {parameters.Length}");
        for (int i = 0; i < parameters.Length; i++)
            if (!Parameters[i].Accepts(parameters[i]))
                throw new ChannelParameterException(Name, Parameters[i].Name, $"{Parameters[i].Requirement}; got {ChannelParameter.Format(parameters[i])}");
        if (_constraint?.Invoke(parameters) is { } fault)
            throw new ChannelParameterException(Name, fault.Parameter is { } index ? Parameters[index].Name : null, fault.Reason);
    }

    /// <summary>The Kraus operators K_i for the given parameters (Σ K_i†K_i = I), each 2^k × 2^k in the channel's qubit order.</summary>
    /// <exception cref="ChannelParameterException">A parameter is out of range or they are inconsistent.</exception>
    public ComplexMatrix[] Kraus(ReadOnlySpan<double> parameters)
    {
        CheckParameters(parameters);
        return _kraus(parameters);
    }

    /// <summary>The probabilities p_i and unitaries U_i with K_i = √p_i·U_i (the same order as <see cref="Kraus"/>).</summary>
    /// <exception cref="NotSupportedException">The channel is not flagged <see cref="ChannelFlags.MixedUnitary"/>.</exception>
    /// <exception cref="ChannelParameterException">A parameter is out of range or they are inconsistent.</exception>
    public MixedUnitary MixedUnitary(ReadOnlySpan<double> parameters)
    {
        if (_mixedUnitary is null) throw new NotSupportedException($"Channel '{Name}' is not mixed-unitary.");
        CheckParameters(parameters);
        return _mixedUnitary(parameters);
    }

    /// <summary>
    /// The superoperator S = Σ_i conj(K_i) ⊗ K_i as the density-matrix backend applies it: ρ of n qubits is a state of
    /// 2n qubits whose index is row + 2^n·column (qubit q of the ket side is q, of the bra side q + n), and S is a
    /// dense 2k-qubit gate on the qubit list (q_0 … q_{k−1}, q_0 + n … q_{k−1} + n), little-endian in that list:
    /// S[r + d·c, r′ + d·c′] = Σ_i K_i[r, r′]·conj(K_i[c, c′]) with d = 2^k. For a 1-qubit channel it is the 4×4
    /// matrix on (q, q + n); <see cref="Circuits.ChannelOperation.SuperoperatorQubits"/> gives the list.
    /// </summary>
    /// <exception cref="ChannelParameterException">A parameter is out of range or they are inconsistent.</exception>
    public ComplexMatrix Superoperator(ReadOnlySpan<double> parameters) => SuperoperatorOf(Kraus(parameters));

    /// <summary>Σ_i conj(K_i) ⊗ K_i in the little-endian Kronecker order (ket qubits low, bra qubits high).</summary>
    internal static ComplexMatrix SuperoperatorOf(IReadOnlyList<ComplexMatrix> kraus)
    {
        ComplexMatrix? sum = null;
        foreach (var k in kraus)
        {
            var conjugate = new ComplexMatrix(k.Elements.ToArray().Select(Complex.Conjugate).ToArray());
            var term = ComplexMatrix.Kron(conjugate, k);
            sum = sum is null ? term : sum.Add(term);
        }
        return sum!;
    }

    /// <summary>The channel with fixed parameter values, checked now.</summary>
    /// <exception cref="ChannelParameterException">A parameter is out of range or they are inconsistent.</exception>
    public BoundChannel Bind(params ReadOnlySpan<double> parameters) => new(this, [.. parameters]);

    /// <inheritdoc/>
    public override string ToString() => Name;
}
