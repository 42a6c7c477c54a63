using QSim.Circuits;
using QSim.Observables;
using QSim.Parameters;

namespace QSim.Estimation;

/// <summary>Gradients of a loss with respect to a <see cref="QuantumLayer"/>'s inputs [B, I] and weights [W].</summary>
public sealed record QuantumLayerGradients(double[,] Inputs, double[] Weights);

/// <summary>
/// A layer for hybrid models (TensorFlow Quantum's PQC): classical inputs enter a circuit through encoding
/// gates (e.g. RY(x_i) on qubit i), trainable weights parameterize the rest, and the outputs are expectation
/// values. <see cref="Backward(double[,], double[], double[,], CancellationToken)"/> takes ∂L/∂outputs and returns ∂L/∂inputs and ∂L/∂weights from exact
/// gradients, so the layer composes with any hand-written or autodiff classical layer. It compiles the
/// circuit once and reuses its states for every batch. With a noise model its circuit is the noisy one: exact on the
/// density-matrix backend (gradients by the adjoint method there too), averaged over the estimator's quantum trajectories on
/// a state-vector backend (gradients by parameter shift, whose shifted runs share each trajectory's draws). One call at a
/// time (a concurrent call throws <see cref="InvalidOperationException"/>; calls after <see cref="Dispose"/> throw
/// <see cref="ObjectDisposedException"/>).
/// </summary>
public sealed partial class QuantumLayer : IDisposable
{
    private readonly CompiledEstimator _estimator;
    private readonly int[] _inputColumns, _weightColumns;

    /// <summary>
    /// Creates a layer whose circuit symbols are exactly <paramref name="inputs"/> and <paramref name="weights"/>, with the
    /// channels of <paramref name="noise"/> in its circuit when given (its readout errors do not change expectation values).
    /// </summary>
    /// <exception cref="ArgumentException">A circuit symbol is neither an input nor a weight, or one is both or absent.</exception>
    public QuantumLayer(Circuit circuit, IReadOnlyList<Symbol> inputs, IReadOnlyList<Symbol> weights, IReadOnlyList<PauliSum> observables, Estimator estimator,
        Noise.NoiseModel? noise = null)
    {
        if (noise is not null) circuit = noise.Apply(circuit).Circuit;
        var symbols = circuit.Symbols;
        var unassigned = symbols.Where(s => !inputs.Contains(s) && !weights.Contains(s)).Select(s => s.Name).ToList();
        if (unassigned.Count > 0)
            throw new ArgumentException($"Circuit parameter(s) {string.Join(", ", unassigned)} are neither inputs nor weights.", nameof(circuit));
        var both = inputs.Where(weights.Contains).Select(s => s.Name).ToList();
        if (both.Count > 0) throw new ArgumentException($"Parameter(s) {string.Join(", ", both)} are both inputs and weights.", nameof(weights));
        int Column(Symbol s) => symbols.ToList().IndexOf(s) is var c and >= 0
            ? c
            : throw new ArgumentException($"Parameter '{s.Name}' does not appear in the circuit.", nameof(circuit));
        _inputColumns = inputs.Select(Column).ToArray();
        _weightColumns = weights.Select(Column).ToArray();
        _estimator = estimator.Compile(circuit, observables);
    }

    /// <summary>
    /// The usual shape: RY(x_i) on qubit i for <paramref name="inputs"/> inputs, then a hardware-efficient
    /// ansatz of <paramref name="layers"/> layers; outputs ⟨Z_q⟩ on every qubit unless <paramref name="observables"/> are given.
    /// </summary>
    public static QuantumLayer AngleEncoded(int qubits, int inputs, int layers, Estimator estimator, IReadOnlyList<PauliSum>? observables = null,
        Noise.NoiseModel? noise = null)
    {
        var circuit = new Circuit(qubits);
        var x = Ansatz.AppendAngleEncoding(circuit, inputs);
        Ansatz.AppendHardwareEfficient(circuit, layers);
        var weights = circuit.Symbols.Except(x).ToArray();
        observables ??= Enumerable.Range(0, qubits).Select(q => (PauliSum)PauliString.Z(q)).ToArray();
        return new QuantumLayer(circuit, x, weights, observables, estimator, noise);
    }

    /// <summary>Number of classical inputs per sample.</summary>
    public int InputCount => _inputColumns.Length;

    /// <summary>Number of trainable weights.</summary>
    public int WeightCount => _weightColumns.Length;

    /// <summary>Number of outputs (observables).</summary>
    public int OutputCount => _estimator.ObservableCount;

    /// <summary>Outputs [B, O] for inputs [B, I] and weights [W].</summary>
    /// <exception cref="OperationCanceledException">The call was cancelled.</exception>
    public double[,] Forward(double[,] inputs, double[] weights, CancellationToken cancellation = default) =>
        _estimator.Evaluate(Parameters(inputs, weights), cancellation);

    /// <summary>
    /// ∂L/∂inputs [B, I] and ∂L/∂weights [W] (summed over the batch) given ∂L/∂outputs [B, O] at the same inputs and weights.
    /// </summary>
    /// <exception cref="OperationCanceledException">The call was cancelled.</exception>
    public QuantumLayerGradients Backward(double[,] inputs, double[] weights, double[,] outputGradients, CancellationToken cancellation = default)
    {
        int b = inputs.GetLength(0), o = OutputCount;
        if (outputGradients.GetLength(0) != b || outputGradients.GetLength(1) != o)
            throw new ArgumentException($"Expected output gradients [{b}, {o}]; got [{outputGradients.GetLength(0)}, {outputGradients.GetLength(1)}].", nameof(outputGradients));
        var method = _estimator.RunsTrajectories ? GradientMethod.ParameterShift : GradientMethod.Adjoint;
        var jacobian = _estimator.EvaluateWithGradient(Parameters(inputs, weights), method, cancellation).Gradients;
        var dInputs = new double[b, InputCount];
        var dWeights = new double[WeightCount];
        for (int r = 0; r < b; r++)
            for (int k = 0; k < o; k++)
            {
                double upstream = outputGradients[r, k];
                for (int i = 0; i < _inputColumns.Length; i++) dInputs[r, i] += upstream * jacobian[r, k, _inputColumns[i]];
                for (int w = 0; w < _weightColumns.Length; w++) dWeights[w] += upstream * jacobian[r, k, _weightColumns[w]];
            }
        return new QuantumLayerGradients(dInputs, dWeights);
    }

    /// <inheritdoc/>
    public void Dispose() => _estimator.Dispose();

    private double[,] Parameters(double[,] inputs, double[] weights)
    {
        if (inputs.GetLength(1) != InputCount)
            throw new ParameterBindingException($"Expected {InputCount} input column(s); got {inputs.GetLength(1)}.");
        if (weights.Length != WeightCount)
            throw new ParameterBindingException($"Expected {WeightCount} weight(s); got {weights.Length}.");
        int b = inputs.GetLength(0);
        var parameters = new double[b, _inputColumns.Length + _weightColumns.Length];
        for (int r = 0; r < b; r++)
        {
            for (int i = 0; i < _inputColumns.Length; i++) parameters[r, _inputColumns[i]] = inputs[r, i];
            for (int w = 0; w < _weightColumns.Length; w++) parameters[r, _weightColumns[w]] = weights[w];
        }
        return parameters;
    }
}
