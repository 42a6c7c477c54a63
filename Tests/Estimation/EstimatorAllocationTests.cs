using QSim.Backends;
using QSim.Cpu;
using QSim.Estimation;
using QSim.Observables;

namespace QSim.Tests.Estimation;

/// <summary>
/// A compiled estimator reuses its states, matrices, derivative buffers and binding: after warm-up, a call allocates
/// only its result arrays (and a closure), whatever the number of gates.
/// </summary>
public sealed class EstimatorAllocationTests
{
    /// <summary>Result arrays, the row closure and the gradient record: a few hundred bytes, independent of the circuit.</summary>
    private const long ConstantBytes = 1024;

    private CpuBackend _backend = null!;

    [OneTimeSetUp] public void CreateBackend() => _backend = new CpuBackend(new CpuBackendOptions { Threads = 1 });
    [OneTimeTearDown] public void DisposeBackend() => _backend.Dispose();

    [Test]
    public void Evaluate_AfterWarmUp_AllocatesAConstantIndependentOfGates([Values(2, 8)] int layers, [Values] Precision precision)
    {
        using var estimator = Compile(layers, precision, out var row);
        estimator.Evaluate(row);
        long bytes = AllocationMeter.MinimumBytesPerCall(() => estimator.Evaluate(row));
        Assert.That(bytes, Is.LessThanOrEqualTo(ConstantBytes), $"{layers} layers, {precision}");
    }

    [Test]
    public void AdjointGradient_AfterWarmUp_AllocatesAConstantIndependentOfGates([Values(2, 8)] int layers, [Values] Precision precision)
    {
        using var estimator = Compile(layers, precision, out var row);
        estimator.EvaluateWithGradient(row);
        long bytes = AllocationMeter.MinimumBytesPerCall(() => estimator.EvaluateWithGradient(row));
        Assert.That(bytes, Is.LessThanOrEqualTo(ConstantBytes + 8L * estimator.Parameters.Count), $"{layers} layers, {precision}");
    }

    private CompiledEstimator Compile(int layers, Precision precision, out double[,] row)
    {
        const int qubits = 6;
        var estimator = new Estimator(_backend, new EstimatorOptions { Precision = precision })
            .Compile(Ansatz.HardwareEfficient(qubits, layers), [Hamiltonians.TransverseFieldIsing(qubits)]);
        var rng = new Random(40 + layers);
        row = new double[1, estimator.Parameters.Count];
        for (int p = 0; p < row.Length; p++) row[0, p] = rng.NextDouble() * 6 - 3;
        return estimator;
    }
}
