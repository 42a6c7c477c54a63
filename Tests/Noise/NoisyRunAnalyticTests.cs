using QSim.Backends;
using QSim.Circuits;
using QSim.Cpu;
using QSim.DensityMatrix;
using QSim.Estimation;
using QSim.Execution;
using QSim.Noise;
using QSim.Observables;
using QSim.Parameters;
using QSim.Passes;

namespace QSim.Tests.Noise;

/// <summary>
/// Textbook results of noisy circuits run by the engine: exactly on the density-matrix backend, and within their standard
/// errors as trajectories; readout confusion of counts; noise-free models giving exactly the noise-free results.
/// </summary>
public sealed class NoisyRunAnalyticTests : NoiseBackends
{
    /// <summary>Exact values on the density matrix, and trajectory estimates with their errors, of the observables.</summary>
    private (double[] Exact, EstimateResult Sampled) Expectations(Circuit circuit, params string[] observables)
    {
        PauliSum[] sums = [.. observables.Select(PauliSum.Parse)];
        var options = new EstimatorOptions { Precision = Precision.Double, Trajectories = 3000, Seed = 11 };
        var exact = new Estimator(Exact, options).Evaluate(circuit, sums, new double[1, 0]);
        using var sampled = new Estimator(Cpu, options).Compile(circuit, sums);
        return ([.. Enumerable.Range(0, sums.Length).Select(o => exact[0, o])], sampled.EvaluateWithErrors(new double[1, 0]));
    }

    private static void AssertWithinErrors(EstimateResult sampled, double[] exact)
    {
        var values = Enumerable.Range(0, exact.Length).Select(o => sampled.Values[0, o]).ToArray();
        var errors = Enumerable.Range(0, exact.Length).Select(o => sampled.StandardErrors![0, o]).ToArray();
        Assert.That(SamplingStatistics.MaxZScore(values, errors, exact), Is.LessThan(SamplingStatistics.MaxZ));
    }

    [TestCase(0.05)]
    [TestCase(0.3)]
    public void Depolarizing_OnOneQubitOfABellState_ShrinksTheCorrelations(double p)
    {
        // (1 − 4p/3)·|Φ+⟩⟨Φ+| + (p/3)·I: ⟨XX⟩ = ⟨ZZ⟩ = 1 − 4p/3, ⟨YY⟩ = −(1 − 4p/3), single-qubit values 0.
        var circuit = new Circuit(2).H(0).CX(0, 1).Depolarize(p, 0);
        var (exact, sampled) = Expectations(circuit, "X0*X1", "Z0*Z1", "Y0*Y1", "Z0", "X1");
        double shrink = 1 - 4 * p / 3;
        Assert.That(exact, Is.EqualTo(new[] { shrink, shrink, -shrink, 0, 0 }).Within(1e-12));
        AssertWithinErrors(sampled, exact);
    }

    [Test]
    public void AmplitudeDamping_DecaysTheExcitedPopulationGeometrically()
    {
        const double gamma = 0.12;
        var circuit = new Circuit(1).X(0);
        for (int step = 0; step < 6; step++) circuit.AmplitudeDamp(gamma, 0);
        var (exact, sampled) = Expectations(circuit, "Z0");
        // P(1) = (1 − γ)^6, ⟨Z⟩ = 1 − 2·P(1).
        Assert.That(exact[0], Is.EqualTo(1 - 2 * Math.Pow(1 - gamma, 6)).Within(1e-12));
        AssertWithinErrors(sampled, exact);
    }

    [Test]
    public void ThermalRelaxation_DecaysPopulationWithT1AndCoherenceWithT2()
    {
        const double t1 = 40, t2 = 25, time = 5;
        var excited = new Circuit(1).X(0).ThermalRelax(t1, t2, time, 0).ThermalRelax(t1, t2, time, 0);
        var plus = new Circuit(1).H(0).ThermalRelax(t1, t2, time, 0).ThermalRelax(t1, t2, time, 0);
        var (excitedExact, excitedSampled) = Expectations(excited, "Z0");
        var (plusExact, plusSampled) = Expectations(plus, "X0", "Y0");
        Assert.That(excitedExact[0], Is.EqualTo(1 - 2 * Math.Exp(-2 * time / t1)).Within(1e-12));
        Assert.That(plusExact, Is.EqualTo(new[] { Math.Exp(-2 * time / t2), 0 }).Within(1e-12));
        AssertWithinErrors(excitedSampled, excitedExact);
        AssertWithinErrors(plusSampled, plusExact);
    }

    [Test]
    public void PhaseDamping_DephasesThePlusState()
    {
        const double lambda = 0.3;
        var circuit = new Circuit(1).H(0).PhaseDamp(lambda, 0).PhaseDamp(lambda, 0).PhaseDamp(lambda, 0);
        var (exact, sampled) = Expectations(circuit, "X0", "Z0");
        // Each step multiplies the coherence by √(1 − λ).
        Assert.That(exact, Is.EqualTo(new[] { Math.Pow(1 - lambda, 1.5), 0 }).Within(1e-12));
        AssertWithinErrors(sampled, exact);
    }

