using System.Numerics;
using System.Numerics.Tensors;
using QSim.Backends;
using QSim.Parameters;

namespace QSim.Estimation;

// The layer on .NET's tensor types: batch-first tensor spans (or row-major spans) in, caller buffers out, nothing allocated
// per call once the buffers below have grown to the batch size. The contract, for wrapping the layer in an autograd library:
//   inputs            [B, I]  row r is sample r; column i is InputSymbols[i]
//   weights           [W]     WeightSymbols order, shared by every row
//   outputs           [B, O]  column o is the expectation value of observable o
//   outputGradients   [B, O]  ∂L/∂outputs
//   inputGradients    [B, I]  ∂L/∂inputs[r, i] = Σ_o outputGradients[r, o] · ∂outputs[r, o]/∂inputs[r, i]
//   weightGradients   [W]     ∂L/∂weights[w]   = Σ_r Σ_o outputGradients[r, o] · ∂outputs[r, o]/∂weights[w]
public sealed partial class QuantumLayer
{
    private readonly CallGuard _tensorCalls = new(nameof(QuantumLayer));
    // Grow-only buffers: parameter rows [B × P] in the estimator's column order, values [B × O], Jacobian [B × O × P], and
    // the weights and their gradient in double.
    private double[] _parameterRows = [], _values = [], _jacobian = [], _weightValues = [], _weightSums = [];

    /// <summary>The circuit symbols the input columns feed, in column order (column i of the inputs is <c>InputSymbols[i]</c>).</summary>
    public IReadOnlyList<Symbol> InputSymbols => [.. _inputColumns.Select(c => _estimator.Parameters[c])];

    /// <summary>The circuit symbols of the weights, in the order of the weight vector and its gradient.</summary>
    public IReadOnlyList<Symbol> WeightSymbols => [.. _weightColumns.Select(c => _estimator.Parameters[c])];

    /// <summary>
    /// Outputs [B, O] for inputs [B, I] and weights [W], written into <paramref name="outputs"/>: row r of
    /// <paramref name="outputs"/> holds the expectation values of the observables (in their order) at row r of
    /// <paramref name="inputs"/>. Tensor spans may have any strides; values are computed in the estimator's precision and
    /// rounded to the element type. After the first call with a batch size, a call allocates nothing (on a backend without
    /// native batches, for a circuit without noise channels).
    /// </summary>
    /// <exception cref="ArgumentException">A tensor is not of rank 2, or a shape differs from [B, I], [W], [B, O].</exception>
    /// <exception cref="ParameterBindingException">An input or weight is not finite (the message names its symbol and row).</exception>
    /// <exception cref="OperationCanceledException">The call was cancelled.</exception>
    /// <exception cref="ObjectDisposedException">The layer was disposed.</exception>
    /// <exception cref="InvalidOperationException">Another thread is in a call of this layer.</exception>
    public void Forward(ReadOnlyTensorSpan<float> inputs, ReadOnlySpan<float> weights, TensorSpan<float> outputs, CancellationToken cancellation = default) =>
        ForwardCore(inputs, weights, outputs, cancellation);

    /// <inheritdoc cref="Forward(ReadOnlyTensorSpan{float}, ReadOnlySpan{float}, TensorSpan{float}, CancellationToken)"/>
    public void Forward(ReadOnlyTensorSpan<double> inputs, ReadOnlySpan<double> weights, TensorSpan<double> outputs, CancellationToken cancellation = default) =>
        ForwardCore(inputs, weights, outputs, cancellation);

