using System.Numerics.Tensors;
using QSim.Backends;
using QSim.Cpu;
using QSim.Estimation;
using QSim.Parameters;

namespace QSim.Tests.Estimation;

/// <summary>
/// <see cref="QuantumLayer"/> on System.Numerics.Tensors: tensor spans of any strides and row-major spans give the array
/// API's numbers in the documented layout (float rounded once from the double result), shapes are checked, and after
/// warm-up a forward or backward call allocates nothing.
/// </summary>
public sealed class QuantumLayerTensorTests
{
    private const int Qubits = 4, Inputs = 3, Batch = 6;
    private CpuBackend _backend = null!;
    private QuantumLayer _layer = null!;
    private double[,] _x = null!, _upstream = null!;
    private double[] _w = null!;

    [OneTimeSetUp]
    public void CreateLayer()
    {
        _backend = new CpuBackend(new CpuBackendOptions { Threads = 1 });
        _layer = QuantumLayer.AngleEncoded(Qubits, Inputs, layers: 2, new Estimator(_backend, new EstimatorOptions { Precision = Precision.Double }));
        var rng = new Random(11);
        _x = Random2D(rng, Batch, Inputs);
        _upstream = Random2D(rng, Batch, Qubits);
        _w = Enumerable.Range(0, _layer.WeightCount).Select(_ => rng.NextDouble() * 2 - 1).ToArray();
    }

    [OneTimeTearDown]
    public void DisposeLayer()
    {
        _layer.Dispose();
        _backend.Dispose();
    }

    [Test]
    public void Forward_DoubleTensor_EqualsTheArrayApi()
    {
        var outputs = Tensor.CreateFromShape<double>([Batch, Qubits], pinned: false);
        _layer.Forward(Tensor.Create(Flat(_x), [Batch, Inputs]), _w, outputs);
        Assert.That(Flat(outputs), Is.EqualTo(Flat(_layer.Forward(_x, _w))));
    }

    [Test]
    public void Forward_FloatTensor_IsTheDoubleResultRoundedOnce()
    {
        var outputs = Tensor.CreateFromShape<float>([Batch, Qubits], pinned: false);
        _layer.Forward(Tensor.Create(ToFloat(Flat(_x)), [Batch, Inputs]), ToFloat(_w), outputs);
        var expected = _layer.Forward(To2D(ToDouble(ToFloat(Flat(_x))), Batch, Inputs), ToDouble(ToFloat(_w)));
        Assert.That(Flat(outputs), Is.EqualTo(ToFloat(Flat(expected))));
    }

    [Test]
    public void Backward_DoubleTensor_EqualsTheArrayApi()
    {
        var inputGradients = Tensor.CreateFromShape<double>([Batch, Inputs], pinned: false);
        var weightGradients = new double[_layer.WeightCount];
        _layer.Backward(Tensor.Create(Flat(_x), [Batch, Inputs]), _w, Tensor.Create(Flat(_upstream), [Batch, Qubits]), inputGradients, weightGradients);
        var expected = _layer.Backward(_x, _w, _upstream);
        Assert.That(Flat(inputGradients), Is.EqualTo(Flat(expected.Inputs)).Within(1e-14));
        Assert.That(weightGradients, Is.EqualTo(expected.Weights).Within(1e-14));
    }

