using System.Collections.Immutable;
using System.Numerics;
using QSim.Noise;
using QSim.Numerics;

namespace QSim.Execution;

/// <summary>
/// A noise channel on <see cref="Qubits"/> (the circuit's <see cref="Circuits.ChannelOperation"/>), with its operators in
/// the forms the two ways of running noise take: a state that holds a mixed state (the density-matrix backend,
/// <see cref="Backends.IMixedState"/>) applies its superoperator; a state vector follows one quantum trajectory and lets an
/// <see cref="IChannelPolicy"/> pick one Kraus operator. Matrices are row-major in the little-endian order of
/// <see cref="Qubits"/>, as gate matrices are, and computed once per step (shared by the plan's clones).
/// </summary>
public sealed record ChannelStep : PlanStep
{
    private ChannelOperators? _operators;

    /// <summary>The channel <paramref name="channel"/> on <paramref name="qubits"/>.</summary>
    /// <exception cref="ArgumentException">The qubit count is not the channel's.</exception>
    public ChannelStep(BoundChannel channel, ImmutableArray<int> qubits)
    {
        if (qubits.Length != channel.QubitCount)
            throw new ArgumentException($"Channel '{channel}' acts on {channel.QubitCount} qubit(s); got {qubits.Length}.", nameof(qubits));
        Channel = channel;
        Qubits = qubits;
    }

    /// <summary>The channel with its parameter values.</summary>
    public BoundChannel Channel { get; }

    /// <summary>Qubits it acts on, in the order of its operators.</summary>
    public ImmutableArray<int> Qubits { get; }

    /// <summary>The channel's operators as the kernels take them (computed on first use).</summary>
    internal ChannelOperators Operators => _operators ??= new ChannelOperators(Channel);

    /// <inheritdoc/>
    public override string ToString() => $"{Channel} on [{string.Join(", ", Qubits)}]";

    /// <inheritdoc/>
    public bool Equals(ChannelStep? other) => other is not null && Channel.Equals(other.Channel) && Qubits.SequenceEqual(other.Qubits);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Channel, Qubits.Length);
}

/// <summary>
/// A channel's Kraus operators split as a trajectory samples them (the way qsim's trajectory simulator does): operators with
/// K_i†K_i = p_i·I (a unitary U_i = K_i/√p_i, e.g. every operator of a mixed-unitary channel) have a probability that does
/// not depend on the state and are picked first, by p_i alone; the others are picked in proportion to ‖K_i·ψ‖², read from
/// the state as ⟨ψ|K_i†K_i|ψ⟩. Also the superoperator a density matrix applies.
/// </summary>
internal sealed class ChannelOperators
{
    /// <summary>Largest deviation of K_i†K_i from p_i·I, or of U_i from a multiple of I, that still counts as equal.</summary>
    private const double Tolerance = 1e-12;

    public ChannelOperators(BoundChannel channel)
    {
        var fixedOperators = new List<(double Probability, ComplexMatrix Unitary)>();
        var others = new List<ComplexMatrix>();
        if (channel.Definition.IsMixedUnitary)
        {
            var mixture = channel.MixedUnitary();
            for (int i = 0; i < mixture.Probabilities.Length; i++) fixedOperators.Add((mixture.Probabilities[i], mixture.Unitaries[i]));
        }
        else
        {
            foreach (var k in channel.Kraus)
            {
                var gram = k.Adjoint() * k;
                double p = gram[0, 0].Real;
                if (p > Tolerance && gram.MaxDistance(ComplexMatrix.Identity(k.Dimension).Scale(p)) <= Tolerance) fixedOperators.Add((p, k.Scale(1 / Math.Sqrt(p))));
                else if (gram.MaxDistance(new ComplexMatrix(new Complex[k.Dimension * k.Dimension])) > Tolerance) others.Add(k);
            }
        }
        var kept = fixedOperators.Where(f => f.Probability > 0).ToArray();
        FixedCumulative = new double[kept.Length];
        FixedUnitaries = new Complex[]?[kept.Length];
        FixedDiagonal = new bool[kept.Length];
        double sum = 0;
        for (int i = 0; i < kept.Length; i++)
        {
            sum += kept[i].Probability;
            FixedCumulative[i] = sum;
            FixedDiagonal[i] = kept[i].Unitary.IsDiagonal;
            FixedUnitaries[i] = IsPhase(kept[i].Unitary) ? null : FixedDiagonal[i] ? kept[i].Unitary.GetDiagonal() : kept[i].Unitary.Elements.ToArray();
        }
        // A mixture's probabilities sum to 1: the last one takes what rounding leaves.
        if (others.Count == 0 && kept.Length > 0) FixedCumulative[^1] = 1;
        FixedMass = others.Count == 0 ? 1 : Math.Min(1, sum);
        Kraus = [.. others.Select(k => k.Elements.ToArray())];
        Grams = [.. others.Select(k => (k.Adjoint() * k).Elements.ToArray())];
        var superoperator = channel.Superoperator();
        SuperoperatorIsDiagonal = superoperator.IsDiagonal;
        Superoperator = SuperoperatorIsDiagonal ? superoperator.GetDiagonal() : superoperator.Elements.ToArray();
        var adjoint = superoperator.Adjoint();
        SuperoperatorAdjoint = SuperoperatorIsDiagonal ? adjoint.GetDiagonal() : adjoint.Elements.ToArray();
        IsUnitaryMixture = others.Count == 0;
    }

    /// <summary>Cumulative probabilities of the state-independent operators.</summary>
    public double[] FixedCumulative { get; }

    /// <summary>Their unitaries (dense, or the diagonal where <see cref="FixedDiagonal"/>); null for a multiple of the identity, which needs no pass.</summary>
    public Complex[]?[] FixedUnitaries { get; }

    /// <summary>True where the unitary is diagonal.</summary>
    public bool[] FixedDiagonal { get; }

    /// <summary>Total probability of the state-independent operators (1 for a mixed-unitary channel).</summary>
    public double FixedMass { get; }

    /// <summary>True when every operator is state-independent: a trajectory never reads the state here.</summary>
    public bool IsUnitaryMixture { get; }

    /// <summary>The other Kraus operators, dense.</summary>
    public Complex[][] Kraus { get; }

    /// <summary>K_i†K_i of each of <see cref="Kraus"/>: ⟨ψ|K_i†K_i|ψ⟩ is the probability of picking it.</summary>
    public Complex[][] Grams { get; }

    /// <summary>The superoperator (see <see cref="ChannelDefinition.Superoperator"/>): dense, or its diagonal where <see cref="SuperoperatorIsDiagonal"/>.</summary>
    public Complex[] Superoperator { get; }

    /// <summary>S†, the channel in the Heisenberg picture (the adjoint method carries observables back through it), in the form of <see cref="Superoperator"/>.</summary>
    public Complex[] SuperoperatorAdjoint { get; }

    /// <summary>True when the superoperator is diagonal (a dephasing channel).</summary>
    public bool SuperoperatorIsDiagonal { get; }

    /// <summary>The state-independent operator a uniform <paramref name="u"/> below <see cref="FixedMass"/> picks.</summary>
    public int PickFixed(double u)
    {
        for (int i = 0; i < FixedCumulative.Length - 1; i++)
            if (u < FixedCumulative[i]) return i;
        return FixedCumulative.Length - 1;
    }

    private static bool IsPhase(ComplexMatrix u)
    {
        var first = u[0, 0];
        return u.MaxDistance(ComplexMatrix.Identity(u.Dimension).Scale(first)) <= Tolerance;
    }
}