    /// <summary>
    /// Outputs for row-major buffers: <paramref name="inputs"/> [B × I] (<c>inputs[r * I + i]</c>), <paramref name="weights"/>
    /// [W], <paramref name="outputs"/> [B × O] (<c>outputs[r * O + o]</c>); B is <c>outputs.Length / O</c>. Otherwise as
    /// <see cref="Forward(ReadOnlyTensorSpan{float}, ReadOnlySpan{float}, TensorSpan{float}, CancellationToken)"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The lengths do not make B whole rows of I inputs and O outputs, or W weights.</exception>
    /// <exception cref="ParameterBindingException">An input or weight is not finite (the message names its symbol and row).</exception>
    /// <exception cref="OperationCanceledException">The call was cancelled.</exception>
    /// <exception cref="ObjectDisposedException">The layer was disposed.</exception>
    /// <exception cref="InvalidOperationException">Another thread is in a call of this layer.</exception>
    public void Forward(ReadOnlySpan<float> inputs, ReadOnlySpan<float> weights, Span<float> outputs, CancellationToken cancellation = default)
    {
        int rows = RowsOf(outputs.Length, OutputCount, nameof(outputs));
        ForwardCore(AsMatrix(inputs, rows, InputCount, nameof(inputs)), weights, AsMatrix(outputs, rows, OutputCount, nameof(outputs)), cancellation);
    }

    /// <inheritdoc cref="Forward(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, CancellationToken)"/>
    public void Forward(ReadOnlySpan<double> inputs, ReadOnlySpan<double> weights, Span<double> outputs, CancellationToken cancellation = default)
    {
        int rows = RowsOf(outputs.Length, OutputCount, nameof(outputs));
        ForwardCore(AsMatrix(inputs, rows, InputCount, nameof(inputs)), weights, AsMatrix(outputs, rows, OutputCount, nameof(outputs)), cancellation);
    }

    /// <summary>
    /// Gradients of a loss L for ∂L/∂outputs [B, O] at the same inputs [B, I] and weights [W] (exact, by the adjoint method,
    /// for a noiseless circuit):
    /// <paramref name="inputGradients"/> [B, I] receives ∂L/∂inputs per row and <paramref name="weightGradients"/> [W]
    /// ∂L/∂weights summed over the batch (both overwritten, not accumulated). Tensor spans may have any strides. After the
    /// first call with a batch size, a call allocates nothing (on a backend without native batches, for a circuit without noise
    /// channels). With noise, gradients are those of the array <see cref="Backward(double[,], double[], double[,], CancellationToken)"/>.
    /// </summary>
    /// <exception cref="ArgumentException">A tensor is not of rank 2, or a shape differs from [B, I], [W], [B, O].</exception>
    /// <exception cref="ParameterBindingException">An input or weight is not finite (the message names its symbol and row).</exception>
    /// <exception cref="NotSupportedException">A gate of the circuit has no known generator.</exception>
    /// <exception cref="OperationCanceledException">The call was cancelled.</exception>
    /// <exception cref="ObjectDisposedException">The layer was disposed.</exception>
    /// <exception cref="InvalidOperationException">Another thread is in a call of this layer.</exception>
    public void Backward(ReadOnlyTensorSpan<float> inputs, ReadOnlySpan<float> weights, ReadOnlyTensorSpan<float> outputGradients,
        TensorSpan<float> inputGradients, Span<float> weightGradients, CancellationToken cancellation = default) =>
        BackwardCore(inputs, weights, outputGradients, inputGradients, weightGradients, cancellation);

    /// <inheritdoc cref="Backward(ReadOnlyTensorSpan{float}, ReadOnlySpan{float}, ReadOnlyTensorSpan{float}, TensorSpan{float}, Span{float}, CancellationToken)"/>
    public void Backward(ReadOnlyTensorSpan<double> inputs, ReadOnlySpan<double> weights, ReadOnlyTensorSpan<double> outputGradients,
        TensorSpan<double> inputGradients, Span<double> weightGradients, CancellationToken cancellation = default) =>
        BackwardCore(inputs, weights, outputGradients, inputGradients, weightGradients, cancellation);

