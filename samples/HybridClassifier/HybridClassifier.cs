using System.Numerics.Tensors;
using QSim.Backends;
using QSim.Cpu;
using QSim.Estimation;

namespace QSim.Samples;

/// <summary>Settings of <see cref="HybridClassifier.Train"/>.</summary>
/// <param name="Epochs">Full-batch training steps.</param>
/// <param name="TrainSize">Training points.</param>
/// <param name="TestSize">Held-out points, drawn with another seed.</param>
/// <param name="Qubits">Qubits of the quantum layer (also the width of the dense layers around it).</param>
/// <param name="Layers">Layers of its hardware-efficient ansatz.</param>
/// <param name="LearningRate">Adam's step size.</param>
/// <param name="Seed">Seed of the initial weights.</param>
public sealed record HybridClassifierSettings(
    int Epochs = 60, int TrainSize = 200, int TestSize = 200, int Qubits = 3, int Layers = 2, double LearningRate = 0.1, int Seed = 7);

/// <summary>What a training run reached.</summary>
/// <param name="Losses">Training loss per epoch.</param>
/// <param name="TrainAccuracy">Fraction of training points classified right after the last epoch.</param>
/// <param name="TestAccuracy">Fraction of held-out points classified right.</param>
public sealed record HybridClassifierResult(IReadOnlyList<double> Losses, double TrainAccuracy, double TestAccuracy);

/// <summary>
/// A hybrid classifier on two moons: dense 2 → Q, a <see cref="QuantumLayer"/> (RY angle encoding of the Q features, a
/// hardware-efficient ansatz, ⟨Z_q⟩ on every qubit), dense Q → 1, and a sigmoid, trained end to end with Adam on binary
/// cross-entropy. Batches are float tensors: the quantum layer reads its [B, Q] input and writes its [B, Q] output and the
/// gradients into buffers allocated once, before the first epoch.
/// </summary>
public static class HybridClassifier
{
    /// <summary>Trains on <see cref="TwoMoons"/> points, printing the loss and training accuracy per epoch to <paramref name="output"/>.</summary>
    public static HybridClassifierResult Train(HybridClassifierSettings settings, TextWriter output)
    {
        int q = settings.Qubits, n = settings.TrainSize;
        var (points, labels) = TwoMoons.Generate(n, noise: 0.1, seed: 1);
        var random = new Random(settings.Seed);

        using var backend = new CpuBackend();
        var estimator = new Estimator(backend, new EstimatorOptions { Precision = Precision.Single });
        using var quantum = QuantumLayer.AngleEncoded(q, inputs: q, settings.Layers, estimator);
        var encoder = new DenseLayer<float>(2, q, random);
        var head = new DenseLayer<float>(q, 1, random);
        var weights = new float[quantum.WeightCount];
        for (int i = 0; i < weights.Length; i++) weights[i] = (float)(random.NextDouble() - 0.5);
        var (encoderAdam, quantumAdam, headAdam) = (new Adam<float>(encoder.Parameters.Length, settings.LearningRate),
            new Adam<float>(weights.Length, settings.LearningRate), new Adam<float>(head.Parameters.Length, settings.LearningRate));

        // Activations and gradients, [B, Q] row-major unless said otherwise.
        float[] features = new float[n * q], expectations = new float[n * q], logits = new float[n], dLogits = new float[n];
        float[] dExpectations = new float[n * q], dFeatures = new float[n * q], dWeights = new float[weights.Length];
        var featureTensor = new TensorSpan<float>(features, [n, q]);

        output.WriteLine($"Hybrid classifier: dense 2→{q}, quantum layer ({q} qubits, {settings.Layers} layers, {weights.Length} weights), dense {q}→1, sigmoid; {n} two-moons points");
        var curve = new TrainingCurve(output, "loss", settings.Epochs, printEvery: 5);
        curve.PrintHeader("train accuracy");
        for (int epoch = 0; epoch < settings.Epochs; epoch++)
        {
            encoder.Forward(points, features);
            quantum.Forward(featureTensor, weights, new TensorSpan<float>(expectations, [n, q]));
            head.Forward(expectations, logits);
            double loss = Losses.BinaryCrossEntropyWithLogits<float>(logits, labels, dLogits);
            double accuracy = Accuracy(logits, labels);

            head.Backward(expectations, dLogits, dExpectations);
            quantum.Backward(featureTensor, weights, new ReadOnlyTensorSpan<float>(dExpectations, [n, q]), new TensorSpan<float>(dFeatures, [n, q]), dWeights);
            encoder.Backward(points, dFeatures, []);
            headAdam.Step(head.Parameters, head.Gradient);
            quantumAdam.Step(weights, dWeights);
            encoderAdam.Step(encoder.Parameters, encoder.Gradient);
            curve.Add(loss, $"{accuracy:P1}");
        }

        double trainAccuracy = Evaluate(points, labels);
        var (testPoints, testLabels) = TwoMoons.Generate(settings.TestSize, noise: 0.1, seed: 2);
        double testAccuracy = Evaluate(testPoints, testLabels);
        output.WriteLine($"train accuracy {trainAccuracy:P1}, test accuracy {testAccuracy:P1} on {settings.TestSize} held-out points");
        return new HybridClassifierResult(curve.Values, trainAccuracy, testAccuracy);

        double Evaluate(float[] x, float[] y)
        {
            int rows = y.Length;
            float[] hidden = new float[rows * q], measured = new float[rows * q], scores = new float[rows];
            encoder.Forward(x, hidden);
            quantum.Forward(hidden, weights, measured);
            head.Forward(measured, scores);
            return Accuracy(scores, y);
        }
    }

    /// <summary>The fraction of rows whose logit has the sign of its label (positive for class 1).</summary>
    private static double Accuracy(ReadOnlySpan<float> logits, ReadOnlySpan<float> labels)
    {
        int right = 0;
        for (int i = 0; i < logits.Length; i++) right += (logits[i] > 0) == (labels[i] > 0.5f) ? 1 : 0;
        return (double)right / logits.Length;
    }
}
