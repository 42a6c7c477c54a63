using System.Diagnostics;
using QSim.Backends;
using QSim.Cpu;
using QSim.Estimation;
using QSim.Observables;
using QSim.Tests.Oracles;

namespace QSim.Tests.Samples;

/// <summary>
/// Sample: the variational quantum eigensolver finds the ground energy of an 8-qubit transverse-field Ising
/// chain (H = Σ Z_i Z_{i+1} + Σ X_i, open) with a hardware-efficient ansatz, adjoint gradients and Adam, and
/// is compared with exact diagonalisation.
/// </summary>
public sealed class VqeSample
{
    [Test]
    public void Vqe_TransverseFieldIsingChain_ReachesExactGroundEnergy()
    {
        const int qubits = 8, layers = 4, iterations = 400;
        var hamiltonian = Hamiltonians.TransverseFieldIsing(qubits);
        double exact = LowestEigenvalue.Of(DensePauliSum.Matrix(hamiltonian, qubits));

        using var backend = new CpuBackend(new CpuBackendOptions { Threads = 1 });
        var estimator = new Estimator(backend, new EstimatorOptions { Precision = Precision.Double });
        using var vqe = estimator.Compile(Ansatz.HardwareEfficient(qubits, layers), [hamiltonian]);
        var rng = new Random(2024);
        var theta = new double[1, vqe.Parameters.Count];
        for (int p = 0; p < theta.Length; p++) theta[0, p] = 0.1 * (rng.NextDouble() - 0.5);
        var adam = new Adam(theta.Length, learningRate: 0.05);
        var clock = Stopwatch.StartNew();
        double energy = double.NaN;
        var gradient = new double[theta.Length];
        var flat = new double[theta.Length];
        for (int step = 0; step < iterations; step++)
        {
            var result = vqe.EvaluateWithGradient(theta);
            energy = result.Values[0, 0];
            for (int p = 0; p < flat.Length; p++) (flat[p], gradient[p]) = (theta[0, p], result.Gradients[0, 0, p]);
            adam.Step(flat, gradient);
            for (int p = 0; p < flat.Length; p++) theta[0, p] = flat[p];
        }
        double error = energy - exact;
        TestContext.Out.WriteLine($"VQE TFIM n={qubits}, {layers} layers, {theta.Length} parameters, {iterations} Adam steps in {clock.Elapsed.TotalSeconds:F1} s: " +
            $"E = {energy:F6}, exact E0 = {exact:F6}, error = {error:E2} ({error / Math.Abs(exact):P2})");
        Assert.That(error, Is.GreaterThanOrEqualTo(-1e-9), "variational energies cannot go below the ground energy");
        Assert.That(error / Math.Abs(exact), Is.LessThan(0.02));
    }

    [Test]
    public void LowestEigenvalue_SingleQubitZPlusX_IsMinusSqrt2() =>
        Assert.That(LowestEigenvalue.Of(DensePauliSum.Matrix(PauliSum.Parse("Z0 + X0"), 1)), Is.EqualTo(-Math.Sqrt(2)).Within(1e-12));
}