    /// <summary>
    /// Gradients for row-major buffers: <paramref name="inputs"/> [B × I], <paramref name="weights"/> [W],
    /// <paramref name="outputGradients"/> [B × O], <paramref name="inputGradients"/> [B × I], <paramref name="weightGradients"/>
    /// [W]; B is <c>outputGradients.Length / O</c>. Otherwise as
    /// <see cref="Backward(ReadOnlyTensorSpan{float}, ReadOnlySpan{float}, ReadOnlyTensorSpan{float}, TensorSpan{float}, Span{float}, CancellationToken)"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The lengths do not make B whole rows of I inputs and O outputs, or W weights.</exception>
    /// <exception cref="ParameterBindingException">An input or weight is not finite (the message names its symbol and row).</exception>
    /// <exception cref="NotSupportedException">A gate of the circuit has no known generator.</exception>
    /// <exception cref="OperationCanceledException">The call was cancelled.</exception>
    /// <exception cref="ObjectDisposedException">The layer was disposed.</exception>
    /// <exception cref="InvalidOperationException">Another thread is in a call of this layer.</exception>
    public void Backward(ReadOnlySpan<float> inputs, ReadOnlySpan<float> weights, ReadOnlySpan<float> outputGradients,
        Span<float> inputGradients, Span<float> weightGradients, CancellationToken cancellation = default)
    {
        int rows = RowsOf(outputGradients.Length, OutputCount, nameof(outputGradients));
        BackwardCore(AsMatrix(inputs, rows, InputCount, nameof(inputs)), weights, AsMatrix(outputGradients, rows, OutputCount, nameof(outputGradients)),
            AsMatrix(inputGradients, rows, InputCount, nameof(inputGradients)), weightGradients, cancellation);
    }

    /// <inheritdoc cref="Backward(ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, Span{float}, CancellationToken)"/>
    public void Backward(ReadOnlySpan<double> inputs, ReadOnlySpan<double> weights, ReadOnlySpan<double> outputGradients,
        Span<double> inputGradients, Span<double> weightGradients, CancellationToken cancellation = default)
    {
        int rows = RowsOf(outputGradients.Length, OutputCount, nameof(outputGradients));
        BackwardCore(AsMatrix(inputs, rows, InputCount, nameof(inputs)), weights, AsMatrix(outputGradients, rows, OutputCount, nameof(outputGradients)),
            AsMatrix(inputGradients, rows, InputCount, nameof(inputGradients)), weightGradients, cancellation);
    }

    private void ForwardCore<T>(in ReadOnlyTensorSpan<T> inputs, ReadOnlySpan<T> weights, in TensorSpan<T> outputs, CancellationToken cancellation)
        where T : IFloatingPointIeee754<T>
    {
        using var call = _tensorCalls.Enter();
        int rows = CheckInputs(inputs, weights);
        CheckShape(outputs.Lengths, rows, OutputCount, nameof(outputs));
        var parameters = StageParameters(inputs, weights, rows);
        var values = Buffer(ref _values, rows * OutputCount);
        _estimator.Evaluate(parameters, values, cancellation);
        for (int r = 0; r < rows; r++)
            for (int o = 0; o < OutputCount; o++) outputs[r, o] = T.CreateTruncating(values[r * OutputCount + o]);
    }

    private void BackwardCore<T>(in ReadOnlyTensorSpan<T> inputs, ReadOnlySpan<T> weights, in ReadOnlyTensorSpan<T> outputGradients,
        in TensorSpan<T> inputGradients, Span<T> weightGradients, CancellationToken cancellation)
        where T : IFloatingPointIeee754<T>
    {
        using var call = _tensorCalls.Enter();
        int rows = CheckInputs(inputs, weights);
        CheckShape(outputGradients.Lengths, rows, OutputCount, nameof(outputGradients));
        CheckShape(inputGradients.Lengths, rows, InputCount, nameof(inputGradients));
        if (weightGradients.Length != WeightCount)
            throw new ArgumentException($"Expected {WeightCount} weight gradient(s); the buffer holds {weightGradients.Length}.", nameof(weightGradients));
        int o = OutputCount, p = _estimator.Parameters.Count;
        var parameters = StageParameters(inputs, weights, rows);
        var jacobian = Buffer(ref _jacobian, rows * o * p);
        // Trajectories cannot take the adjoint method; their shifted runs share each trajectory's draws (as Backward on arrays).
        var method = _estimator.RunsTrajectories ? GradientMethod.ParameterShift : GradientMethod.Adjoint;
        _estimator.EvaluateWithGradient(parameters, Buffer(ref _values, rows * o), jacobian, method, cancellation);
        var weightSums = Buffer(ref _weightSums, WeightCount);
        weightSums.Clear();
        for (int r = 0; r < rows; r++)
        {
            for (int i = 0; i < InputCount; i++)
            {
                double sum = 0;
                for (int k = 0; k < o; k++) sum += double.CreateTruncating(outputGradients[r, k]) * jacobian[(r * o + k) * p + _inputColumns[i]];
                inputGradients[r, i] = T.CreateTruncating(sum);
            }
            for (int k = 0; k < o; k++)
            {
                double upstream = double.CreateTruncating(outputGradients[r, k]);
                var derivatives = jacobian.Slice((r * o + k) * p, p);
                for (int w = 0; w < WeightCount; w++) weightSums[w] += upstream * derivatives[_weightColumns[w]];
            }
        }
        for (int w = 0; w < WeightCount; w++) weightGradients[w] = T.CreateTruncating(weightSums[w]);
    }