    [Test]
    public void ReadoutConfusion_MisreadsCountsAtItsRates()
    {
        // |1⟩ on qubit 0 and |0⟩ on qubit 1, read through P(0|1) = 0.2 and P(1|0) = 0.1.
        var model = new NoiseModel().AddReadoutError(ReadoutError.FromFlipProbabilities(0.1, 0.2));
        var noisy = model.Apply(new Circuit(2).X(0).MeasureAll());
        var compiled = new PassManager(3, Cpu.Capabilities).Compile(noisy);
        var counts = new Simulator(Cpu).Counts(compiled, new RunOptions { Shots = 20_000, Seed = 3 });
        var expected = new Dictionary<string, double> { ["01"] = 0.8 * 0.9, ["00"] = 0.2 * 0.9, ["11"] = 0.8 * 0.1, ["10"] = 0.2 * 0.1 };
        var (statistic, df) = SamplingStatistics.ChiSquared(counts, expected, 20_000);
        Assert.That(statistic, Is.LessThan(SamplingStatistics.ChiSquaredBound(df)));
        var exact = ExactProbabilities.Compute(Cpu, compiled, ParameterBinding.Empty);
        Assert.That(exact.ClassicalProbabilities, Is.EquivalentTo(expected).Using<KeyValuePair<string, double>>(
            (a, b) => a.Key == b.Key && Math.Abs(a.Value - b.Value) < 1e-9));
    }

    [Test]
    public void ReadoutError_AtAMidCircuitMeasurement_IsWhatTheConditionSees()
    {
        // The qubit is |0⟩ but read as 1 with probability 0.25: the condition flips qubit 1 exactly then.
        var model = new NoiseModel().AddReadoutError(ReadoutError.FromFlipProbabilities(0.25, 0), [0]);
        var noisy = model.Apply(new Circuit(2, 2).Measure(0, 0).If([0], 1, c => c.X(1)).Measure(1, 1));
        var compiled = new PassManager(0, Cpu.Capabilities).Compile(noisy);
        var exact = ExactProbabilities.Compute(Cpu, compiled, ParameterBinding.Empty);
        Assert.That(exact.ClassicalProbabilities["00"], Is.EqualTo(0.75).Within(1e-12));
        Assert.That(exact.ClassicalProbabilities["11"], Is.EqualTo(0.25).Within(1e-12));
        // The qubits' distribution is read at the end through qubit 0's error once more: |10⟩ (w.p. 0.25) reads as 10 or 11.
        Assert.That(exact.Probabilities[0b10], Is.EqualTo(0.25 * 0.75).Within(1e-12));
        Assert.That(exact.Probabilities[0b11], Is.EqualTo(0.25 * 0.25).Within(1e-12));
        var counts = new Simulator(Cpu).Counts(compiled, new RunOptions { Shots = 8000, Seed = 8 });
        var (statistic, df) = SamplingStatistics.ChiSquared(counts, exact.ClassicalProbabilities, 8000);
        Assert.That(statistic, Is.LessThan(SamplingStatistics.ChiSquaredBound(df)));
    }

    [Test]
    public void NoiseFreeModel_GivesExactlyTheNoiseFreeResults()
    {
        var circuit = Oracles.RandomCircuits.Layered(4, 4, 2).MeasureAll();
        var model = new NoiseModel()
            .AddGateNoise(ChannelLibrary.Depolarizing.Bind(0), ["h", "rx", "ry", "rz", "u3", "t"])
            .AddGateNoise(ChannelLibrary.Depolarizing2.Bind(0), ["cx", "cz"])
            .AddMeasurementNoise(ChannelLibrary.BitFlip.Bind(0))
            .AddReadoutError(ReadoutError.FromFlipProbabilities(0, 0));
        var noisy = model.Apply(circuit);
        Assert.That(noisy.Circuit, Is.SameAs(circuit));
        var compiled = new PassManager(3, Cpu.Capabilities).Compile(noisy);
        var options = new RunOptions { Shots = 500, Seed = 21 };
        Assert.That(new Simulator(Cpu).Counts(compiled, options), Is.EqualTo(new Simulator(Cpu).Counts(circuit, options)));
        var unmeasured = Oracles.RandomCircuits.Layered(4, 4, 2);
        var observables = new[] { Hamiltonians.TransverseFieldIsing(4) };
        var plain = new Estimator(Cpu).Evaluate(unmeasured, observables, new double[1, 0]);
        var viaModel = new Estimator(Cpu).Evaluate(model.Apply(unmeasured).Circuit, observables, new double[1, 0]);
        Assert.That(viaModel, Is.EqualTo(plain));
    }
}