    [Test]
    public void ForwardAndBackward_StridedViews_ReadAndWriteThroughTheStrides()
    {
        // Inputs stored column-major ([I, B] memory read as [B, I]); outputs and input gradients written into every other
        // column of wider buffers.
        var columnMajor = new double[Inputs * Batch];
        for (int r = 0; r < Batch; r++)
            for (int i = 0; i < Inputs; i++) columnMajor[i * Batch + r] = _x[r, i];
        var inputs = new ReadOnlyTensorSpan<double>(columnMajor, [Batch, Inputs], [1, Batch]);
        var wideOutputs = new double[Batch * Qubits * 2];
        _layer.Forward(inputs, _w, new TensorSpan<double>(wideOutputs, [Batch, Qubits], [Qubits * 2, 2]));
        var wideGradients = new double[Batch * Inputs * 2];
        var weightGradients = new double[_layer.WeightCount];
        _layer.Backward(inputs, _w, Tensor.Create(Flat(_upstream), [Batch, Qubits]), new TensorSpan<double>(wideGradients, [Batch, Inputs], [Inputs * 2, 2]), weightGradients);

        var outputs = _layer.Forward(_x, _w);
        var expected = _layer.Backward(_x, _w, _upstream);
        Assert.Multiple(() =>
        {
            for (int r = 0; r < Batch; r++)
            {
                for (int k = 0; k < Qubits; k++)
                {
                    Assert.That(wideOutputs[r * Qubits * 2 + 2 * k], Is.EqualTo(outputs[r, k]), $"output [{r}, {k}]");
                    Assert.That(wideOutputs[r * Qubits * 2 + 2 * k + 1], Is.Zero, "a gap between columns was written");
                }
                for (int i = 0; i < Inputs; i++)
                    Assert.That(wideGradients[r * Inputs * 2 + 2 * i], Is.EqualTo(expected.Inputs[r, i]).Within(1e-14), $"input gradient [{r}, {i}]");
            }
            Assert.That(weightGradients, Is.EqualTo(expected.Weights).Within(1e-14));
        });
    }

    [Test]
    public void SpanOverloads_RowMajorBuffers_EqualTheTensorOverloads()
    {
        var x = ToFloat(Flat(_x));
        var w = ToFloat(_w);
        var up = ToFloat(Flat(_upstream));
        var outputs = new float[Batch * Qubits];
        var inputGradients = new float[Batch * Inputs];
        var weightGradients = new float[_layer.WeightCount];
        _layer.Forward(x, w, outputs);
        _layer.Backward(x, w, up, inputGradients, weightGradients);

        var tensorOutputs = Tensor.CreateFromShape<float>([Batch, Qubits], pinned: false);
        var tensorInputGradients = Tensor.CreateFromShape<float>([Batch, Inputs], pinned: false);
        var tensorWeightGradients = new float[_layer.WeightCount];
        _layer.Forward(Tensor.Create(x, [Batch, Inputs]), w, tensorOutputs);
        _layer.Backward(Tensor.Create(x, [Batch, Inputs]), w, Tensor.Create(up, [Batch, Qubits]), tensorInputGradients, tensorWeightGradients);
        Assert.That(outputs, Is.EqualTo(Flat(tensorOutputs)));
        Assert.That(inputGradients, Is.EqualTo(Flat(tensorInputGradients)));
        Assert.That(weightGradients, Is.EqualTo(tensorWeightGradients));
    }

    [Test]
    public void TensorCalls_AfterWarmUp_AllocateNothing()
    {
        var x = Tensor.Create(ToFloat(Flat(_x)), [Batch, Inputs]);
        var up = Tensor.Create(ToFloat(Flat(_upstream)), [Batch, Qubits]);
        var w = ToFloat(_w);
        var outputs = Tensor.CreateFromShape<float>([Batch, Qubits], pinned: false);
        var inputGradients = Tensor.CreateFromShape<float>([Batch, Inputs], pinned: false);
        var weightGradients = new float[_layer.WeightCount];
        var flatInputs = ToFloat(Flat(_x));
        var flatOutputs = new float[Batch * Qubits];
        void Forward() => _layer.Forward(x, w, outputs);
        void Backward() => _layer.Backward(x, w, up, inputGradients, weightGradients);
        void RowMajorForward() => _layer.Forward(flatInputs, w, flatOutputs);
        Forward();
        Backward();
        RowMajorForward();
        Assert.Multiple(() =>
        {
            Assert.That(AllocationMeter.MinimumBytesPerCall(Forward), Is.Zero, "forward");
            Assert.That(AllocationMeter.MinimumBytesPerCall(Backward), Is.Zero, "backward");
            Assert.That(AllocationMeter.MinimumBytesPerCall(RowMajorForward), Is.Zero, "forward on spans");
        });
    }

