using System.Numerics;
using QSim.Circuits;
using QSim.Noise;
using QSim.Numerics;
using QSim.Tests.Oracles;

namespace QSim.Tests.Noise;

/// <summary>Textbook results of noisy circuits, computed through the dense Kraus reference.</summary>
public sealed class NoiseAnalyticTests
{
    private static readonly ComplexMatrix X = ComplexMatrix.FromRows([0, 1], [1, 0]);
    private static readonly ComplexMatrix Z = ComplexMatrix.Diagonal([1, -1]);

    private static Complex[,] Bell()
    {
        double s = 1 / Math.Sqrt(2);
        return DensityMatrixReference.FromState([s, 0, 0, s]);
    }

    /// <summary>a·ρ + b·I.</summary>
    private static Complex[,] Blend(Complex[,] rho, double a, double b)
    {
        int dim = rho.GetLength(0);
        var result = new Complex[dim, dim];
        for (int r = 0; r < dim; r++)
            for (int c = 0; c < dim; c++) result[r, c] = a * rho[r, c] + (r == c ? b : 0);
        return result;
    }

    [TestCase(0.0)]
    [TestCase(0.05)]
    [TestCase(0.75)]
    [TestCase(1.0)]
    public void Depolarizing_OnOneQubitOfABellState_MixesWithTheIdentity(double p)
    {
        // (1 − p)·ρ + p/3·(XρX + YρY + ZρZ) on qubit 0 of |Φ+⟩ is (1 − 4p/3)·|Φ+⟩⟨Φ+| + (p/3)·I; fidelity 1 − p.
        var rho = DensityMatrixReference.Run(new Circuit(2).H(0).CX(0, 1).Depolarize(p, 0));
        Assert.That(DensityMatrixReference.MaxDistance(rho, Blend(Bell(), 1 - 4 * p / 3, p / 3)), Is.LessThan(1e-15));
        Assert.That(Fidelity(rho, Bell()), Is.EqualTo(1 - p).Within(1e-15));
    }

    [TestCase(0.0)]
    [TestCase(0.05)]
    [TestCase(0.9375)]
    public void Depolarizing2_OnABellState_MixesWithTheIdentity(double p)
    {
        // Each of the 15 Paulis with p/15: (1 − 16p/15)·|Φ+⟩⟨Φ+| + (4p/15)·I; XX, YY, ZZ keep |Φ+⟩, so fidelity 1 − 4p/5.
        var rho = DensityMatrixReference.Run(new Circuit(2).H(0).CX(0, 1).Depolarize(p, 0, 1));
        Assert.That(DensityMatrixReference.MaxDistance(rho, Blend(Bell(), 1 - 16 * p / 15, 4 * p / 15)), Is.LessThan(1e-15));
        Assert.That(Fidelity(rho, Bell()), Is.EqualTo(1 - 4 * p / 5).Within(1e-15));
    }

    [Test]
    public void AmplitudeDamping_DecaysTheExcitedStateGeometrically()
    {
        const double gamma = 0.15;
        var circuit = new Circuit(1).X(0);
        for (int step = 1; step <= 10; step++)
        {
            circuit.AmplitudeDamp(gamma, 0);
            var p = DensityMatrixReference.Probabilities(DensityMatrixReference.Run(circuit));
            Assert.That(p[1], Is.EqualTo(Math.Pow(1 - gamma, step)).Within(1e-15), $"after {step} steps");
        }
    }

    [Test]
    public void ThermalRelaxation_DecaysPopulationWithT1AndCoherenceWithT2()
    {
        const double t1 = 50, t2 = 70, gateTime = 3.5;
        var excited = new Circuit(1).X(0);
        var plus = new Circuit(1).H(0);
        for (int step = 1; step <= 20; step++)
        {
            excited.ThermalRelax(t1, t2, gateTime, 0);
            plus.ThermalRelax(t1, t2, gateTime, 0);
            double t = step * gateTime;
            Assert.That(DensityMatrixReference.Probabilities(DensityMatrixReference.Run(excited))[1], Is.EqualTo(Math.Exp(-t / t1)).Within(1e-14));
            var rho = DensityMatrixReference.Run(plus);
            Assert.That(DensityMatrixReference.Expectation(rho, X, 0), Is.EqualTo(Math.Exp(-t / t2)).Within(1e-14), $"⟨X⟩ at t = {t}");
            Assert.That(DensityMatrixReference.Probabilities(rho)[1], Is.EqualTo(Math.Exp(-t / t1) / 2).Within(1e-14), $"P(1) at t = {t}");
        }
    }

