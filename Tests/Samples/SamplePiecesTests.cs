using QSim.Samples;

namespace QSim.Tests.Samples;

/// <summary>The samples' classical pieces against finite differences and closed forms.</summary>
public sealed class SamplePiecesTests
{
    [Test]
    public void DenseLayerBackward_MatchesFiniteDifferencesOfForward()
    {
        var random = new Random(3);
        var layer = new DenseLayer<double>(3, 2, random);
        for (int i = 0; i < layer.Parameters.Length; i++) layer.Parameters[i] = random.NextDouble() - 0.5;
        double[] x = [0.3, -1.1, 0.5, 0.8, 0.2, -0.4], upstream = [1, -0.5, 0.25, 0.7];
        var dx = new double[x.Length];
        layer.Backward(x, upstream, dx);
        double Loss()
        {
            var y = new double[4];
            layer.Forward(x, y);
            return y.Zip(upstream, (a, b) => a * b).Sum();
        }
        AssertGradient(layer.Parameters, layer.Gradient, Loss, "parameter");
        AssertGradient(x, dx, Loss, "input");
    }

    [Test]
    public void BinaryCrossEntropyWithLogits_MatchesTheDefinitionAndItsDerivative()
    {
        double[] logits = [-40, -2, 0.3, 1.5, 40], labels = [0, 1, 1, 0, 1];
        var gradient = new double[5];
        double loss = Losses.BinaryCrossEntropyWithLogits<double>(logits, labels, gradient);
        double Naive(int i, double z)
        {
            double p = 1 / (1 + Math.Exp(-z));
            return -(labels[i] * Math.Log(p) + (1 - labels[i]) * Math.Log(1 - p));
        }
        // The extreme logits, right, cost e^-40 ≈ 0; the naive form would lose p to rounding there.
        double expected = (Naive(1, -2) + Naive(2, 0.3) + Naive(3, 1.5)) / 5;
        Assert.That(loss, Is.EqualTo(expected).Within(1e-12));
        for (int i = 1; i < 4; i++)
            Assert.That(gradient[i], Is.EqualTo((Naive(i, logits[i] + 1e-6) - Naive(i, logits[i] - 1e-6)) / 2e-6 / 5).Within(1e-8), $"logit {i}");
        Assert.That(gradient[0], Is.EqualTo(0).Within(1e-18));
    }

    [Test]
    public void MeanSquaredError_IsTheMeanOfSquaresWithItsDerivative()
    {
        double[] predictions = [1, 2, 4], targets = [0, 2, 1];
        var gradient = new double[3];
        Assert.That(Losses.MeanSquaredError<double>(predictions, targets, gradient), Is.EqualTo(10.0 / 3).Within(1e-15));
        Assert.That(gradient, Is.EqualTo(new[] { 2.0 / 3, 0, 2.0 }).Within(1e-15));
    }

    [Test]
    public void AdamFirstStep_MovesEachParameterByTheLearningRateAgainstItsGradientSign()
    {
        // After one step m̂ = g and v̂ = g², so the step is η·g/(|g| + ε).
        var adam = new Adam<float>(3, learningRate: 0.1);
        float[] parameters = [1, 1, 1];
        adam.Step(parameters, [2f, -0.5f, 1e-3f]);
        Assert.That(parameters, Is.EqualTo(new[] { 0.9f, 1.1f, 0.9f }).Within(1e-5f));
    }

    [Test]
    public void Adam_OnAQuadratic_ConvergesToItsMinimum()
    {
        var adam = new Adam<double>(2, learningRate: 0.05);
        double[] x = [3, -2];
        for (int step = 0; step < 2000; step++) adam.Step(x, [2 * (x[0] - 1), 2 * (x[1] + 0.5)]);
        Assert.That(x, Is.EqualTo(new[] { 1.0, -0.5 }).Within(1e-3));
    }

    private static void AssertGradient(double[] variables, double[] gradient, Func<double> loss, string name)
    {
        const double h = 1e-6;
        for (int i = 0; i < variables.Length; i++)
        {
            double saved = variables[i];
            variables[i] = saved + h;
            double plus = loss();
            variables[i] = saved - h;
            double minus = loss();
            variables[i] = saved;
            Assert.That(gradient[i], Is.EqualTo((plus - minus) / (2 * h)).Within(1e-8), $"{name} {i}");
        }
    }
}
