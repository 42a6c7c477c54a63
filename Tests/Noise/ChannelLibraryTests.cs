using System.Numerics;
using QSim.Noise;
using QSim.Numerics;
using QSim.Tests.Oracles;

namespace QSim.Tests.Noise;

/// <summary>The channel table: every row completely positive and trace preserving over its range, flags that hold, closed forms.</summary>
public sealed class ChannelLibraryTests
{
    [Test]
    public void Library_HasEveryStandardChannel()
    {
        Assert.That(ChannelLibrary.All.Keys, Is.EquivalentTo(new[]
        {
            "bit_flip", "phase_flip", "pauli", "depolarizing", "depolarizing2", "amplitude_damping",
            "generalized_amplitude_damping", "phase_damping", "thermal_relaxation", "reset_error",
        }));
        Assert.That(ChannelLibrary.Depolarizing2.QubitCount, Is.EqualTo(2));
        Assert.That(ChannelLibrary.All.Values.Where(c => c != ChannelLibrary.Depolarizing2).Select(c => c.QubitCount), Is.All.EqualTo(1));
    }

    [Test]
    public void Grid_CoversEveryChannelAndTheBoundaryT2EqualsTwoT1()
    {
        var grid = ChannelCases.Grid().ToList();
        Assert.That(grid.Select(c => c.Definition).Distinct().Count(), Is.EqualTo(ChannelLibrary.All.Count));
        Assert.That(grid.Any(c => c.Definition == ChannelLibrary.ThermalRelaxation && c.Parameters[1] == 2 * c.Parameters[0]), Is.True);
    }

    [TestCaseSource(typeof(ChannelCases), nameof(ChannelCases.GridCases))]
    public void Kraus_AreTracePreserving(BoundChannel channel)
    {
        Assert.That(channel.Kraus.Select(k => k.Dimension), Is.All.EqualTo(channel.Definition.Dimension));
        var completeness = ChannelCases.SumOver(channel.Kraus, k => k.Adjoint() * k);
        Assert.That(completeness.MaxDistance(ComplexMatrix.Identity(channel.Definition.Dimension)), Is.LessThan(1e-14));
    }

    [TestCaseSource(typeof(ChannelCases), nameof(ChannelCases.GridCases))]
    public void Choi_OfTheSuperoperator_IsPositiveSemidefiniteAndTracesOutToTheIdentity(BoundChannel channel)
    {
        // J[r + d·r', c + d·c'] = S[r + d·c, r' + d·c'] = Σ_i K_i[r, r']·conj(K_i[c, c']): the Choi matrix of Φ.
        int d = channel.Definition.Dimension;
        var s = channel.Superoperator();
        var choi = new Complex[d * d, d * d];
        for (int r = 0; r < d; r++)
            for (int rIn = 0; rIn < d; rIn++)
                for (int c = 0; c < d; c++)
                    for (int cIn = 0; cIn < d; cIn++) choi[r + d * rIn, c + d * cIn] = s[r + d * c, rIn + d * cIn];
        Assert.That(LowestEigenvalue.Of(choi), Is.GreaterThan(-1e-12), "completely positive");
        for (int rIn = 0; rIn < d; rIn++)
            for (int cIn = 0; cIn < d; cIn++)
            {
                Complex partial = 0;
                for (int r = 0; r < d; r++) partial += choi[r + d * rIn, r + d * cIn];
                Assert.That(Complex.Abs(partial - (rIn == cIn ? 1 : 0)), Is.LessThan(1e-14), $"trace preserving at [{rIn}, {cIn}]");
            }
    }

    [TestCaseSource(typeof(ChannelCases), nameof(ChannelCases.GridCases))]
    public void MixedUnitary_IsProbabilitiesAndUnitariesWhoseProductsAreTheKrausOperators(BoundChannel channel)
    {
        if (!channel.Definition.IsMixedUnitary)
        {
            Assert.That(() => channel.MixedUnitary(), Throws.TypeOf<NotSupportedException>());
            return;
        }
        var mixture = channel.MixedUnitary();
        Assert.That(mixture.Probabilities, Is.All.GreaterThanOrEqualTo(0));
        Assert.That(mixture.Probabilities.Sum(), Is.EqualTo(1).Within(1e-15));
        Assert.That(mixture.Unitaries.Select(u => u.UnitarityError()), Is.All.LessThan(1e-15));
        for (int i = 0; i < mixture.Unitaries.Length; i++)
            Assert.That(mixture.Unitaries[i].Scale(Math.Sqrt(mixture.Probabilities[i])).MaxDistance(channel.Kraus[i]), Is.EqualTo(0));
    }

