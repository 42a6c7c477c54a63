using QSim.Observables;
using QSim.Samples;
using QSim.Tests.Oracles;

namespace QSim.Tests.Samples;

/// <summary>
/// Each sample of samples/ runs briefly and learns: the classifier's loss falls and it separates held-out points, the VQE
/// energy comes within a bound of exact diagonalisation from above, QAOA approaches the maximum cut found by enumeration.
/// </summary>
public sealed class SampleTests
{
    [Test]
    public void HybridClassifier_TwoMoons_LossFallsAndHeldOutAccuracyReachesEightyFivePercent()
    {
        var output = new StringWriter();
        var result = HybridClassifier.Train(new HybridClassifierSettings(Epochs: 20), output);
        TestContext.Out.Write(output);
        Assert.That(result.Losses, Has.Count.EqualTo(20));
        Assert.That(result.Losses[^1], Is.LessThan(0.5 * result.Losses[0]));
        Assert.That(result.TestAccuracy, Is.GreaterThanOrEqualTo(0.85));
        Assert.That(output.ToString(), Does.Contain("step").And.Contain("test accuracy"));
    }

    [Test]
    public void Vqe_TransverseFieldIsingChain_ComesWithinThreePercentOfTheGroundEnergy()
    {
        const int qubits = 6;
        double exact = LowestEigenvalue.Of(DensePauliSum.Matrix(Hamiltonians.TransverseFieldIsing(qubits), qubits));
        var output = new StringWriter();
        var result = TfimVqe.Run(new VqeSettings(Qubits: qubits, Layers: 3, Steps: 200), output);
        TestContext.Out.Write(output);
        TestContext.Out.WriteLine($"exact ground energy {exact:F6}");
        double final = result.Energies[^1], error = final - exact;
        Assert.That(error, Is.GreaterThanOrEqualTo(-1e-9), "a variational energy cannot lie below the ground energy");
        Assert.That(error / Math.Abs(exact), Is.LessThan(0.03));
        Assert.That(final, Is.LessThan(result.Energies[0]));
    }

    [Test]
    public void QaoaMaxCut_WagnerGraph_ApproachesTheMaximumCut()
    {
        var output = new StringWriter();
        var result = MaxCutQaoa.Run(new QaoaSettings(Depth: 2, Steps: 60), MaxCutQaoa.WagnerGraph, output);
        TestContext.Out.Write(output);
        Assert.That(result.MaximumCut, Is.EqualTo(10));
        Assert.That(result.ExpectedCuts[^1], Is.GreaterThan(result.ExpectedCuts[0]));
        Assert.That(result.ApproximationRatio, Is.GreaterThan(0.9));
        Assert.That(result.OptimalShare, Is.GreaterThan(0.4));
    }

    [Test]
    public void LowestEigenvalue_SingleQubitZPlusX_IsMinusSqrt2() =>
        Assert.That(LowestEigenvalue.Of(DensePauliSum.Matrix(PauliSum.Parse("Z0 + X0"), 1)), Is.EqualTo(-Math.Sqrt(2)).Within(1e-12));
}
