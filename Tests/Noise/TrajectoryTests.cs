using QSim.Backends;
using QSim.Circuits;
using QSim.Cpu;
using QSim.DensityMatrix;
using QSim.Execution;
using QSim.Noise;
using QSim.Numerics;
using QSim.Parameters;
using QSim.Passes;
using QSim.Tests.Oracles;

namespace QSim.Tests.Noise;

/// <summary>
/// Quantum trajectories on the CPU state vector against the exact density matrix, with bounds that catch a biased sampler
/// (a z-score per estimate, a chi-squared fit of counts), and their reproducibility across thread counts.
/// </summary>
public sealed class TrajectoryTests : NoiseBackends
{
    private double[] ExactProbabilities(Circuit circuit) =>
        new Simulator(Exact).Probabilities(new Simulator(Exact).Compile(circuit, Precision.Double), ParameterBinding.Empty).Probabilities;

    [TestCase(0)]
    [TestCase(1)]
    [TestCase(2)]
    public void Probabilities_OfRandomNoisyCircuits_AreWithinTheirStandardErrorsOfTheDensityMatrix(int seed)
    {
        var circuit = NoisyCircuits.Layered(3, 4, seed);
        var simulator = new Simulator(Cpu);
        var estimate = simulator.Probabilities(simulator.Compile(circuit, Precision.Double), ParameterBinding.Empty,
            new TrajectoryOptions { Trajectories = 4000, Seed = 17 });
        Assert.That(estimate.Trajectories, Is.EqualTo(4000));
        Assert.That(SamplingStatistics.MaxZScore(estimate.Probabilities, estimate.StandardErrors!, ExactProbabilities(circuit)),
            Is.LessThan(SamplingStatistics.MaxZ));
    }

    [Test]
    public void BiasedKrausSampling_FailsTheSameZScoreBound()
    {
        // The bound is tight enough to catch a sampler that draws Kraus operators by their average weight tr(K†K)/d instead of
        // by ‖K·ψ‖²: the same circuits, the same number of trajectories.
        var circuit = new Circuit(2).X(0).AmplitudeDamp(0.4, 0).H(1).ThermalRelax(10, 15, 6, 1).CX(0, 1).AmplitudeDamp(0.3, 1);
        var plan = new PassManager(0, Cpu.Capabilities, Precision.Double).Compile(circuit).Plan;
        var moments = new List<double[]>();
        using var state = Cpu.CreateState(2, Precision.Double);
        var policy = new AverageWeightChannels(new SeededRandom(3));
        for (int t = 0; t < 4000; t++)
        {
            state.SetBasisState(0);
            PlanExecutor.Evolve(plan, state, policy);
            var p = new double[4];
            state.GetProbabilities(p);
            moments.Add(p);
        }
        var (means, errors) = MeanAndError(moments);
        Assert.That(SamplingStatistics.MaxZScore(means, errors, ExactProbabilities(circuit)), Is.GreaterThan(3 * SamplingStatistics.MaxZ));
    }

    [Test]
    public void Counts_OfANoisyCircuit_FitTheExactDistribution()
    {
        var circuit = NoisyCircuits.Layered(3, 3, 4);
        circuit.MeasureAll();
        var counts = new Simulator(Cpu).Counts(circuit, new RunOptions { Shots = 5000, Seed = 9, Precision = Precision.Double });
        var exact = Execution.ExactProbabilities.Compute(Exact, circuit).ClassicalProbabilities;
        var (statistic, df) = SamplingStatistics.ChiSquared(counts, exact, 5000);
        Assert.That(statistic, Is.LessThan(SamplingStatistics.ChiSquaredBound(df)), $"chi-squared with {df} degrees of freedom");
    }

    [Test]
    public void Counts_WithMidCircuitMeasurementAndNoise_FitTheExactDistribution()
    {
        var circuit = new Circuit(3, 3).H(0).Depolarize(0.1, 0).CX(0, 1).AmplitudeDamp(0.3, 1).Measure(1, 0)
            .If([0], 1, c => c.X(2)).H(1).PhaseDamp(0.4, 1).Measure(1, 1).Measure(2, 2);
        var counts = new Simulator(Cpu).Counts(circuit, new RunOptions { Shots = 4000, Seed = 5 });
        var exact = Execution.ExactProbabilities.Compute(Exact, circuit).ClassicalProbabilities;
        var (statistic, df) = SamplingStatistics.ChiSquared(counts, exact, 4000);
        Assert.That(statistic, Is.LessThan(SamplingStatistics.ChiSquaredBound(df)), $"chi-squared with {df} degrees of freedom");
    }