    [TestCaseSource(typeof(ChannelCases), nameof(ChannelCases.GridCases))]
    public void Flags_HoldAtEveryPoint(BoundChannel channel)
    {
        var flags = channel.Definition.Flags;
        if ((flags & ChannelFlags.Unital) != 0)
            Assert.That(ChannelCases.SumOver(channel.Kraus, k => k * k.Adjoint()).MaxDistance(ComplexMatrix.Identity(channel.Definition.Dimension)), Is.LessThan(1e-14));
        if ((flags & ChannelFlags.DiagonalKraus) != 0)
            Assert.That(channel.Kraus.Select(k => k.IsDiagonal), Is.All.True);
    }

    [TestCaseSource(nameof(NonUnitalChannels))]
    public void NonUnitalChannels_AreNotFlaggedUnital(ChannelDefinition channel)
    {
        Assert.That(channel.Flags & ChannelFlags.Unital, Is.EqualTo(ChannelFlags.None));
        bool somewhereNotUnital = ChannelCases.GridOf(channel).Any(c =>
            ChannelCases.SumOver(c.Kraus, k => k * k.Adjoint()).MaxDistance(ComplexMatrix.Identity(2)) > 1e-3);
        Assert.That(somewhereNotUnital, Is.True);
    }

    private static IEnumerable<ChannelDefinition> NonUnitalChannels() =>
        [ChannelLibrary.AmplitudeDamping, ChannelLibrary.GeneralizedAmplitudeDamping, ChannelLibrary.ThermalRelaxation, ChannelLibrary.ResetError];

    [TestCaseSource(typeof(ChannelCases), nameof(ChannelCases.GridCases))]
    public void PauliTransferMatrix_MatchesTheClosedForm(BoundChannel channel)
    {
        var expected = ClosedForm(channel);
        var actual = ChannelCases.PauliTransferMatrix(channel);
        for (int i = 0; i < expected.GetLength(0); i++)
            for (int j = 0; j < expected.GetLength(1); j++)
                Assert.That(actual[i, j], Is.EqualTo(expected[i, j]).Within(1e-14), $"R[{i}, {j}]");
    }

    /// <summary>
    /// Each channel's Pauli transfer matrix (order I, X, Y, Z) as textbooks give it: a Pauli channel scales X, Y, Z;
    /// relaxation scales coherences by c, populations by z and shifts ⟨Z⟩ by z0.
    /// </summary>
    private static double[,] ClosedForm(BoundChannel channel)
    {
        double[] p = [.. channel.Parameters];
        if (channel.Definition == ChannelLibrary.Depolarizing2)
        {
            var r = new double[16, 16];
            r[0, 0] = 1;
            for (int i = 1; i < 16; i++) r[i, i] = 1 - 16 * p[0] / 15;
            return r;
        }
        (double x, double y, double z, double z0) = channel.Definition.Name switch
        {
            "bit_flip" => (1, 1 - 2 * p[0], 1 - 2 * p[0], 0),
            "phase_flip" => (1 - 2 * p[0], 1 - 2 * p[0], 1, 0),
            "pauli" => (1 - 2 * (p[1] + p[2]), 1 - 2 * (p[0] + p[2]), 1 - 2 * (p[0] + p[1]), 0),
            "depolarizing" => (1 - 4 * p[0] / 3, 1 - 4 * p[0] / 3, 1 - 4 * p[0] / 3, 0),
            "amplitude_damping" => (Math.Sqrt(1 - p[0]), Math.Sqrt(1 - p[0]), 1 - p[0], p[0]),
            "generalized_amplitude_damping" => (Math.Sqrt(1 - p[0]), Math.Sqrt(1 - p[0]), 1 - p[0], p[0] * (1 - 2 * p[1])),
            "phase_damping" => (Math.Sqrt(1 - p[0]), Math.Sqrt(1 - p[0]), 1, 0),
            "thermal_relaxation" => (Math.Exp(-p[2] / p[1]), Math.Exp(-p[2] / p[1]), Math.Exp(-p[2] / p[0]), 1 - Math.Exp(-p[2] / p[0])),
            "reset_error" => (1 - p[0] - p[1], 1 - p[0] - p[1], 1 - p[0] - p[1], p[0] - p[1]),
            var name => throw new InvalidOperationException($"No closed form for '{name}'."),
        };
        return new double[,] { { 1, 0, 0, 0 }, { 0, x, 0, 0 }, { 0, 0, y, 0 }, { z0, 0, 0, z } };
    }

