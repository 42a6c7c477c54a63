using System.Numerics;
using System.Numerics.Tensors;

namespace QSim.Samples;

/// <summary>
/// A fully connected layer y = W·x + b on batches of row-major rows (<c>x[r * Inputs + i]</c>, <c>y[r * Outputs + o]</c>),
/// with W [Outputs × Inputs] row-major and b [Outputs] stored one after the other in <see cref="Parameters"/>, so that one
/// optimizer trains both. Rows are dot products and scaled additions from <see cref="TensorPrimitives"/>.
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class DenseLayer<T> where T : IFloatingPointIeee754<T>
{
    /// <summary>A layer with Glorot-uniform weights drawn from <paramref name="random"/> and zero biases.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A size is not positive.</exception>
    public DenseLayer(int inputs, int outputs, Random random)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inputs);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outputs);
        (Inputs, Outputs) = (inputs, outputs);
        Parameters = new T[outputs * inputs + outputs];
        Gradient = new T[Parameters.Length];
        double limit = Math.Sqrt(6.0 / (inputs + outputs));
        for (int i = 0; i < outputs * inputs; i++) Parameters[i] = T.CreateChecked((2 * random.NextDouble() - 1) * limit);
    }

    /// <summary>Inputs per row.</summary>
    public int Inputs { get; }

    /// <summary>Outputs per row.</summary>
    public int Outputs { get; }

    /// <summary>W [Outputs × Inputs] row-major, then b [Outputs].</summary>
    public T[] Parameters { get; }

    /// <summary>∂L/∂<see cref="Parameters"/> of the last <see cref="Backward"/>, in the same layout.</summary>
    public T[] Gradient { get; }

    private Span<T> WeightRow(Span<T> flat, int o) => flat.Slice(o * Inputs, Inputs);
    private Span<T> Biases(Span<T> flat) => flat.Slice(Outputs * Inputs, Outputs);

    /// <summary>Writes y [B × Outputs] for x [B × Inputs].</summary>
    /// <exception cref="ArgumentException">The lengths do not make the same number of whole rows.</exception>
    public void Forward(ReadOnlySpan<T> x, Span<T> y)
    {
        int rows = Rows(x, y);
        for (int r = 0; r < rows; r++)
        {
            var row = x.Slice(r * Inputs, Inputs);
            for (int o = 0; o < Outputs; o++)
                y[r * Outputs + o] = TensorPrimitives.Dot<T>(WeightRow(Parameters, o), row) + Biases(Parameters)[o];
        }
    }

    /// <summary>
    /// For ∂L/∂y [B × Outputs] at inputs x [B × Inputs], writes ∂L/∂W and ∂L/∂b (summed over the batch) into
    /// <see cref="Gradient"/> and, unless <paramref name="dx"/> is empty, ∂L/∂x [B × Inputs] into it.
    /// </summary>
    /// <exception cref="ArgumentException">The lengths do not make the same number of whole rows.</exception>
    public void Backward(ReadOnlySpan<T> x, ReadOnlySpan<T> dy, Span<T> dx)
    {
        int rows = Rows(x, dy);
        Array.Clear(Gradient);
        if (!dx.IsEmpty) dx.Clear();
        for (int r = 0; r < rows; r++)
        {
            var row = x.Slice(r * Inputs, Inputs);
            for (int o = 0; o < Outputs; o++)
            {
                T upstream = dy[r * Outputs + o];
                var gradientRow = WeightRow(Gradient, o);
                TensorPrimitives.MultiplyAdd(row, upstream, gradientRow, gradientRow);
                Biases(Gradient)[o] += upstream;
                if (dx.IsEmpty) continue;
                var dxRow = dx.Slice(r * Inputs, Inputs);
                TensorPrimitives.MultiplyAdd(WeightRow(Parameters, o), upstream, dxRow, dxRow);
            }
        }
    }

    private int Rows(ReadOnlySpan<T> x, ReadOnlySpan<T> y)
    {
        if (x.Length % Inputs != 0 || y.Length % Outputs != 0 || x.Length / Inputs != y.Length / Outputs)
            throw new ArgumentException($"Expected [B × {Inputs}] inputs and [B × {Outputs}] outputs; got {x.Length} and {y.Length} numbers.");
        return x.Length / Inputs;
    }
}
