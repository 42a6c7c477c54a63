using System.Collections.Immutable;
using System.Numerics;
using QSim.Numerics;

namespace QSim.Noise;

/// <summary>
/// The standard noise channels, one row each (the names are the noise-model JSON's <c>type</c>):
/// <list type="table">
/// <item><term>bit_flip(p)</term><description>X with probability p.</description></item>
/// <item><term>phase_flip(p)</term><description>Z with probability p.</description></item>
/// <item><term>pauli(px, py, pz)</term><description>X, Y, Z with probabilities px, py, pz (px + py + pz ≤ 1).</description></item>
/// <item><term>depolarizing(p)</term><description>
/// Cirq's convention: p is the probability of an error, each of X, Y, Z with p/3, so ρ → (1 − 4p/3)·ρ + (4p/3)·I/2;
/// p = 3/4 depolarizes fully. Qiskit's <c>depolarizing_error(λ, 1)</c> is p = 3λ/4.</description></item>
/// <item><term>depolarizing2(p)</term><description>
/// Each of the 15 non-identity two-qubit Paulis with p/15, so ρ → (1 − 16p/15)·ρ + (16p/15)·I/4; Qiskit's
/// <c>depolarizing_error(λ, 2)</c> is p = 15λ/16.</description></item>
/// <item><term>amplitude_damping(gamma)</term><description>|1⟩ decays to |0⟩ with probability γ:
/// K0 = diag(1, √(1−γ)), K1 = √γ·|0⟩⟨1|.</description></item>
/// <item><term>generalized_amplitude_damping(gamma, excited_population)</term><description>Exchange with an environment
/// at temperature: relaxes with rate γ towards the state with population <c>excited_population</c> in |1⟩.</description></item>
/// <item><term>phase_damping(lambda)</term><description>Coherences multiplied by √(1−λ) (Nielsen &amp; Chuang's
/// K0 = diag(1, √(1−λ)), K1 = diag(0, √λ)), given in its mixed-unitary form: Z with probability (1 − √(1−λ))/2.</description></item>
/// <item><term>thermal_relaxation(t1, t2, time)</term><description>Relaxation for <c>time</c> (same unit as T1, T2):
/// populations decay as e^(−t/T1) towards |0⟩, coherences as e^(−t/T2); requires T2 ≤ 2·T1.</description></item>
/// <item><term>reset_error(p0, p1)</term><description>Resets to |0⟩ with probability p0 and to |1⟩ with p1 (p0 + p1 ≤ 1).</description></item>
/// </list>
/// <see cref="Kraus"/> makes a channel from user matrices.
/// </summary>
public static class ChannelLibrary
{
    /// <summary>Most qubits a channel acts on.</summary>
    public const int MaxQubits = 3;

    /// <summary>Most Kraus operators a user channel may have: 4^3, what a 3-qubit channel needs at most.</summary>
    public const int MaxKrausOperators = 64;

    /// <summary>How far above 1 a sum of probabilities may be (rounding of values the user computed) before it is rejected.</summary>
    private const double SumSlack = 1e-12;

    private static readonly Dictionary<string, ChannelDefinition> ByName = new(StringComparer.Ordinal);
    // Static fields initialise in text order: everything the rows below use must stand above them.
    private static readonly ComplexMatrix Id = ComplexMatrix.Identity(2);
    private static readonly ComplexMatrix PauliX = ComplexMatrix.FromRows([0, 1], [1, 0]);
    private static readonly ComplexMatrix PauliY = ComplexMatrix.FromRows([0, -Complex.ImaginaryOne], [Complex.ImaginaryOne, 0]);
    private static readonly ComplexMatrix PauliZ = ComplexMatrix.Diagonal([1, -1]);
    /// <summary>The 15 non-identity Paulis P_a ⊗ P_b (P_a on the channel's first qubit), a + 4b = 1 … 15.</summary>
    private static readonly ImmutableArray<ComplexMatrix> TwoQubitErrors =
        [.. Enumerable.Range(1, 15).Select(i => ComplexMatrix.Kron(Pauli(i >> 2), Pauli(i & 3)))];

    /// <summary>Bit flip: X with probability p.</summary>
    public static readonly ChannelDefinition BitFlip = Register(new("bit_flip", 1, [Probability("p")],
        p => Mixture([1 - p[0], p[0]], [Id, PauliX])));

