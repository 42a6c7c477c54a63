using QSim.Backends;
using QSim.Cpu;
using QSim.Estimation;

namespace QSim.Tests.Estimation;

/// <summary>The quantum layer's gradients against finite differences of its outputs.</summary>
public sealed class QuantumLayerTests
{
    [Test]
    public void QuantumLayerBackward_MatchesFiniteDifferencesOfForward()
    {
        using var backend = new CpuBackend(new CpuBackendOptions { Threads = 1 });
        using var layer = QuantumLayer.AngleEncoded(3, 2, 1, new Estimator(backend, new EstimatorOptions { Precision = Precision.Double }));
        var rng = new Random(3);
        var x = new double[,] { { 0.3, -1.1 }, { 0.8, 0.2 } };
        var w = Enumerable.Range(0, layer.WeightCount).Select(_ => rng.NextDouble() * 2 - 1).ToArray();
        var upstream = new double[,] { { 1, -0.5, 0.25 }, { 0.3, 0.7, -1 } };
        var back = layer.Backward(x, w, upstream);
        double Loss(double[,] xs, double[] ws)
        {
            var y = layer.Forward(xs, ws);
            double s = 0;
            for (int r = 0; r < 2; r++) for (int k = 0; k < 3; k++) s += upstream[r, k] * y[r, k];
            return s;
        }
        const double h = 1e-5;
        for (int i = 0; i < w.Length; i++)
        {
            var (plus, minus) = ((double[])w.Clone(), (double[])w.Clone());
            plus[i] += h; minus[i] -= h;
            Assert.That(back.Weights[i], Is.EqualTo((Loss(x, plus) - Loss(x, minus)) / (2 * h)).Within(1e-7), $"weight {i}");
        }
        var xPlus = (double[,])x.Clone(); xPlus[1, 0] += h;
        var xMinus = (double[,])x.Clone(); xMinus[1, 0] -= h;
        Assert.That(back.Inputs[1, 0], Is.EqualTo((Loss(xPlus, w) - Loss(xMinus, w)) / (2 * h)).Within(1e-7));
    }
}
