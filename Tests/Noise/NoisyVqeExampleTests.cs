using QSim.Backends;
using QSim.Cpu;
using QSim.DensityMatrix;
using QSim.Estimation;
using QSim.Noise;
using QSim.Observables;
using QSim.Tests.Oracles;

namespace QSim.Tests.Noise;

/// <summary>
/// The worked example of docs/noise.md, run as written: a VQE for the transverse-field Ising chain trained by gradient
/// descent on the density-matrix backend (adjoint gradients) under depolarizing noise of growing strength.
/// </summary>
public sealed class NoisyVqeExampleTests
{
    /// <summary>
    /// Trains the ansatz under the noise model of error rate <paramref name="p"/> and returns the noisy energy it reaches and
    /// the noise-free energy of the parameters it found (the example's code, up to the printing).
    /// </summary>
    public static (double Noisy, double NoiseFree) Train(IBackend densityMatrix, double p, int steps = 200)
    {
        var ansatz = Ansatz.HardwareEfficient(4, layers: 4);
        var hamiltonian = Hamiltonians.TransverseFieldIsing(4);
        var model = new NoiseModel()
            .AddGateNoise(ChannelLibrary.Depolarizing.Bind(p), ["ry", "rz"])
            .AddGateNoise(ChannelLibrary.Depolarizing2.Bind(p), ["cz"]);
        var options = new EstimatorOptions { Precision = Precision.Double };
        using var noisy = new Estimator(densityMatrix, options).Compile(model.Apply(ansatz).Circuit, [hamiltonian]);
        using var clean = new Estimator(densityMatrix, options).Compile(ansatz, [hamiltonian]);

        var rng = new Random(7);
        var theta = new double[1, noisy.Parameters.Count];
        for (int j = 0; j < theta.Length; j++) theta[0, j] = 0.1 * (rng.NextDouble() - 0.5);
        double energy = 0;
        for (int step = 0; step < steps; step++)
        {
            var result = noisy.EvaluateWithGradient(theta);              // the adjoint method on the density matrix
            energy = result.Values[0, 0];
            for (int j = 0; j < theta.Length; j++) theta[0, j] -= 0.1 * result.Gradients[0, 0, j];
        }
        return (energy, clean.Evaluate(theta)[0, 0]);
    }

    [Test]
    public void NoisyVqe_ReachesHigherEnergiesAsTheErrorRateGrows()
    {
        using var backend = new DensityMatrixBackend(new CpuBackend(new CpuBackendOptions { Threads = 2 }));
        double ground = LowestEigenvalue.Of(DensePauliSum.Matrix(Hamiltonians.TransverseFieldIsing(4), 4));
        var results = new[] { 0, 0.003, 0.01, 0.03 }.Select(p => (P: p, Energy: Train(backend, p))).ToList();
        foreach (var (p, (noisy, noiseFree)) in results)
            TestContext.Out.WriteLine($"p = {p}: noisy energy {noisy:F4}, noise-free energy of its parameters {noiseFree:F4} (ground {ground:F4})");
        Assert.That(results[0].Energy.Noisy, Is.EqualTo(ground).Within(0.05), "without noise the ansatz nearly reaches the ground state");
        for (int i = 1; i < results.Count; i++)
            Assert.That(results[i].Energy.Noisy, Is.GreaterThan(results[i - 1].Energy.Noisy), $"p = {results[i].P}");
    }
}
