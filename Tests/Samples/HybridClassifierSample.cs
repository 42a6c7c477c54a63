using System.Diagnostics;
using QSim.Backends;
using QSim.Cpu;
using QSim.Estimation;

namespace QSim.Tests.Samples;

/// <summary>
/// Sample: a hybrid classifier, classical dense layer → <see cref="QuantumLayer"/> → classical output with a
/// sigmoid, trained end to end with Adam on two moons generated here, gradients flowing through the quantum
/// layer's <c>QuantumLayer.Backward</c>.
/// </summary>
public sealed class HybridClassifierSample
{
    private const int Qubits = 3, Features = 2;

    [Test]
    public void HybridClassifier_TwoMoons_ReachesNinetyPercentTestAccuracy()
    {
        var (trainX, trainY) = TwoMoons(200, noise: 0.1, seed: 1);
        var (testX, testY) = TwoMoons(200, noise: 0.1, seed: 2);
        using var backend = new CpuBackend(new CpuBackendOptions { Threads = 1 });
        var estimator = new Estimator(backend, new EstimatorOptions { Precision = Precision.Double });
        using var quantum = QuantumLayer.AngleEncoded(Qubits, Qubits, layers: 2, estimator);

        // Parameters, flat: dense W1 [Qubits × Features], b1 [Qubits], quantum weights, output w2 [Qubits], b2.
        int w1 = 0, b1 = w1 + Qubits * Features, qw = b1 + Qubits, w2 = qw + quantum.WeightCount, b2 = w2 + Qubits;
        var theta = new double[b2 + 1];
        var rng = new Random(7);
        for (int i = 0; i < theta.Length; i++) theta[i] = rng.NextDouble() - 0.5;
        var adam = new Adam(theta.Length, learningRate: 0.1);
        var clock = Stopwatch.StartNew();
        const int epochs = 60;
        for (int epoch = 0; epoch < epochs; epoch++)
        {
            var hidden = Dense(trainX, theta, w1, b1);
            var weights = theta[qw..w2];
            var q = quantum.Forward(hidden, weights);
            int n = trainY.Length;
            var dq = new double[n, Qubits];
            var gradient = new double[theta.Length];
            for (int r = 0; r < n; r++)
            {
                double p = Sigmoid(Output(q, r, theta, w2, b2));
                double dz = (p - trainY[r]) / n; // binary cross-entropy through the sigmoid
                for (int k = 0; k < Qubits; k++)
                {
                    gradient[w2 + k] += dz * q[r, k];
                    dq[r, k] = dz * theta[w2 + k];
                }
                gradient[b2] += dz;
            }
            var back = quantum.Backward(hidden, weights, dq);
            back.Weights.CopyTo(gradient, qw);
            for (int r = 0; r < n; r++)
                for (int k = 0; k < Qubits; k++)
                {
                    gradient[b1 + k] += back.Inputs[r, k];
                    for (int f = 0; f < Features; f++) gradient[w1 + k * Features + f] += back.Inputs[r, k] * trainX[r, f];
                }
            adam.Step(theta, gradient);
        }
        double accuracy = Accuracy(quantum, testX, testY, theta, w1, b1, qw, w2, b2);
        double trainAccuracy = Accuracy(quantum, trainX, trainY, theta, w1, b1, qw, w2, b2);
        TestContext.Out.WriteLine($"Hybrid classifier (dense 2→{Qubits}, quantum layer {Qubits} qubits × 2 layers, dense {Qubits}→1), two moons, " +
            $"{epochs} epochs in {clock.Elapsed.TotalSeconds:F1} s: train accuracy {trainAccuracy:P1}, test accuracy {accuracy:P1}");
        Assert.That(accuracy, Is.GreaterThanOrEqualTo(0.9));
    }

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

    private static double Accuracy(QuantumLayer quantum, double[,] x, int[] y, double[] theta, int w1, int b1, int qw, int w2, int b2)
    {
        var q = quantum.Forward(Dense(x, theta, w1, b1), theta[qw..w2]);
        int correct = 0;
        for (int r = 0; r < y.Length; r++) correct += (Output(q, r, theta, w2, b2) > 0 ? 1 : 0) == y[r] ? 1 : 0;
        return (double)correct / y.Length;
    }

    private static double[,] Dense(double[,] x, double[] theta, int w, int b)
    {
        var h = new double[x.GetLength(0), Qubits];
        for (int r = 0; r < x.GetLength(0); r++)
            for (int k = 0; k < Qubits; k++)
            {
                h[r, k] = theta[b + k];
                for (int f = 0; f < Features; f++) h[r, k] += theta[w + k * Features + f] * x[r, f];
            }
        return h;
    }

    private static double Output(double[,] q, int r, double[] theta, int w2, int b2)
    {
        double z = theta[b2];
        for (int k = 0; k < Qubits; k++) z += theta[w2 + k] * q[r, k];
        return z;
    }

    private static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));

    /// <summary>scikit-learn's make_moons: two interleaved half circles with Gaussian noise, centred and scaled.</summary>
    private static (double[,] X, int[] Y) TwoMoons(int samples, double noise, int seed)
    {
        var rng = new Random(seed);
        var x = new double[samples, Features];
        var y = new int[samples];
        for (int i = 0; i < samples; i++)
        {
            y[i] = i % 2;
            double t = Math.PI * rng.NextDouble();
            double px = y[i] == 0 ? Math.Cos(t) : 1 - Math.Cos(t);
            double py = y[i] == 0 ? Math.Sin(t) : 0.5 - Math.Sin(t);
            x[i, 0] = px - 0.5 + noise * Gaussian(rng);
            x[i, 1] = py - 0.25 + noise * Gaussian(rng);
        }
        return (x, y);
    }

    private static double Gaussian(Random rng) => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
}
