using System.Collections.Immutable;
using QSim.Numerics;

namespace QSim.Noise;

/// <summary>
/// A channel with its parameter values fixed and checked: what a circuit's <see cref="Circuits.ChannelOperation"/>
/// and a noise model's rules hold. Immutable; the Kraus operators and the superoperator are computed once, on first use.
/// </summary>
public sealed class BoundChannel : IEquatable<BoundChannel>
{
    /// <summary>Largest element-wise distance of the superoperator from the identity for <see cref="IsIdentity"/>.</summary>
    private const double IdentityTolerance = 1e-12;

    private ComplexMatrix[]? _kraus;
    private ComplexMatrix? _superoperator;
    private bool? _isIdentity;

    /// <summary>Binds <paramref name="definition"/> to <paramref name="parameters"/>.</summary>
    /// <exception cref="ChannelParameterException">A parameter is out of range, they are inconsistent, or their count is wrong.</exception>
    public BoundChannel(ChannelDefinition definition, ImmutableArray<double> parameters)
    {
        definition.CheckParameters(parameters.AsSpan());
        Definition = definition;
        Parameters = parameters;
    }

    /// <summary>The kind of channel.</summary>
    public ChannelDefinition Definition { get; }

    /// <summary>Its parameter values, in the order of <see cref="ChannelDefinition.Parameters"/>.</summary>
    public ImmutableArray<double> Parameters { get; }

    /// <summary>Qubits it acts on.</summary>
    public int QubitCount => Definition.QubitCount;

    /// <summary>The Kraus operators (see <see cref="ChannelDefinition.Kraus"/>).</summary>
    public IReadOnlyList<ComplexMatrix> Kraus => _kraus ??= Definition.Kraus(Parameters.AsSpan());

    /// <summary>The probabilities and unitaries of a mixed-unitary channel (see <see cref="ChannelDefinition.MixedUnitary"/>).</summary>
    /// <exception cref="NotSupportedException">The channel is not mixed-unitary.</exception>
    public MixedUnitary MixedUnitary() => Definition.MixedUnitary(Parameters.AsSpan());

    /// <summary>The superoperator in the density-matrix backend's convention (see <see cref="ChannelDefinition.Superoperator"/>).</summary>
    public ComplexMatrix Superoperator() => _superoperator ??= ChannelDefinition.SuperoperatorOf(Kraus);

    /// <summary>
    /// True when the channel does nothing at these values (its superoperator is the identity within 1e-12, e.g. a
    /// depolarizing channel with p = 0): a noise model inserts no operation for it.
    /// </summary>
    public bool IsIdentity => _isIdentity ??= Superoperator().MaxDistance(ComplexMatrix.Identity(1 << 2 * QubitCount)) <= IdentityTolerance;

    /// <inheritdoc/>
    public bool Equals(BoundChannel? other) =>
        other is not null && ReferenceEquals(Definition, other.Definition) && Parameters.SequenceEqual(other.Parameters);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as BoundChannel);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Definition.Name, Parameters.Length > 0 ? Parameters[0] : 0);

    /// <summary>E.g. <c>thermal_relaxation(t1=50, t2=70, time=0.1)</c>.</summary>
    public override string ToString() => Parameters.IsEmpty
        ? Definition.Name
        : $"{Definition.Name}({string.Join(", ", Parameters.Select((v, i) => $"{Definition.Parameters[i].Name}={ChannelParameter.Format(v)}"))})";
}
