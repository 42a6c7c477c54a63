using System.Numerics;
using QSim.Noise;
using QSim.Numerics;
using QSim.Tests.Oracles;

namespace QSim.Tests.Noise;

/// <summary>Channels from user Kraus operators: accepted when trace preserving, flags read off the matrices, clear errors otherwise.</summary>
public sealed class KrausChannelTests
{
    private static readonly Complex I = Complex.ImaginaryOne;

    [Test]
    public void Kraus_OfAmplitudeDampingMatrices_ActsAsTheLibraryRow()
    {
        const double gamma = 0.3;
        var channel = ChannelLibrary.Kraus(ChannelLibrary.AmplitudeDamping.Kraus([gamma]));
        Assert.That(channel.Flags, Is.EqualTo(ChannelFlags.None));
        Assert.That(channel.Superoperator([]).MaxDistance(ChannelLibrary.AmplitudeDamping.Superoperator([gamma])), Is.EqualTo(0));
    }

    [Test]
    public void Kraus_OfScaledUnitaries_IsFlaggedMixedUnitaryWithTheirWeights()
    {
        // √0.7·I and √0.3·(Y up to a phase): a mixture of unitaries whose weights are read off K†K.
        var channel = ChannelLibrary.Kraus([ComplexMatrix.Identity(2).Scale(Math.Sqrt(0.7)), ComplexMatrix.FromRows([0, 1], [-1, 0]).Scale(I * Math.Sqrt(0.3))]);
        Assert.That(channel.Flags, Is.EqualTo(ChannelFlags.MixedUnitary | ChannelFlags.Unital));
        var mixture = channel.MixedUnitary([]);
        Assert.That(mixture.Probabilities, Is.EqualTo(new[] { 0.7, 0.3 }).Within(1e-15));
        Assert.That(mixture.Unitaries.Select(u => u.UnitarityError()), Is.All.LessThan(1e-15));
    }

    [Test]
    public void Kraus_WithAZeroOperator_StaysMixedUnitaryWithZeroWeight()
    {
        var channel = ChannelLibrary.Kraus([ComplexMatrix.Diagonal([1, -1]), new ComplexMatrix(new Complex[4])]);
        Assert.That(channel.MixedUnitary([]).Probabilities, Is.EqualTo(new[] { 1.0, 0.0 }));
    }

    [Test]
    public void Kraus_OfDiagonalOperators_IsFlaggedDiagonal()
    {
        var channel = ChannelLibrary.Kraus(ChannelLibrary.PhaseFlip.Kraus([0.2]));
        Assert.That(channel.Flags, Is.EqualTo(ChannelFlags.MixedUnitary | ChannelFlags.Unital | ChannelFlags.DiagonalKraus));
    }

    [Test]
    public void Kraus_OnTwoQubits_ActsOnItsQubitsInOrder()
    {
        // A CNOT-like unitary channel on (2, 0) of three qubits against the same operator embedded directly.
        var cx = QSim.Gates.GateLibrary.CX.Matrix([]);
        var channel = ChannelLibrary.Kraus([cx]).Bind();
        var rho = DensityMatrixReference.RandomState(3, 8);
        var viaSuperoperator = DensityMatrixReference.ApplySuperoperator(rho, channel.Superoperator(), [2, 0, 5, 3]);
        var direct = DensityMatrixReference.ApplyKraus(rho, [cx], [2, 0]);
        Assert.That(DensityMatrixReference.MaxDistance(viaSuperoperator, direct), Is.LessThan(1e-15));
    }

    [Test]
    public void Kraus_NotTracePreserving_NamesTheElementAndItsDeviation()
    {
        ComplexMatrix[] operators = [ComplexMatrix.Diagonal([1, Math.Sqrt(0.9)]), ComplexMatrix.FromRows([0, Math.Sqrt(0.05)], [0, 0])];
        Assert.That(() => ChannelLibrary.Kraus(operators), Throws.TypeOf<KrausOperatorsException>().With.Message.EqualTo(
            "The Kraus operators are not trace preserving: element [1, 1] of Σ K†K is 0.95, off by 0.05 from 1 (tolerance 1E-09)."));
    }

    [Test]
    public void Kraus_WithOffDiagonalDefect_NamesTheOffDiagonalElement()
    {
        ComplexMatrix[] operators = [ComplexMatrix.FromRows([1, 0.01], [0, 1])];
        Assert.That(() => ChannelLibrary.Kraus(operators), Throws.TypeOf<KrausOperatorsException>().With.Message.Contains("element [0, 1] of Σ K†K is 0.01, off by 0.01 from 0"));
    }

    [Test]
    public void Kraus_WithinTolerance_IsAccepted()
    {
        Assert.That(() => ChannelLibrary.Kraus([ComplexMatrix.Diagonal([1, 1 + 1e-10])]), Throws.Nothing);
        Assert.That(() => ChannelLibrary.Kraus([ComplexMatrix.Diagonal([1, 1 + 1e-6])], tolerance: 1e-5), Throws.Nothing);
    }

    [Test]
    public void Kraus_OfMixedSizes_NamesTheOperator()
    {
        Assert.That(() => ChannelLibrary.Kraus([ComplexMatrix.Identity(2), ComplexMatrix.Identity(4)]),
            Throws.TypeOf<KrausOperatorsException>().With.Message.EqualTo("Kraus operator 1 is 4x4 but operator 0 is 2x2.")
                .And.Property(nameof(KrausOperatorsException.Operator)).EqualTo(1));
    }

    [TestCase(3)]
    [TestCase(16)]
    public void Kraus_OfUnsupportedSize_IsRejected(int dimension)
    {
        Assert.That(() => ChannelLibrary.Kraus([ComplexMatrix.Identity(dimension)]),
            Throws.TypeOf<KrausOperatorsException>().With.Message.Contains($"is {dimension}x{dimension}; a channel acts on 1 to 3 qubits"));
    }

    [Test]
    public void Kraus_NoneOrTooMany_IsRejected()
    {
        Assert.That(() => ChannelLibrary.Kraus([]), Throws.TypeOf<KrausOperatorsException>().With.Message.Contains("must number 1 to 64; got 0"));
        var many = Enumerable.Repeat(ComplexMatrix.Identity(2).Scale(1 / Math.Sqrt(65)), 65).ToArray();
        Assert.That(() => ChannelLibrary.Kraus(many), Throws.TypeOf<KrausOperatorsException>().With.Message.Contains("got 65"));
    }

    [Test]
    public void Kraus_WithNonFiniteElement_NamesIt()
    {
        Assert.That(() => ChannelLibrary.Kraus([ComplexMatrix.Diagonal([1, double.NaN])]),
            Throws.TypeOf<KrausOperatorsException>().With.Message.EqualTo("Kraus operator 0 has a non-finite element at [1, 1]."));
    }
}