    [Test]
    public void ThermalRelaxation_ForOneStep_IsAmplitudeDampingWhenT2IsTwiceT1()
    {
        const double t1 = 20, time = 1.3;
        var rho = DensityMatrixReference.RandomState(1, 3);
        var thermal = DensityMatrixReference.ApplyKraus(rho, ChannelLibrary.ThermalRelaxation.Kraus([t1, 2 * t1, time]), [0]);
        var damping = DensityMatrixReference.ApplyKraus(rho, ChannelLibrary.AmplitudeDamping.Kraus([1 - Math.Exp(-time / t1)]), [0]);
        Assert.That(DensityMatrixReference.MaxDistance(thermal, damping), Is.LessThan(1e-15));
    }

    [Test]
    public void PhaseDamping_DephasesPlusWithoutChangingPopulations()
    {
        const double lambda = 0.2;
        var circuit = new Circuit(1).H(0);
        for (int step = 1; step <= 8; step++)
        {
            circuit.PhaseDamp(lambda, 0);
            var rho = DensityMatrixReference.Run(circuit);
            Assert.That(DensityMatrixReference.Expectation(rho, X, 0), Is.EqualTo(Math.Pow(1 - lambda, step / 2.0)).Within(1e-15));
            Assert.That(DensityMatrixReference.Expectation(rho, Z, 0), Is.EqualTo(0).Within(1e-15));
        }
    }

    [Test]
    public void PhaseFlip_DephasesPlusGeometrically()
    {
        const double p = 0.1;
        var circuit = new Circuit(1).H(0);
        for (int step = 1; step <= 8; step++)
        {
            circuit.PhaseFlip(p, 0);
            Assert.That(DensityMatrixReference.Expectation(DensityMatrixReference.Run(circuit), X, 0), Is.EqualTo(Math.Pow(1 - 2 * p, step)).Within(1e-15));
        }
    }

    [Test]
    public void ReadoutConfusion_OfBellCounts_MatchesTheDenseReferenceAndTheClosedForm()
    {
        var error0 = ReadoutError.FromFlipProbabilities(0.02, 0.08);
        var error1 = ReadoutError.FromFlipProbabilities(0.05, 0.1);
        var noisy = new NoiseModel().AddReadoutError(error0, [0]).AddReadoutError(error1, [1])
            .Apply(new Circuit(2).H(0).CX(0, 1).MeasureAll());
        var probabilities = DensityMatrixReference.Probabilities(Bell());
        var confused = (double[])probabilities.Clone();
        noisy.Readout.Confuse(confused, [0, 1]);
        Assert.That(confused, Is.EqualTo(DensityMatrixReference.Confuse(probabilities, [error0, error1])).Within(1e-15));
        // P(read 01) (qubit 0 reads 1, qubit 1 reads 0) = ½·P(1|0)·P(0|0) + ½·P(1|1)·P(0|1).
        Assert.That(confused[1], Is.EqualTo(0.5 * 0.02 * 0.95 + 0.5 * 0.92 * 0.1).Within(1e-15));
        Assert.That(confused.Sum(), Is.EqualTo(1).Within(1e-15));
    }

    [Test]
    public void ReadoutConfusion_FollowsTheQubitEachBitMeasured()
    {
        // Classical bit 0 holds qubit 2 and bit 1 holds qubit 0; qubit 1's bit was not measured.
        var noise = new NoiseModel().AddReadoutError(ReadoutError.FromFlipProbabilities(0.3, 0.1), [2])
            .AddReadoutError(ReadoutError.FromFlipProbabilities(0.01, 0.2), [0, 1]).Apply(new Circuit(3)).Readout;
        double[] probabilities = [0.1, 0.2, 0.3, 0.4];
        var confused = (double[])probabilities.Clone();
        noise.Confuse(confused, [2, 0]);
        Assert.That(confused, Is.EqualTo(DensityMatrixReference.Confuse(probabilities, [noise.For(2), noise.For(0)])).Within(1e-15));
    }

    [Test]
    public void ReadoutError_Sampled_FlipsAtItsRateWithinFiveStandardErrors()
    {
        var error = ReadoutError.FromFlipProbabilities(0.03, 0.12);
        var rng = new SeededRandom(11);
        const int draws = 200_000;
        foreach (bool truth in new[] { false, true })
        {
            int flips = 0;
            for (int i = 0; i < draws; i++)
                if (error.Read(truth, rng.NextDouble()) != truth) flips++;
            double p = truth ? 0.12 : 0.03, z = (flips - draws * p) / Math.Sqrt(draws * p * (1 - p));
            Assert.That(Math.Abs(z), Is.LessThan(5), $"true {(truth ? 1 : 0)}: {flips} flips");
        }
    }

    private static double Fidelity(Complex[,] rho, Complex[,] pure) =>
        DensityMatrixReference.Trace(DensityMatrixReference.Multiply(rho, pure)).Real;
}
