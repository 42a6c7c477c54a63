using System.Numerics.Tensors;
using QSim.Backends;
using QSim.Estimation;
using QSim.Noise;
using QSim.Tests.Noise;

namespace QSim.Tests.Estimation;

/// <summary>
/// The tensor and span calls of a <see cref="QuantumLayer"/> with a noise model give the array calls' numbers: exact on
/// density matrices, and the same seeded trajectories (with parameter-shift gradients) on state vectors.
/// </summary>
public sealed class NoisyQuantumLayerTensorTests : NoiseBackends
{
    private static readonly NoiseModel Model = new NoiseModel()
        .AddGateNoise(ChannelLibrary.Depolarizing.Bind(0.05), ["ry"])
        .AddGateNoise(ChannelLibrary.AmplitudeDamping.Bind(0.1), ["rz"]);

    [TestCase(true, TestName = "TensorCalls_WithANoiseModelOnDensityMatrices_GiveTheArrayCallsNumbers")]
    [TestCase(false, TestName = "TensorCalls_WithANoiseModelOnTrajectories_GiveTheArrayCallsNumbers")]
    public void TensorCalls_WithANoiseModel_GiveTheArrayCallsNumbers(bool densityMatrix)
    {
        IBackend backend = densityMatrix ? Exact : Cpu;
        var options = new EstimatorOptions { Precision = Precision.Double, Trajectories = 40, Seed = 3 };
        using var layer = QuantumLayer.AngleEncoded(3, 3, 1, new Estimator(backend, options), noise: Model);
        var inputs = new double[,] { { 0.3, -1.1, 0.4 }, { 1.2, 0.5, -0.7 } };
        var upstream = new double[,] { { 1, -0.5, 0.25 }, { 0.5, 1, -1 } };
        var weights = Enumerable.Range(0, layer.WeightCount).Select(i => 0.2 * i - 0.5).ToArray();
        var expectedOutputs = layer.Forward(inputs, weights);
        var expectedGradients = layer.Backward(inputs, weights, upstream);

        double[] x = Flat(inputs), dy = Flat(upstream), y = new double[6], dx = new double[6], dw = new double[layer.WeightCount];
        layer.Forward(new ReadOnlyTensorSpan<double>(x, [2, 3]), weights, new TensorSpan<double>(y, [2, 3]));
        layer.Backward(new ReadOnlyTensorSpan<double>(x, [2, 3]), weights, new ReadOnlyTensorSpan<double>(dy, [2, 3]),
            new TensorSpan<double>(dx, [2, 3]), dw);

        Assert.That(y, Is.EqualTo(Flat(expectedOutputs)).Within(1e-12));
        Assert.That(dx, Is.EqualTo(Flat(expectedGradients.Inputs)).Within(1e-12));
        Assert.That(dw, Is.EqualTo(expectedGradients.Weights).Within(1e-12));
    }

    private static double[] Flat(double[,] values) => [.. values.Cast<double>()];
}