    [Test]
    public void Counts_FromFewerTrajectoriesThanShots_FitTheExactDistribution()
    {
        var circuit = NoisyCircuits.Layered(3, 3, 8);
        circuit.MeasureAll();
        var counts = new Simulator(Cpu).Counts(circuit, new RunOptions { Shots = 4000, Seed = 2, Trajectories = 400 });
        var exact = Execution.ExactProbabilities.Compute(Exact, circuit).ClassicalProbabilities;
        var (statistic, df) = SamplingStatistics.ChiSquared(counts, exact, 4000);
        Assert.That(counts.Values.Sum(), Is.EqualTo(4000));
        // Shots of one trajectory are correlated: the fit is looser than for independent shots, but no bias is allowed.
        Assert.That(statistic, Is.LessThan(2 * SamplingStatistics.ChiSquaredBound(df)));
    }

    [Test]
    public void Results_AreTheSameWithAnyThreadCount()
    {
        var circuit = NoisyCircuits.Layered(4, 3, 6);
        var withMeasurements = NoisyCircuits.Layered(4, 3, 6).MeasureAll();
        using var single = new CpuBackend(new CpuBackendOptions { Threads = 1 });
        using var splitting = new CpuBackend(new CpuBackendOptions { Threads = 2, ParallelThresholdQubits = 2 });
        var results = new List<(double[] P, double[] E, IReadOnlyDictionary<string, int> C)>();
        foreach (var (backend, parallel) in new[] { (single, 1), (splitting, 1), (Cpu, 4) })
        {
            var simulator = new Simulator(backend);
            var p = simulator.Probabilities(simulator.Compile(circuit), ParameterBinding.Empty, new TrajectoryOptions { Trajectories = 64, Seed = 1, MaxParallel = parallel });
            var counts = simulator.Counts(withMeasurements, new RunOptions { Shots = 200, Seed = 4 });
            results.Add((p.Probabilities, p.StandardErrors!, counts));
        }
        for (int i = 1; i < results.Count; i++)
        {
            Assert.That(results[i].P, Is.EqualTo(results[0].P), "probabilities");
            Assert.That(results[i].E, Is.EqualTo(results[0].E), "standard errors");
            Assert.That(results[i].C, Is.EqualTo(results[0].C), "counts");
        }
    }

    [Test]
    public void NoisyCircuit_OnAStateVector_HasNoExactProbabilitiesOrFinalState()
    {
        var circuit = new Circuit(1).H(0).Depolarize(0.1, 0);
        Assert.That(() => Execution.ExactProbabilities.Compute(Cpu, circuit),
            Throws.TypeOf<NotSupportedException>().With.Message.Contains("density-matrix backend"));
        Assert.That(() => new Simulator(Cpu).FinalState(circuit), Throws.InvalidOperationException.With.Message.Contains("trajectories"));
    }

    private static (double[] Means, double[] Errors) MeanAndError(List<double[]> samples)
    {
        int n = samples.Count, length = samples[0].Length;
        var means = new double[length];
        var errors = new double[length];
        for (int i = 0; i < length; i++)
        {
            means[i] = samples.Average(s => s[i]);
            errors[i] = Math.Sqrt(samples.Sum(s => (s[i] - means[i]) * (s[i] - means[i])) / (n - 1) / n);
        }
        return (means, errors);
    }

    /// <summary>A wrong sampler: Kraus operator i with probability tr(K_i†K_i)/d, whatever the state, then renormalised.</summary>
    private sealed class AverageWeightChannels(SeededRandom random) : IChannelPolicy
    {
        public void Apply(int step, ChannelStep channel, IStateVector state)
        {
            var kraus = channel.Channel.Kraus;
            double u = random.NextDouble(), cumulative = 0;
            foreach (var k in kraus)
            {
                cumulative += (k.Adjoint() * k).GetDiagonal().Sum(z => z.Real) / k.Dimension;
                if (u >= cumulative && k != kraus[^1]) continue;
                state.ApplyMatrix(channel.Qubits.AsSpan(), k.Elements, []);
                double norm = state.NormSquared();
                if (norm > 0) state.ApplyMatrix([], [1 / Math.Sqrt(norm)], []);
                else state.SetBasisState(0);
                return;
            }
        }
    }
}