    [Test]
    public void TensorCalls_WrongShapes_NameTheExpectedShape()
    {
        var outputs = Tensor.CreateFromShape<double>([Batch, Qubits], pinned: false);
        Assert.Multiple(() =>
        {
            Assert.That(() => _layer.Forward(Tensor.CreateFromShape<double>([Batch, Inputs + 1], pinned: false), _w, outputs),
                Throws.ArgumentException.With.Message.Contains($"Expected inputs of shape [B, {Inputs}]; got [{Batch}, {Inputs + 1}]"));
            Assert.That(() => _layer.Forward(Tensor.CreateFromShape<double>([Batch, Inputs, 1], pinned: false), _w, outputs),
                Throws.ArgumentException.With.Message.Contains($"got [{Batch}, {Inputs}, 1]"));
            Assert.That(() => _layer.Forward(Tensor.CreateFromShape<double>([Batch, Inputs], pinned: false), _w.AsSpan(1), outputs),
                Throws.ArgumentException.With.Message.Contains($"Expected {_layer.WeightCount} weight(s); got {_layer.WeightCount - 1}"));
            Assert.That(() => _layer.Forward(Tensor.CreateFromShape<double>([Batch + 1, Inputs], pinned: false), _w, outputs),
                Throws.ArgumentException.With.Message.Contains($"Expected outputs of shape [{Batch + 1}, {Qubits}]; got [{Batch}, {Qubits}]"));
            Assert.That(() => _layer.Forward(new double[Batch * Inputs - 1], _w, new double[Batch * Qubits]),
                Throws.ArgumentException.With.Message.Contains($"Expected inputs of {Batch} × {Inputs}"));
            Assert.That(() => _layer.Backward(new double[Batch * Inputs], _w, new double[Batch * Qubits], new double[Batch * Inputs], new double[1]),
                Throws.ArgumentException.With.Message.Contains("weight gradient(s)"));
        });
    }

    [Test]
    public void Forward_NonFiniteInput_NamesTheSymbolAndRow()
    {
        var x = Flat(_x);
        x[2 * Inputs + 1] = double.PositiveInfinity;
        Assert.That(() => _layer.Forward(x, _w, new double[Batch * Qubits]), Throws.InstanceOf<ParameterBindingException>()
            .With.Message.Contains($"Parameter '{_layer.InputSymbols[1].Name}' in row 2"));
    }

    [Test]
    public void Symbols_ListTheInputAndWeightColumnsInOrder()
    {
        Assert.That(_layer.InputSymbols.Select(s => s.Name), Is.EqualTo(new[] { "x0", "x1", "x2" }));
        Assert.That(_layer.WeightSymbols, Has.Count.EqualTo(_layer.WeightCount));
        Assert.That(_layer.WeightSymbols[0].Name, Is.EqualTo("w0_ry0"));
    }

    private static double[,] Random2D(Random rng, int rows, int columns)
    {
        var a = new double[rows, columns];
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < columns; c++) a[r, c] = rng.NextDouble() * 2 - 1;
        return a;
    }

    private static double[] Flat(double[,] a) => a.Cast<double>().ToArray();
    private static T[] Flat<T>(Tensor<T> t) => [.. t];
    private static float[] ToFloat(double[] a) => [.. a.Select(v => (float)v)];
    private static double[] ToDouble(float[] a) => [.. a.Select(v => (double)v)];

    private static double[,] To2D(double[] flat, int rows, int columns)
    {
        var a = new double[rows, columns];
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < columns; c++) a[r, c] = flat[r * columns + c];
        return a;
    }
}
