using System.Numerics;
using System.Numerics.Tensors;

namespace QSim.Samples;

/// <summary>
/// The Adam optimizer (Kingma and Ba, 2015) on a flat parameter vector: running means of the gradient and of its square,
/// bias-corrected, scale each parameter's step. Every update is a handful of <see cref="TensorPrimitives"/> passes.
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class Adam<T> where T : IFloatingPointIeee754<T>
{
    private readonly T[] _mean, _square, _scratch;
    private readonly T _learningRate, _beta1, _beta2, _epsilon;
    private int _step;

    /// <summary>An optimizer for <paramref name="size"/> parameters with the usual defaults β1 = 0.9, β2 = 0.999, ε = 1e-8.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The size is negative or the learning rate is not positive.</exception>
    public Adam(int size, double learningRate, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(learningRate);
        (_mean, _square, _scratch) = (new T[size], new T[size], new T[size]);
        (_learningRate, _beta1, _beta2, _epsilon) = (T.CreateChecked(learningRate), T.CreateChecked(beta1), T.CreateChecked(beta2), T.CreateChecked(epsilon));
    }

    /// <summary>Moves <paramref name="parameters"/> one step against <paramref name="gradient"/> (of the loss to minimise).</summary>
    /// <exception cref="ArgumentException">A span's length differs from the optimizer's size.</exception>
    public void Step(Span<T> parameters, ReadOnlySpan<T> gradient)
    {
        if (parameters.Length != _mean.Length || gradient.Length != _mean.Length)
            throw new ArgumentException($"Adam was made for {_mean.Length} parameters; got {parameters.Length} and a gradient of {gradient.Length}.");
        _step++;
        T one = T.One;
        T meanCorrection = one - T.Pow(_beta1, T.CreateChecked(_step)), squareCorrection = one - T.Pow(_beta2, T.CreateChecked(_step));
        // m ← β1·m + (1 − β1)·g and v ← β2·v + (1 − β2)·g².
        TensorPrimitives.Multiply(_mean, _beta1, _mean);
        TensorPrimitives.MultiplyAdd(gradient, one - _beta1, _mean, _mean);
        TensorPrimitives.Multiply(gradient, gradient, _scratch);
        TensorPrimitives.Multiply(_square, _beta2, _square);
        TensorPrimitives.MultiplyAdd(_scratch, one - _beta2, _square, _square);
        // θ ← θ − η · (m / c1) / (√(v / c2) + ε).
        TensorPrimitives.Divide(_square, squareCorrection, _scratch);
        TensorPrimitives.Sqrt(_scratch, _scratch);
        TensorPrimitives.Add(_scratch, _epsilon, _scratch);
        TensorPrimitives.Divide(_mean, _scratch, _scratch);
        TensorPrimitives.MultiplyAdd(_scratch, -_learningRate / meanCorrection, parameters, parameters);
    }
}
