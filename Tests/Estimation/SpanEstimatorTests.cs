using System.Runtime.InteropServices;
using QSim.Backends;
using QSim.Cpu;
using QSim.Estimation;
using QSim.Execution;
using QSim.Observables;
using QSim.Parameters;

namespace QSim.Tests.Estimation;

/// <summary>
/// The estimator's span overloads: the same numbers as the array API in the documented row-major layout, shapes and values
/// checked with messages that name them, and nothing allocated per call after warm-up (evaluation and adjoint gradients),
/// rows in parallel or not.
/// </summary>
public sealed class SpanEstimatorTests
{
    private const int Qubits = 5, Rows = 9;
    private static readonly PauliSum[] Observables = [Hamiltonians.TransverseFieldIsing(Qubits), PauliSum.Parse("0.5*Z0*Z1 - 1.2*X3 + Y0*Y1")];
    private CpuBackend _backend = null!;

    [OneTimeSetUp] public void CreateBackend() => _backend = new CpuBackend(new CpuBackendOptions { Threads = 1 });
    [OneTimeTearDown] public void DisposeBackend() => _backend.Dispose();

    [Test]
    public void Evaluate_IntoSpans_EqualsTheArrayApi([Values(1, 4)] int parallelRows)
    {
        using var estimator = Compile(parallelRows);
        var rows = EstimatorTests.RandomRows(Rows, estimator.Parameters.Count, 1);
        var values = new double[Rows * Observables.Length];
        estimator.Evaluate(Flat(rows), values);
        Assert.That(values, Is.EqualTo(Flat(estimator.Evaluate(rows)).ToArray()));
    }

    [Test]
    public void EvaluateWithGradient_IntoSpans_EqualsTheArrayApiInItsLayout([Values] GradientMethod method, [Values(1, 4)] int parallelRows)
    {
        using var estimator = Compile(parallelRows);
        int p = estimator.Parameters.Count, o = Observables.Length;
        var rows = EstimatorTests.RandomRows(Rows, p, 2);
        var values = new double[Rows * o];
        var gradients = new double[Rows * o * p];
        estimator.EvaluateWithGradient(Flat(rows), values, gradients, method);
        var expected = estimator.EvaluateWithGradient(rows, method);
        Assert.That(values, Is.EqualTo(Flat(expected.Values).ToArray()));
        for (int r = 0; r < Rows; r++)
            for (int k = 0; k < o; k++)
                for (int j = 0; j < p; j++)
                    Assert.That(gradients[(r * o + k) * p + j], Is.EqualTo(expected.Gradients[r, k, j]), $"row {r}, observable {k}, parameter {j}");
    }

    [Test]
    public void SpanCalls_AfterWarmUp_AllocateNothing([Values(1, 2)] int parallelRows, [Values] bool cancellable, [Values] Precision precision)
    {
        using var estimator = Compile(parallelRows, precision);
        int p = estimator.Parameters.Count, o = Observables.Length;
        var rows = Flat(EstimatorTests.RandomRows(8, p, 3)).ToArray();
        var values = new double[8 * o];
        var gradients = new double[8 * o * p];
        using var source = new CancellationTokenSource();
        var token = cancellable ? source.Token : CancellationToken.None;
        void Evaluate() => estimator.Evaluate(rows, values, token);
        void Adjoint() => estimator.EvaluateWithGradient(rows, values, gradients, GradientMethod.Adjoint, token);
        Evaluate();
        Adjoint();
        Assert.Multiple(() =>
        {
            Assert.That(AllocationMeter.MinimumBytesPerCall(Evaluate), Is.Zero, "evaluate");
            Assert.That(AllocationMeter.MinimumBytesPerCall(Adjoint), Is.Zero, "adjoint");
        });
    }

    [Test]
    public void SpanCalls_BuffersOfTheWrongLength_NameTheShapes()
    {
        using var estimator = Compile(1);
        int p = estimator.Parameters.Count;
        var parameters = new double[3 * p];
        Assert.Multiple(() =>
        {
            Assert.That(() => estimator.Evaluate(parameters, new double[5]),
                Throws.ArgumentException.With.Message.Contains("not a whole number of rows of 2 observable(s)"));
            Assert.That(() => estimator.Evaluate(parameters, new double[4]),
                Throws.ArgumentException.With.Message.Contains($"2 row(s) of values need {2 * p} parameters"));
            Assert.That(() => estimator.EvaluateWithGradient(parameters, new double[6], new double[6 * p - 1]),
                Throws.ArgumentException.With.Message.Contains($"need a gradients buffer of {6 * p} numbers (3 × 2 × {p})"));
            var shared = new double[3 * p + 6];
            Assert.That(() => estimator.Evaluate(shared.AsSpan(0, 3 * p), shared.AsSpan(3 * p - 1, 6)),
                Throws.ArgumentException.With.Message.Contains("overlaps"));
        });
    }

    [Test]
    public void SpanCalls_NonFiniteValue_NamesTheParameterAndRow()
    {
        using var estimator = Compile(1);
        int p = estimator.Parameters.Count;
        var parameters = new double[2 * p];
        parameters[p + 1] = double.NaN;
        Assert.That(() => estimator.Evaluate(parameters, new double[4]), Throws.InstanceOf<ParameterBindingException>()
            .With.Message.Contains($"Parameter '{estimator.Parameters[1].Name}' in row 1 must be a finite number"));
    }