    /// <summary>Phase flip: Z with probability p.</summary>
    public static readonly ChannelDefinition PhaseFlip = Register(new("phase_flip", 1, [Probability("p")],
        p => Mixture([1 - p[0], p[0]], [Id, PauliZ]), ChannelFlags.DiagonalKraus));

    /// <summary>Pauli channel: X, Y, Z with probabilities px, py, pz.</summary>
    public static readonly ChannelDefinition PauliChannel = Register(new("pauli", 1, [Probability("px"), Probability("py"), Probability("pz")],
        p => Mixture([Remainder(p[0] + p[1] + p[2]), p[0], p[1], p[2]], [Id, PauliX, PauliY, PauliZ]),
        constraint: p => SumAtMostOne(p[0] + p[1] + p[2], "px + py + pz")));

    /// <summary>One-qubit depolarizing, Cirq's convention: X, Y, Z each with probability p/3.</summary>
    public static readonly ChannelDefinition Depolarizing = Register(new("depolarizing", 1, [Probability("p")],
        p => Mixture([1 - p[0], p[0] / 3, p[0] / 3, p[0] / 3], [Id, PauliX, PauliY, PauliZ])));

    /// <summary>Two-qubit depolarizing: each of the 15 non-identity two-qubit Paulis with probability p/15.</summary>
    public static readonly ChannelDefinition Depolarizing2 = Register(new("depolarizing2", 2, [Probability("p")],
        p => Mixture([1 - p[0], .. Enumerable.Repeat(p[0] / 15, 15)], [ComplexMatrix.Identity(4), .. TwoQubitErrors])));

    /// <summary>Amplitude damping: K0 = diag(1, √(1−γ)), K1 = √γ·|0⟩⟨1|.</summary>
    public static readonly ChannelDefinition AmplitudeDamping = Register(new("amplitude_damping", 1, [Probability("gamma")],
        p => Damping(p[0], 1)));

    /// <summary>
    /// Generalized amplitude damping: with environment population p1 = <c>excited_population</c>,
    /// K0 = √(1−p1)·diag(1, √(1−γ)), K1 = √(1−p1)·√γ·|0⟩⟨1|, K2 = √p1·diag(√(1−γ), 1), K3 = √p1·√γ·|1⟩⟨0|.
    /// Its fixed point is diag(1 − p1, p1); p1 = 0 is amplitude damping.
    /// </summary>
    public static readonly ChannelDefinition GeneralizedAmplitudeDamping = Register(new("generalized_amplitude_damping", 1,
        [Probability("gamma"), Probability("excited_population")],
        p => [.. Damping(p[0], 1 - p[1]), .. Excitation(p[0], p[1])]));

    /// <summary>Phase damping: coherences times √(1−λ), as Z with probability (1 − √(1−λ))/2.</summary>
    public static readonly ChannelDefinition PhaseDamping = Register(new("phase_damping", 1, [Probability("lambda")],
        p => Mixture([(1 + Math.Sqrt(1 - p[0])) / 2, (1 - Math.Sqrt(1 - p[0])) / 2], [Id, PauliZ]), ChannelFlags.DiagonalKraus));

    /// <summary>
    /// Thermal relaxation towards |0⟩ for a duration <c>time</c>: K0 = diag(1, e^(−t/T2)), K1 = √(1 − e^(−t/T1))·|0⟩⟨1|,
    /// K2 = diag(0, √(e^(−t/T1) − e^(−2t/T2))), real only when T2 ≤ 2·T1.
    /// </summary>
    public static readonly ChannelDefinition ThermalRelaxation = Register(new("thermal_relaxation", 1,
        [new ChannelParameter("t1", 0, double.PositiveInfinity, MinimumExcluded: true),
         new ChannelParameter("t2", 0, double.PositiveInfinity, MinimumExcluded: true),
         new ChannelParameter("time", 0, double.PositiveInfinity)],
        p => Relaxation(p[0], p[1], p[2]),
        constraint: p => p[1] <= 2 * p[0] ? null
            : new ParameterFault(1, $"must be at most 2·t1 = {ChannelParameter.Format(2 * p[0])}; got {ChannelParameter.Format(p[1])}")));

    /// <summary>Reset error: to |0⟩ with probability p0, to |1⟩ with p1, else nothing.</summary>
    public static readonly ChannelDefinition ResetError = Register(new("reset_error", 1, [Probability("p0"), Probability("p1")],
        p => ResetKraus(p[0], p[1]), constraint: p => SumAtMostOne(p[0] + p[1], "p0 + p1")));