    /// <summary>Checks the inputs [B, I] and weights [W]; returns B.</summary>
    private int CheckInputs<T>(in ReadOnlyTensorSpan<T> inputs, ReadOnlySpan<T> weights)
    {
        if (inputs.Rank != 2 || inputs.Lengths[1] != InputCount)
            throw new ArgumentException($"Expected inputs of shape [B, {InputCount}]; got [{string.Join(", ", inputs.Lengths.ToArray())}].", nameof(inputs));
        if (weights.Length != WeightCount)
            throw new ArgumentException($"Expected {WeightCount} weight(s); got {weights.Length}.", nameof(weights));
        return checked((int)inputs.Lengths[0]);
    }

    private static void CheckShape(ReadOnlySpan<nint> lengths, int rows, int columns, string name)
    {
        if (lengths.Length != 2 || lengths[0] != rows || lengths[1] != columns)
            throw new ArgumentException($"Expected {name} of shape [{rows}, {columns}]; got [{string.Join(", ", lengths.ToArray())}].", name);
    }

    /// <summary>Parameter rows [B × P] in the estimator's column order: row r's inputs and the shared weights.</summary>
    private ReadOnlySpan<double> StageParameters<T>(in ReadOnlyTensorSpan<T> inputs, ReadOnlySpan<T> weights, int rows)
        where T : IFloatingPointIeee754<T>
    {
        int p = _estimator.Parameters.Count;
        var weightValues = Buffer(ref _weightValues, WeightCount);
        for (int w = 0; w < WeightCount; w++) weightValues[w] = double.CreateTruncating(weights[w]);
        var parameters = Buffer(ref _parameterRows, rows * p);
        for (int r = 0; r < rows; r++)
        {
            var row = parameters.Slice(r * p, p);
            for (int i = 0; i < InputCount; i++) row[_inputColumns[i]] = double.CreateTruncating(inputs[r, i]);
            for (int w = 0; w < WeightCount; w++) row[_weightColumns[w]] = weightValues[w];
        }
        return parameters;
    }

    /// <summary>The first <paramref name="length"/> elements of <paramref name="buffer"/>, grown (never shrunk) to hold them.</summary>
    private static Span<double> Buffer(ref double[] buffer, int length)
    {
        if (buffer.Length < length) buffer = new double[length];
        return buffer.AsSpan(0, length);
    }

    private static int RowsOf(int length, int columns, string name) => length % columns == 0
        ? length / columns
        : throw new ArgumentException($"The {name} buffer holds {length} numbers, not a whole number of rows of {columns}.", name);

    private static ReadOnlyTensorSpan<T> AsMatrix<T>(ReadOnlySpan<T> buffer, int rows, int columns, string name) =>
        buffer.Length == (long)rows * columns
            ? new ReadOnlyTensorSpan<T>(buffer, [rows, columns])
            : throw new ArgumentException($"Expected {name} of {rows} × {columns} = {(long)rows * columns} numbers; the buffer holds {buffer.Length}.", name);

    private static TensorSpan<T> AsMatrix<T>(Span<T> buffer, int rows, int columns, string name) =>
        buffer.Length == (long)rows * columns
            ? new TensorSpan<T>(buffer, [rows, columns])
            : throw new ArgumentException($"Expected {name} of {rows} × {columns} = {(long)rows * columns} numbers; the buffer holds {buffer.Length}.", name);
}