    [Test]
    public void SpanCalls_CancelledToken_ThrowsAndTheNextCallRuns()
    {
        using var estimator = Compile(2);
        int p = estimator.Parameters.Count;
        var parameters = Flat(EstimatorTests.RandomRows(4, p, 4)).ToArray();
        var values = new double[8];
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.That(() => estimator.EvaluateWithGradient(parameters, values, new double[8 * p], cancellation: cancelled.Token),
            Throws.InstanceOf<OperationCanceledException>());
        using var live = new CancellationTokenSource();
        estimator.Evaluate(parameters, values, live.Token);
        Assert.That(values, Is.EqualTo(Flat(estimator.Evaluate(EstimatorTests.RandomRows(4, p, 4))).ToArray()));
    }

    [Test]
    public void SpanCalls_FailureOnAWorkerThread_SurfacesAsItself()
    {
        var gate = new QSim.Gates.GateDefinition("mystery", 1, ["x"], p => QSim.Gates.GateLibrary.RY.Matrix(p));
        var circuit = new QSim.Circuits.Circuit(1).Gate(gate, [0], new Symbol("x"));
        using var estimator = new Estimator(_backend, new EstimatorOptions { MaxParallelRows = 4 }).Compile(circuit, [PauliString.Z(0)]);
        Assert.That(() => estimator.EvaluateWithGradient(new double[16], new double[16], new double[16], GradientMethod.ParameterShift),
            Throws.TypeOf<NotSupportedException>().With.Message.Contains("mystery"));
    }

    [Test]
    public void SpanCall_DisposedFromAnotherThreadWhileRunning_StopsWithObjectDisposed()
    {
        // About a second of rows for one thread; Dispose stops it within a row.
        var estimator = new Estimator(_backend).Compile(Ansatz.HardwareEfficient(16, 4), [Hamiltonians.TransverseFieldIsing(16)]);
        int p = estimator.Parameters.Count, rows = 200;
        var parameters = Flat(EstimatorTests.RandomRows(rows, p, 5)).ToArray();
        var values = new double[rows];
        var gradients = new double[rows * p];
        using var started = new ManualResetEventSlim();
        var call = Task.Run(() =>
        {
            started.Set();
            estimator.EvaluateWithGradient(parameters, values, gradients);
        });
        started.Wait();
        Thread.Sleep(50);
        estimator.Dispose();
        Assert.That(() => call.GetAwaiter().GetResult(), Throws.InstanceOf<ObjectDisposedException>());
    }

    [Test]
    public void SpanCalls_AfterDispose_ThrowObjectDisposed()
    {
        var estimator = Compile(1);
        estimator.Dispose();
        Assert.That(() => estimator.Evaluate(new double[estimator.Parameters.Count], new double[2]), Throws.InstanceOf<ObjectDisposedException>());
    }

    [Test]
    public void Evaluate_IntoSpansOnABackendWithNativeBatches_IsOneLaunchGivingTheArrayApisValues()
    {
        using var backend = new NativeBatchBackend(_backend);
        using var estimator = new Estimator(backend, new EstimatorOptions { Precision = Precision.Double })
            .Compile(Ansatz.HardwareEfficient(Qubits, 2), Observables);
        var rows = EstimatorTests.RandomRows(Rows, estimator.Parameters.Count, 6);
        var values = new double[Rows * Observables.Length];
        estimator.Evaluate(Flat(rows), values);
        Assert.That(backend.Launches, Is.EqualTo(1));
        Assert.That(values, Is.EqualTo(Flat(estimator.Evaluate(rows)).ToArray()));
    }

    private CompiledEstimator Compile(int parallelRows, Precision precision = Precision.Double) =>
        new Estimator(_backend, new EstimatorOptions { Precision = precision, MaxParallelRows = parallelRows })
            .Compile(Ansatz.HardwareEfficient(Qubits, 2), Observables);

    private static Span<double> Flat(double[,] rows) => MemoryMarshal.CreateSpan(ref rows[0, 0], rows.Length);

    /// <summary>
    /// A backend with native batches whose value for Pauli string s at row r is a function of the whole row and of s, so a
    /// row or string out of place in the staging shows; its states come from the wrapped backend.
    /// </summary>
    private sealed class NativeBatchBackend(IBackend states) : IBackend, IBatchEvaluator
    {
        public int Launches { get; private set; }
        public string Name => "native-batch-test";
        public string Description => "a test backend with native batches";
        public long AvailableBytes => states.AvailableBytes;
        public BackendCapabilities Capabilities => states.Capabilities;
        public int MaxBatchQubits => Qubits;
        public IStateVector CreateState(int qubits, Precision precision) => states.CreateState(qubits, precision);

        public void EvaluatePauliStrings(ExecutionPlan plan, double[,] rows, IReadOnlyList<PauliString> strings, Precision precision, double[,] results)
        {
            Launches++;
            for (int r = 0; r < rows.GetLength(0); r++)
                for (int s = 0; s < strings.Count; s++)
                {
                    double weighted = 0;
                    for (int j = 0; j < rows.GetLength(1); j++) weighted += (j + 1) * rows[r, j];
                    results[r, s] = Math.Cos((s + 1) * weighted);
                }
        }

        public void Dispose() { }
    }
}
