using QSim.Backends;
using QSim.Circuits;
using QSim.Cpu;
using QSim.DensityMatrix;
using QSim.Execution;
using QSim.Noise;
using QSim.Parameters;
using QSim.Passes;
using QSim.Tests.Backends;
using QSim.Tests.Oracles;

namespace QSim.Tests.Noise;

/// <summary>
/// Quantum trajectories through the backend contract on every backend configuration (the GPU kernels on ILGPU's CPU
/// accelerator included): small noisy circuits against the exact density matrix, within their standard errors.
/// </summary>
[TestFixtureSource(typeof(BackendConfigurations), nameof(BackendConfigurations.All))]
public sealed class TrajectoryBackendTests(string configuration) : BackendFixture(configuration)
{
    [TestCase(Precision.Single)]
    [TestCase(Precision.Double)]
    public void Probabilities_AreWithinTheirStandardErrorsOfTheDensityMatrix(Precision precision)
    {
        var circuit = NoisyCircuits.Layered(3, 2, 12);
        using var exactBackend = new DensityMatrixBackend(new CpuBackend(new CpuBackendOptions { Threads = 1 }));
        var exact = ExactProbabilities.Compute(exactBackend, circuit).Probabilities;
        var simulator = new Simulator(Backend);
        var estimate = simulator.Probabilities(simulator.Compile(circuit, precision), ParameterBinding.Empty,
            new TrajectoryOptions { Trajectories = 400, Seed = 3 });
        // complex64 rounding (1e-6) is far below the errors (≥ 1e-3 where a probability is neither 0 nor 1).
        Assert.That(SamplingStatistics.MaxZScore(estimate.Probabilities, estimate.StandardErrors!, exact, exactTolerance: 1e-5),
            Is.LessThan(SamplingStatistics.MaxZ));
    }

    [Test]
    public void Counts_WithReadoutErrorsAndMidCircuitMeasurement_FitTheExactDistribution()
    {
        var circuit = new Circuit(2, 2).H(0).AmplitudeDamp(0.4, 0).Measure(0, 0).If([0], 1, c => c.H(1)).Depolarize(0.2, 1).Measure(1, 1);
        var model = new NoiseModel().AddReadoutError(ReadoutError.FromFlipProbabilities(0.05, 0.1));
        var noisy = model.Apply(circuit);
        using var exactBackend = new DensityMatrixBackend(new CpuBackend(new CpuBackendOptions { Threads = 1 }));
        var exact = ExactProbabilities.Compute(exactBackend, new PassManager(0, exactBackend.Capabilities, Precision.Double).Compile(noisy),
            ParameterBinding.Empty).ClassicalProbabilities;
        var counts = new Simulator(Backend).Counts(new PassManager(3, Backend.Capabilities).Compile(noisy), new RunOptions { Shots = 1000, Seed = 6 });
        var (statistic, df) = SamplingStatistics.ChiSquared(counts, exact, 1000);
        Assert.That(statistic, Is.LessThan(SamplingStatistics.ChiSquaredBound(df)));
    }
}