    [TestCase("bit_flip", new[] { 1.5 }, "Channel 'bit_flip': parameter 'p' must be in [0, 1]; got 1.5.")]
    [TestCase("depolarizing", new[] { -0.1 }, "Channel 'depolarizing': parameter 'p' must be in [0, 1]; got -0.1.")]
    [TestCase("depolarizing", new[] { double.NaN }, "parameter 'p' must be in [0, 1]; got NaN.")]
    [TestCase("amplitude_damping", new double[0], "Channel 'amplitude_damping': takes 1 parameter(s); got 0.")]
    [TestCase("pauli", new[] { 0.5, 0.4, 0.2 }, "Channel 'pauli': px + py + pz must be at most 1; got 1.1.")]
    [TestCase("reset_error", new[] { 0.6, 0.5 }, "Channel 'reset_error': p0 + p1 must be at most 1; got 1.1.")]
    [TestCase("generalized_amplitude_damping", new[] { 0.1, 2.0 }, "parameter 'excited_population' must be in [0, 1]; got 2.")]
    [TestCase("thermal_relaxation", new[] { 10.0, 25, 1 }, "Channel 'thermal_relaxation': parameter 't2' must be at most 2·t1 = 20; got 25.")]
    [TestCase("thermal_relaxation", new[] { 0.0, 1, 1 }, "parameter 't1' must be > 0; got 0.")]
    [TestCase("thermal_relaxation", new[] { 1.0, 1, -1 }, "parameter 'time' must be >= 0; got -1.")]
    [TestCase("thermal_relaxation", new[] { 1.0, double.PositiveInfinity, 1 }, "parameter 't2' must be > 0; got Infinity.")]
    public void Bind_OutOfRangeOrInconsistent_ThrowsNamingTheParameter(string name, double[] parameters, string message)
    {
        var channel = ChannelLibrary.Find(name)!;
        Assert.That(() => channel.Bind(parameters), Throws.TypeOf<ChannelParameterException>().With.Message.EndsWith(message));
        Assert.That(() => channel.Kraus(parameters), Throws.TypeOf<ChannelParameterException>());
    }

    [Test]
    public void Bind_AtASumOverOneByRoundingOnly_IsAccepted()
    {
        // 0.1 + 0.2 + 0.7 is 1.0000000000000002 in doubles.
        var channel = ChannelLibrary.PauliChannel.Bind(0.1, 0.2, 0.7);
        Assert.That(channel.MixedUnitary().Probabilities[0], Is.EqualTo(0));
    }

    [Test]
    public void PhaseDamping_IsNielsenAndChuangsChannel()
    {
        const double lambda = 0.37;
        ComplexMatrix[] textbook = [ComplexMatrix.Diagonal([1, Math.Sqrt(1 - lambda)]), ComplexMatrix.Diagonal([0, Math.Sqrt(lambda)])];
        var rho = DensityMatrixReference.RandomState(1, 5);
        var expected = DensityMatrixReference.ApplyKraus(rho, textbook, [0]);
        var actual = DensityMatrixReference.ApplyKraus(rho, ChannelLibrary.PhaseDamping.Kraus([lambda]), [0]);
        Assert.That(DensityMatrixReference.MaxDistance(actual, expected), Is.LessThan(1e-15));
    }

    [Test]
    public void IsIdentity_HoldsForZeroNoiseOnly()
    {
        Assert.That(ChannelLibrary.Depolarizing.Bind(0).IsIdentity, Is.True);
        Assert.That(ChannelLibrary.ThermalRelaxation.Bind(50, 70, 0).IsIdentity, Is.True);
        Assert.That(ChannelLibrary.Depolarizing.Bind(1e-9).IsIdentity, Is.False);
        Assert.That(ChannelLibrary.AmplitudeDamping.Bind(1e-9).IsIdentity, Is.False);
    }

    [Test]
    public void ToString_NamesTheChannelAndItsParameters()
    {
        Assert.That(ChannelLibrary.ThermalRelaxation.Bind(50, 70, 0.1).ToString(), Is.EqualTo("thermal_relaxation(t1=50, t2=70, time=0.1)"));
    }
}
