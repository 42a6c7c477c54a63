using System.Numerics;
using QSim.Backends;
using QSim.Circuits;
using QSim.Cpu;
using QSim.Execution;
using QSim.Numerics;
using QSim.Tests.Oracles;

namespace QSim.Tests.Engine;

/// <summary>Shots drawn from a final state: the right distribution, reproducible by seed whatever the thread count.</summary>
public sealed class SamplingTests
{
    [Test]
    public void SampleIndices_100000Shots_PassChiSquareAgainstExactDistribution()
    {
        using var backend = new CpuBackend();
        var circuit = RandomCircuits.Layered(5, depth: 4, seed: 11);
        using var state = new Simulator(backend).FinalState(circuit, precision: Precision.Double);
        var probabilities = new double[32];
        state.GetProbabilities(probabilities);
        const int shots = 100_000;
        var observed = new int[32];
        foreach (long index in Simulator.SampleIndices(state, shots, new SeededRandom(2024))) observed[index]++;

        double chiSquare = 0;
        int bins = 0;
        for (int i = 0; i < 32; i++)
        {
            double expected = probabilities[i] * shots;
            if (expected < 5) continue;
            chiSquare += (observed[i] - expected) * (observed[i] - expected) / expected;
            bins++;
        }
        // 99.9th percentile of χ² with up to 31 degrees of freedom is below 62: a correct sampler fails 1 run in 1000, and the seed is fixed.
        Assert.That(chiSquare, Is.LessThan(62), $"χ² = {chiSquare:F1} over {bins} bins");
    }

    [Test]
    public void Counts_SameSeed_SameCountsWithOneAndTwoThreads([Values] Precision precision)
    {
        // 16 qubits: above the parallel threshold, so the two-thread run really splits every pass.
        var circuit = RandomCircuits.Layered(16, depth: 3, seed: 8);
        circuit.MeasureAll();
        var options = new RunOptions { Shots = 5000, Seed = 77, Precision = precision };
        IReadOnlyDictionary<string, int> CountsWith(int threads)
        {
            using var backend = new CpuBackend(new CpuBackendOptions { Threads = threads });
            return new Simulator(backend).Counts(circuit, options);
        }
        Assert.That(CountsWith(2), Is.EqualTo(CountsWith(1)));
    }

    [Test]
    public void Counts_MidCircuitMeasurement_SameSeedSameCountsWithOneAndTwoThreads()
    {
        var circuit = new Circuit(15, 2).H(0).CX(0, 14).Measure(14, 0).H(14).Measure(14, 1);
        var options = new RunOptions { Shots = 200, Seed = 5 };
        IReadOnlyDictionary<string, int> CountsWith(int threads)
        {
            using var backend = new CpuBackend(new CpuBackendOptions { Threads = threads, ParallelThresholdQubits = 2 });
            return new Simulator(backend).Counts(circuit, options);
        }
        Assert.That(CountsWith(2), Is.EqualTo(CountsWith(1)));
    }

    [Test]
    public void Counts_GhzWithRegisters_UseQiskitKeyOrder()
    {
        var circuit = new Circuit();
        circuit.AddQuantumRegister("q", 3);
        circuit.AddClassicalRegister("a", 1);
        circuit.AddClassicalRegister("b", 2);
        circuit.X(0).X(2).Measure(0, 0).Measure(1, 1).Measure(2, 2);
        using var backend = new CpuBackend();
        var counts = new Simulator(backend).Counts(circuit, new RunOptions { Shots = 10 });
        // Register b (last declared) first: b[1]=q2=1, b[0]=q1=0 → "10"; then a[0]=q0=1 → "1".
        Assert.That(counts, Is.EquivalentTo(new Dictionary<string, int> { ["10 1"] = 10 }));
    }

    [Test]
    public void NormDrift_After10000RandomGatesOn12Qubits_StaysSmall([Values] Precision precision)
    {
        using var backend = new CpuBackend();
        var circuit = RandomCircuits.Layered(12, depth: 600, seed: 1);
        Assert.That(circuit.Operations, Has.Count.GreaterThanOrEqualTo(10_000));
        using var state = new Simulator(backend).FinalState(circuit, precision: precision);
        double drift = Math.Abs(state.NormSquared() - 1);
        TestContext.Out.WriteLine($"{precision}: |‖ψ‖² − 1| after {circuit.Operations.Count} gates on 12 qubits = {drift:E2}");
        Assert.That(drift, Is.LessThan(precision == Precision.Single ? 1e-3 : 1e-12));
    }

    [Test]
    public void Collapse_AfterMeasurement_LeavesNormalisedPostMeasurementState()
    {
        using var backend = new CpuBackend();
        using var state = new Simulator(backend).FinalState(new Circuit(3).H(0).CX(0, 1).RY(0.4, 2), precision: Precision.Double);
        Assert.That(state.ProbabilityOfOne(1), Is.EqualTo(0.5).Within(1e-12));
        state.Collapse(1, 1);
        var amplitudes = new Complex[8];
        state.GetAmplitudes(amplitudes);
        Assert.Multiple(() =>
        {
            Assert.That(state.NormSquared(), Is.EqualTo(1).Within(1e-12));
            Assert.That(state.ProbabilityOfOne(0), Is.EqualTo(1).Within(1e-12));
            Assert.That(() => state.Collapse(0, 0), Throws.InvalidOperationException.With.Message.Contains("probability zero"));
        });
    }

    [Test]
    public void Counts_CircuitWithoutMeasurements_ThrowsSayingWhatToAskFor()
    {
        using var backend = new CpuBackend();
        var circuit = new Circuit(2).H(0).CX(0, 1);

        Assert.That(() => new Simulator(backend).Counts(circuit, new RunOptions { Shots = 10 }),
            Throws.InvalidOperationException.With.Message.Contains("Counts needs measurements, and the circuit has none"));
    }
}
