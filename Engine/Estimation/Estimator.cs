using QSim.Backends;
using QSim.Circuits;
using QSim.Observables;
using QSim.Parameters;
using QSim.Passes;

namespace QSim.Estimation;

/// <summary>
/// Expectation values of observables for a batch of parameter sets, and their gradients, on any backend
/// (TensorFlow Quantum's Expectation layer, PennyLane's adjoint method). Parameter rows are the circuit's
/// symbols in <see cref="Circuit.Symbols"/> order. Each call compiles the circuit once; a training loop
/// that calls many times should keep a <see cref="Compile(Circuit, IReadOnlyList{PauliSum})"/>d estimator instead.
/// <code>
/// var theta = new Symbol("theta");
/// var circuit = new Circuit(2).RY(theta, 0).CX(0, 1);
/// var estimator = new Estimator(new CpuBackend(), new EstimatorOptions { Precision = Precision.Double });
/// var result = estimator.EvaluateWithGradient(circuit, [PauliSum.Parse("Z0*Z1 + 0.5*X0")], new double[,] { { 0.3 } });
/// </code>
/// </summary>
public sealed class Estimator(IBackend backend, EstimatorOptions? options = null)
{
    /// <summary>The backend states live on.</summary>
    public IBackend Backend { get; } = backend;

    /// <summary>The settings in force.</summary>
    public EstimatorOptions Options { get; } = options ?? new EstimatorOptions();

    /// <summary>Compiles <paramref name="circuit"/> and <paramref name="observables"/> for repeated batches.</summary>
    /// <exception cref="ArgumentException">The circuit is not unitary, there is no observable, or one acts on a qubit beyond the circuit.</exception>
    public CompiledEstimator Compile(Circuit circuit, IReadOnlyList<PauliSum> observables) =>
        new(Backend, Options, new VariationalPlan(circuit, Backend, Options), observables);

    /// <summary>
    /// An estimator over a circuit compiled already for this backend and the options' precision (as a command line that runs
    /// several outputs of one plan does); its terminal measurements, if any, are dropped.
    /// </summary>
    /// <exception cref="ArgumentException">The plan measures mid-circuit, resets or has conditions, was compiled for another precision, or an observable acts beyond the circuit.</exception>
    public CompiledEstimator Compile(CompiledCircuit compiled, IReadOnlyList<PauliSum> observables) =>
        new(Backend, Options, new VariationalPlan(compiled, Backend, Options), observables);

    /// <summary>
    /// The optimizer settings an estimator with <paramref name="options"/> compiles circuits with: use them to compile a
    /// circuit for <see cref="Compile(CompiledCircuit, IReadOnlyList{PauliSum})"/> that other jobs share.
    /// </summary>
    public static OptimizerOptions CompileOptions(EstimatorOptions? options = null) => VariationalPlan.OptimizerFor(options ?? new EstimatorOptions());

    /// <summary>Expectation values [B, O] for parameter rows [B, P].</summary>
    /// <exception cref="ParameterBindingException">The column count differs from the circuit's symbol count, or a value is not finite.</exception>
    public double[,] Evaluate(Circuit circuit, IReadOnlyList<PauliSum> observables, double[,] parameters)
    {
        using var compiled = Compile(circuit, observables);
        return compiled.Evaluate(parameters);
    }

    /// <summary>Expectation values [B, O] and gradients [B, O, P] for parameter rows [B, P].</summary>
    /// <exception cref="ParameterBindingException">The column count differs from the circuit's symbol count, or a value is not finite.</exception>
    /// <exception cref="NotSupportedException">The method cannot differentiate a gate of the circuit.</exception>
    public GradientResult EvaluateWithGradient(Circuit circuit, IReadOnlyList<PauliSum> observables, double[,] parameters,
        GradientMethod method = GradientMethod.Adjoint)
    {
        using var compiled = Compile(circuit, observables);
        return compiled.EvaluateWithGradient(parameters, method);
    }

    /// <summary>One parameter set given by name (as a command line reads it): values [1, O].</summary>
    /// <exception cref="ParameterBindingException">A symbol is missing, unknown, or not finite.</exception>
    public double[,] Evaluate(Circuit circuit, IReadOnlyList<PauliSum> observables, ParameterBinding binding) =>
        Evaluate(circuit, observables, SingleRow(circuit, binding));

    /// <summary>
    /// One parameter set given by name (as a command line reads it): values [1, O] and gradients [1, O, P] with
    /// P in <see cref="Circuit.Symbols"/> order, which <see cref="GradientResult.Parameters"/> lists.
    /// </summary>
    /// <exception cref="ParameterBindingException">A symbol is missing, unknown, or not finite.</exception>
    public GradientResult EvaluateWithGradient(Circuit circuit, IReadOnlyList<PauliSum> observables, ParameterBinding binding,
        GradientMethod method = GradientMethod.Adjoint) =>
        EvaluateWithGradient(circuit, observables, SingleRow(circuit, binding), method);

    /// <summary>The binding as one parameter row [1, P] in <see cref="Circuit.Symbols"/> order.</summary>
    private static double[,] SingleRow(Circuit circuit, ParameterBinding binding)
    {
        var symbols = circuit.Symbols;
        binding.RequireExactly(symbols);
        var row = new double[1, symbols.Count];
        for (int j = 0; j < symbols.Count; j++) row[0, j] = binding[symbols[j]];
        return row;
    }

    /// <summary>Shot-based estimates [B, O]; see <see cref="CompiledEstimator.EvaluateSampled"/>.</summary>
    public double[,] EvaluateSampled(Circuit circuit, IReadOnlyList<PauliSum> observables, double[,] parameters, int shotsPerGroup, ulong seed)
    {
        using var compiled = Compile(circuit, observables);
        return compiled.EvaluateSampled(parameters, shotsPerGroup, seed);
    }
}
