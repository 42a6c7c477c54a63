using QSim.Backends;
using QSim.Circuits;
using QSim.Cpu;
using QSim.Estimation;
using QSim.Observables;
using QSim.Parameters;
using QSim.Tests.Oracles;

namespace QSim.Tests.Estimation;

public sealed class EstimatorTests
{
    private CpuBackend _backend = null!;

    [OneTimeSetUp] public void CreateBackend() => _backend = new CpuBackend(new CpuBackendOptions { Threads = 2 });
    [OneTimeTearDown] public void DisposeBackend() => _backend.Dispose();

    internal static double[,] RandomRows(int rows, int columns, int seed)
    {
        var rng = new Random(seed);
        var p = new double[rows, columns];
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < columns; c++) p[r, c] = rng.NextDouble() * 6 - 3;
        return p;
    }

    [Test]
    public void Evaluate_Batch_MatchesDenseReferencePerRow()
    {
        var circuit = RandomVariationalCircuits.Create(5, 30, 4, out _);
        PauliSum[] observables = [PauliSum.Parse("0.5*Z0*Z1 - 1.2*X3 + Y0*Y1"), Hamiltonians.TransverseFieldIsing(5)];
        var parameters = RandomRows(16, circuit.Symbols.Count, 1);
        var values = new Estimator(_backend, new EstimatorOptions { Precision = Precision.Double }).Evaluate(circuit, observables, parameters);
        for (int r = 0; r < 16; r++)
        {
            var binding = ParameterBinding.From(circuit.Symbols, Enumerable.Range(0, circuit.Symbols.Count).Select(c => parameters[r, c]).ToArray());
            var state = ReferenceSimulator.Run(circuit, binding);
            for (int o = 0; o < observables.Length; o++)
                Assert.That(values[r, o], Is.EqualTo(DensePauliSum.Expectation(observables[o], state, 5)).Within(1e-10), $"row {r}, observable {o}");
        }
    }

    [Test]
    public void Evaluate_BatchParallelAndSequential_GiveIdenticalResults()
    {
        var circuit = RandomVariationalCircuits.Create(6, 40, 5, out _);
        PauliSum[] observables = [Hamiltonians.TransverseFieldIsing(6)];
        var parameters = RandomRows(33, circuit.Symbols.Count, 2);
        var parallel = new Estimator(_backend, new EstimatorOptions { MaxParallelRows = 4 }).Compile(circuit, observables);
        var sequential = new Estimator(_backend, new EstimatorOptions { MaxParallelRows = 1 }).Compile(circuit, observables);
        Assert.That(parallel.Evaluate(parameters), Is.EqualTo(sequential.Evaluate(parameters)));
        Assert.That(parallel.EvaluateWithGradient(parameters).Gradients, Is.EqualTo(sequential.EvaluateWithGradient(parameters).Gradients));
        Assert.That(parallel.EvaluateSampled(parameters, 500, 3), Is.EqualTo(sequential.EvaluateSampled(parameters, 500, 3)));
        parallel.Dispose();
        sequential.Dispose();
    }

    [Test]
    public void Evaluate_WrongColumnCount_NamesTheParameters()
    {
        var circuit = new Circuit(2).RY(new Symbol("theta"), 0).RZ(new Symbol("phi"), 1);
        var error = Assert.Throws<ParameterBindingException>(() =>
            new Estimator(_backend).Evaluate(circuit, [PauliString.Z(0)], new double[1, 3]))!;
        Assert.That(error.Message, Does.Contain("theta, phi").And.Contain("got 3"));
    }

    [Test]
    public void Evaluate_NonFiniteValue_NamesParameterAndRow()
    {
        var circuit = new Circuit(1).RY(new Symbol("theta"), 0);
        var error = Assert.Throws<ParameterBindingException>(() =>
            new Estimator(_backend).Evaluate(circuit, [PauliString.Z(0)], new double[,] { { 0 }, { double.NaN } }))!;
        Assert.That(error.Message, Does.Contain("'theta' in row 1").And.Contain("NaN"));
    }

    [Test]
    public void EvaluateWithGradient_BindingByName_MissingOrExtraIsAnError()
    {
        var circuit = new Circuit(1).RY(new Symbol("theta"), 0);
        var estimator = new Estimator(_backend);
        Assert.That(() => estimator.EvaluateWithGradient(circuit, [PauliString.Z(0)], ParameterBinding.FromNames([])),
            Throws.TypeOf<ParameterBindingException>().With.Message.Contains("Missing value for parameter(s): theta"));
        Assert.That(() => estimator.EvaluateWithGradient(circuit, [PauliString.Z(0)], ParameterBinding.FromNames([new("theta", 1), new("phi", 2)])),
            Throws.TypeOf<ParameterBindingException>().With.Message.Contains("Unknown parameter(s): phi"));
        var result = estimator.EvaluateWithGradient(circuit, [PauliString.Z(0)], ParameterBinding.FromNames([new("theta", 1)]));
        Assert.That(result.Parameters.Select(s => s.Name), Is.EqualTo(new[] { "theta" }));
    }

    [Test]
    public void Compile_ObservableBeyondCircuit_IsAnError()
    {
        var circuit = new Circuit(3).H(0);
        Assert.That(() => new Estimator(_backend).Evaluate(circuit, [PauliSum.Parse("Z5")], new double[1, 0]),
            Throws.ArgumentException.With.Message.Contains("qubit 5"));
    }

    [Test]
    public void EvaluateSampled_ManyShots_ConvergesToExact()
    {
        var circuit = RandomVariationalCircuits.Create(4, 20, 8, out _);
        PauliSum[] observables = [PauliSum.Parse("0.5*Z0*Z1 - 1.2*X3 + Y0*Y1")];
        var parameters = RandomRows(2, circuit.Symbols.Count, 4);
        var estimator = new Estimator(_backend, new EstimatorOptions { Precision = Precision.Double });
        var exact = estimator.Evaluate(circuit, observables, parameters);
        var sampled = estimator.EvaluateSampled(circuit, observables, parameters, 20_000, 42);
        for (int r = 0; r < 2; r++) Assert.That(sampled[r, 0], Is.EqualTo(exact[r, 0]).Within(5 * 2.7 / Math.Sqrt(20_000)));
    }

    [Test]
    public void ParameterShift_ControlledRotation_UsesTheFourTermRule()
    {
        // CRX's generator has eigenvalues {−1/2, 0, 1/2}: frequencies 1/2 and 1, so the two-term rule would be wrong.
        var t = new Symbol("t");
        var circuit = new Circuit(2).H(0).CRX(t, 0, 1);
        var estimator = new Estimator(_backend, new EstimatorOptions { Precision = Precision.Double });
        var shift = estimator.EvaluateWithGradient(circuit, [PauliString.Z(1)], new double[,] { { 0.9 } }, GradientMethod.ParameterShift);
        // <Z1> = (1 + cos t)/2.
        Assert.That(shift.Gradients[0, 0, 0], Is.EqualTo(-Math.Sin(0.9) / 2).Within(1e-12));
    }

    [Test]
    public void ParameterShift_GateWithoutGenerator_RefusesClearly()
    {
        var gate = new QSim.Gates.GateDefinition("mystery", 1, ["x"], p => QSim.Gates.GateLibrary.RY.Matrix(p));
        var circuit = new Circuit(1).Gate(gate, [0], new Symbol("x"));
        var estimator = new Estimator(_backend);
        Assert.That(() => estimator.EvaluateWithGradient(circuit, [PauliString.Z(0)], new double[,] { { 1 } }, GradientMethod.ParameterShift),
            Throws.TypeOf<NotSupportedException>().With.Message.Contains("mystery"));
        Assert.That(() => estimator.EvaluateWithGradient(circuit, [PauliString.Z(0)], new double[,] { { 1 } }, GradientMethod.Adjoint),
            Throws.TypeOf<NotSupportedException>().With.Message.Contains("mystery"));
    }
}
