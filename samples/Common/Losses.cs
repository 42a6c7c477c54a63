using System.Numerics;
using System.Numerics.Tensors;

namespace QSim.Samples;

/// <summary>Losses over a batch and their gradients, written with <see cref="TensorPrimitives"/>.</summary>
public static class Losses
{
    /// <summary>
    /// Mean binary cross-entropy of σ(<paramref name="logits"/>) against <paramref name="labels"/> (0 or 1), computed from the
    /// logits as max(z, 0) − z·y + ln(1 + e^−|z|) so that it never overflows; writes ∂L/∂logits = (σ(z) − y) / B.
    /// </summary>
    /// <exception cref="ArgumentException">The spans differ in length or are empty.</exception>
    public static T BinaryCrossEntropyWithLogits<T>(ReadOnlySpan<T> logits, ReadOnlySpan<T> labels, Span<T> gradient)
        where T : IFloatingPointIeee754<T>
    {
        if (logits.IsEmpty || labels.Length != logits.Length || gradient.Length != logits.Length)
            throw new ArgumentException($"Expected logits, labels and gradient of one non-zero length; got {logits.Length}, {labels.Length}, {gradient.Length}.");
        T count = T.CreateChecked(logits.Length);
        // The loss, built in the gradient buffer: ln(1 + e^−|z|) + max(z, 0) − z·y.
        TensorPrimitives.Abs(logits, gradient);
        TensorPrimitives.Negate(gradient, gradient);
        TensorPrimitives.Exp(gradient, gradient);
        TensorPrimitives.LogP1(gradient, gradient);
        T loss = TensorPrimitives.Sum<T>(gradient) - TensorPrimitives.Dot(logits, labels);
        foreach (T z in logits) loss += T.Max(z, T.Zero);
        // The gradient: (σ(z) − y) / B.
        TensorPrimitives.Sigmoid(logits, gradient);
        TensorPrimitives.Subtract(gradient, labels, gradient);
        TensorPrimitives.Divide(gradient, count, gradient);
        return loss / count;
    }

    /// <summary>Mean of (prediction − target)² over every element; writes ∂L/∂predictions = 2·(prediction − target) / N.</summary>
    /// <exception cref="ArgumentException">The spans differ in length or are empty.</exception>
    public static T MeanSquaredError<T>(ReadOnlySpan<T> predictions, ReadOnlySpan<T> targets, Span<T> gradient)
        where T : IFloatingPointIeee754<T>
    {
        if (predictions.IsEmpty || targets.Length != predictions.Length || gradient.Length != predictions.Length)
            throw new ArgumentException($"Expected predictions, targets and gradient of one non-zero length; got {predictions.Length}, {targets.Length}, {gradient.Length}.");
        T count = T.CreateChecked(predictions.Length);
        TensorPrimitives.Subtract(predictions, targets, gradient);
        T loss = TensorPrimitives.SumOfSquares<T>(gradient) / count;
        TensorPrimitives.Multiply(gradient, T.CreateChecked(2) / count, gradient);
        return loss;
    }
}