    /// <summary>Every library channel by name.</summary>
    public static IReadOnlyDictionary<string, ChannelDefinition> All => ByName;

    /// <summary>The library channel of that name, or null.</summary>
    public static ChannelDefinition? Find(string name) => ByName.GetValueOrDefault(name);

    /// <summary>
    /// A channel from user Kraus operators, checked to be trace preserving (Σ K†K = I within <paramref name="tolerance"/>).
    /// Its flags are read off the matrices: mixed-unitary when every K_i†K_i is a multiple of I, unital when Σ K K† = I,
    /// diagonal when every operator is.
    /// </summary>
    /// <param name="operators">1 to <see cref="MaxKrausOperators"/> matrices of one size: 2x2, 4x4 or 8x8.</param>
    /// <param name="name">The channel's name.</param>
    /// <param name="tolerance">Largest element-wise deviation of Σ K†K from the identity.</param>
    /// <exception cref="KrausOperatorsException">The operators are too few or many, of mixed or unsupported size, not finite, or not trace preserving.</exception>
    public static ChannelDefinition Kraus(IReadOnlyList<ComplexMatrix> operators, string name = "kraus", double tolerance = 1e-9) =>
        KrausChannel.Create(operators, name, tolerance);

    private static ChannelDefinition Register(ChannelDefinition channel)
    {
        ByName.Add(channel.Name, channel);
        return channel;
    }

    private static ChannelParameter Probability(string name) => new(name, 0, 1);

    private static ComplexMatrix Pauli(int index) => index switch { 0 => Id, 1 => PauliX, 2 => PauliY, _ => PauliZ };

    private static MixedUnitary Mixture(double[] probabilities, ComplexMatrix[] unitaries) => new([.. probabilities], [.. unitaries]);

    /// <summary>1 − sum, never negative when the sum is over 1 by rounding only.</summary>
    private static double Remainder(double sum) => Math.Max(0, 1 - sum);

    private static ParameterFault? SumAtMostOne(double sum, string what) =>
        sum <= 1 + SumSlack ? null : new ParameterFault(null, $"{what} must be at most 1; got {ChannelParameter.Format(sum)}");

    /// <summary>Decay |1⟩ → |0⟩ with probability γ, weighted by <paramref name="weight"/>: √w·diag(1, √(1−γ)), √w·√γ·|0⟩⟨1|.</summary>
    private static ComplexMatrix[] Damping(double gamma, double weight)
    {
        double w = Math.Sqrt(weight);
        return [ComplexMatrix.Diagonal([w, w * Math.Sqrt(1 - gamma)]), ComplexMatrix.FromRows([0, w * Math.Sqrt(gamma)], [0, 0])];
    }

    /// <summary>Excitation |0⟩ → |1⟩ with probability γ, weighted by <paramref name="weight"/>: √w·diag(√(1−γ), 1), √w·√γ·|1⟩⟨0|.</summary>
    private static ComplexMatrix[] Excitation(double gamma, double weight)
    {
        double w = Math.Sqrt(weight);
        return [ComplexMatrix.Diagonal([w * Math.Sqrt(1 - gamma), w]), ComplexMatrix.FromRows([0, 0], [w * Math.Sqrt(gamma), 0])];
    }

    private static ComplexMatrix[] Relaxation(double t1, double t2, double time)
    {
        double decay = -double.ExpM1(-time / t1);                  // 1 − e^(−t/T1), exact for short times
        double coherence = Math.Exp(-time / t2);
        double dephasing = Math.Max(0, Math.Exp(-time / t1) - coherence * coherence);
        return [ComplexMatrix.Diagonal([1, coherence]), ComplexMatrix.FromRows([0, Math.Sqrt(decay)], [0, 0]),
            ComplexMatrix.Diagonal([0, Math.Sqrt(dephasing)])];
    }

    private static ComplexMatrix[] ResetKraus(double p0, double p1)
    {
        double a = Math.Sqrt(p0), b = Math.Sqrt(p1);
        return [Id.Scale(Math.Sqrt(Remainder(p0 + p1))),
            ComplexMatrix.FromRows([a, 0], [0, 0]), ComplexMatrix.FromRows([0, a], [0, 0]),
            ComplexMatrix.FromRows([0, 0], [b, 0]), ComplexMatrix.FromRows([0, 0], [0, b])];
    }
}
