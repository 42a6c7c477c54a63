using System.Collections.Immutable;
using QSim.Backends;
using QSim.Circuits;
using QSim.Cpu;
using QSim.DensityMatrix;
using QSim.Estimation;
using QSim.Noise;
using QSim.Observables;
using QSim.Parameters;
using QSim.Tests.Oracles;

namespace QSim.Tests.Noise;

/// <summary>
/// Expectation values and gradients of noisy circuits: exact on the density-matrix backend (every gradient method against
/// finite differences of the dense Kraus reference), and averaged over trajectories within their standard errors.
/// </summary>
public sealed class NoisyEstimatorTests : NoiseBackends
{
    private static readonly NoiseModel Model = new NoiseModel()
        .AddGateNoise(ChannelLibrary.Depolarizing.Bind(0.04), ["ry"])
        .AddGateNoise(ChannelLibrary.AmplitudeDamping.Bind(0.08), ["rz"])
        .AddGateNoise(ChannelLibrary.ThermalRelaxation.Bind(20, 30, 2), ["rz"], [[1]])
        .AddGateNoise(ChannelLibrary.Depolarizing2.Bind(0.05), ["cz"])
        .AddGateNoise(ChannelLibrary.PhaseDamping.Bind(0.1), ["rx"]);

    private static readonly PauliSum[] Observables = [Hamiltonians.TransverseFieldIsing(3), PauliSum.Parse("Y0*X2 - 0.5*Z1")];

    /// <summary>A hardware-efficient ansatz with symbol expressions (a product, an offset) and the model's channels.</summary>
    private static Circuit NoisyAnsatz()
    {
        var circuit = Ansatz.HardwareEfficient(3, 2);
        var a = circuit.Symbols[0];
        circuit.RX(a * 2 + 0.3, 1).CZ(0, 2);
        return Model.Apply(circuit).Circuit;
    }

    private static double[,] Row(int count, int seed)
    {
        var rng = new Random(seed);
        var row = new double[1, count];
        for (int i = 0; i < count; i++) row[0, i] = rng.NextDouble() * 4 - 2;
        return row;
    }

    /// <summary>tr(ρ(θ)·H) through the dense reference, for the circuit bound to <paramref name="values"/>.</summary>
    private static double Reference(Circuit circuit, PauliSum observable, double[] values)
    {
        var binding = ParameterBinding.From(circuit.Symbols, values);
        var bound = circuit.CopyShape();
        foreach (var op in circuit.Operations)
            bound.Append(op is GateOperation g
                ? g with { Parameters = [.. g.ParameterValues(binding).Select(v => (ParameterExpression)v)] }
                : op);
        return DensePauliSum.Expectation(DensityMatrixReference.Run(bound), observable, circuit.QubitCount);
    }

    [Test]
    public void DensityMatrix_ValuesAndEveryGradientMethod_MatchTheDenseReference()
    {
        var circuit = NoisyAnsatz();
        int p = circuit.Symbols.Count;
        var row = Row(p, 1);
        var values = Enumerable.Range(0, p).Select(j => row[0, j]).ToArray();
        using var estimator = new Estimator(Exact, new EstimatorOptions { Precision = Precision.Double }).Compile(circuit, Observables);
        var results = new[] { GradientMethod.Adjoint, GradientMethod.ParameterShift, GradientMethod.FiniteDifference }
            .ToDictionary(m => m, m => estimator.EvaluateWithGradient(row, m));
        for (int o = 0; o < Observables.Length; o++)
        {
            Assert.That(results[GradientMethod.Adjoint].Values[0, o], Is.EqualTo(Reference(circuit, Observables[o], values)).Within(1e-12));
            for (int j = 0; j < p; j++)
            {
                const double h = 1e-5;
                var plus = (double[])values.Clone();
                var minus = (double[])values.Clone();
                plus[j] += h;
                minus[j] -= h;
                double expected = (Reference(circuit, Observables[o], plus) - Reference(circuit, Observables[o], minus)) / (2 * h);
                Assert.That(results[GradientMethod.Adjoint].Gradients[0, o, j], Is.EqualTo(expected).Within(1e-8), $"adjoint, observable {o}, parameter {j}");
                Assert.That(results[GradientMethod.ParameterShift].Gradients[0, o, j], Is.EqualTo(expected).Within(1e-8), $"shift, observable {o}, parameter {j}");
                Assert.That(results[GradientMethod.FiniteDifference].Gradients[0, o, j], Is.EqualTo(expected).Within(1e-7), $"fd, observable {o}, parameter {j}");
            }
        }
        Assert.That(results[GradientMethod.Adjoint].ValueErrors, Is.Null);
    }

    [Test]
    public void DensityMatrixAdjoint_WithManyChannels_KeepsCheckpointsAndAgreesWithParameterShift()
    {
        // 40 channels: the backward pass recomputes stretches between kept density matrices.
        var circuit = Model.Apply(Ansatz.HardwareEfficient(3, 4)).Circuit;
        var row = Row(circuit.Symbols.Count, 2);
        using var estimator = new Estimator(Exact, new EstimatorOptions { Precision = Precision.Double }).Compile(circuit, Observables);
        var adjoint = estimator.EvaluateWithGradient(row, GradientMethod.Adjoint);
        var shift = estimator.EvaluateWithGradient(row, GradientMethod.ParameterShift);
        Assert.That(circuit.Operations.Count(op => op is ChannelOperation), Is.GreaterThan(30));
        Assert.That(adjoint.Values, Is.EqualTo(shift.Values).Within(1e-12));
        Assert.That(adjoint.Gradients, Is.EqualTo(shift.Gradients).Within(1e-11));
    }

    [Test]
    public void DensityMatrixAdjoint_OfANoiseFreeCircuit_MatchesTheStateVectorAdjoint()
    {
        var circuit = VariationalCircuit();
        var row = Row(circuit.Symbols.Count, 3);
        var options = new EstimatorOptions { Precision = Precision.Double };
        var onVectors = new Estimator(Cpu, options).EvaluateWithGradient(circuit, Observables, row);
        var onDensity = new Estimator(Exact, options).EvaluateWithGradient(circuit, Observables, row);
        Assert.That(onDensity.Values, Is.EqualTo(onVectors.Values).Within(1e-12));
        Assert.That(onDensity.Gradients, Is.EqualTo(onVectors.Gradients).Within(1e-11));
    }

    [TestCase(GradientMethod.ParameterShift)]
    [TestCase(GradientMethod.FiniteDifference)]
    public void Trajectories_ValuesAndGradients_AreWithinTheirStandardErrorsOfTheDensityMatrix(GradientMethod method)
    {
        var circuit = NoisyAnsatz();
        var row = Row(circuit.Symbols.Count, 4);
        var exact = new Estimator(Exact, new EstimatorOptions { Precision = Precision.Double }).EvaluateWithGradient(circuit, Observables, row);
        var options = new EstimatorOptions { Precision = Precision.Double, Trajectories = 1500, Seed = 5, FiniteDifferenceStep = 1e-3 };
        using var estimator = new Estimator(Cpu, options).Compile(circuit, Observables);
        var sampled = estimator.EvaluateWithGradient(row, method);
        Assert.That(sampled.Trajectories, Is.EqualTo(1500));
        Assert.That(SamplingStatistics.MaxZScore(Flat(sampled.Values), Flat(sampled.ValueErrors!), Flat(exact.Values)), Is.LessThan(SamplingStatistics.MaxZ));
        // Finite differences with h = 1e-3 are biased by O(h²) ≈ 1e-7, far inside the errors.
        Assert.That(SamplingStatistics.MaxZScore(Flat(sampled.Gradients), Flat(sampled.GradientErrors!), Flat(exact.Gradients), exactTolerance: 1e-6),
            Is.LessThan(SamplingStatistics.MaxZ));
        var values = estimator.EvaluateWithErrors(row);
        Assert.That(values.Values, Is.EqualTo(sampled.Values).Within(1e-12), "the same trajectories, evaluated alone");
    }

    [TestCase(1UL)]
    [TestCase(2UL)]
    public void Trajectories_ShiftGradientThroughAWeakStateDependentChannel_HasAnHonestStandardError(ulong seed)
    {
        // Shared by the shifted runs, the damping's draw would make a trajectory's derivative jump only where it falls between
        // the two runs' decay probabilities, γ·|sin θ| = 1e-3 apart: one trajectory in 1000, so 500 would mostly see none, miss
        // that part of the derivative and report an error near 0. Drawn afresh in each run, a decay happens in about
        // γ·P(1) ≈ 1% of runs: about ten of them here.
        const double gamma = 0.02, theta = 0.05;
        var t = new Parameters.Symbol("t");
        var circuit = new Circuit(1).RY(t, 0).AmplitudeDamp(gamma, 0);
        using var estimator = new Estimator(Cpu, new EstimatorOptions { Precision = Precision.Double, Trajectories = 500, Seed = seed })
            .Compile(circuit, [PauliString.Z(0)]);
        var result = estimator.EvaluateWithGradient(new double[,] { { theta } }, GradientMethod.ParameterShift);
        double exact = -(1 - gamma) * Math.Sin(theta);   // ⟨Z⟩ = 1 − 2·(1 − γ)·sin²(θ/2)
        Assert.That(result.GradientErrors![0, 0, 0], Is.GreaterThan(1e-3));
        Assert.That(Math.Abs(result.Gradients[0, 0, 0] - exact) / result.GradientErrors[0, 0, 0], Is.LessThan(SamplingStatistics.MaxZ));
    }

    [Test]
    public void Trajectories_Adjoint_IsNotSupported()
    {
        using var estimator = new Estimator(Cpu).Compile(NoisyAnsatz(), Observables);
        Assert.That(() => estimator.EvaluateWithGradient(Row(estimator.Parameters.Count, 1), GradientMethod.Adjoint),
            Throws.TypeOf<NotSupportedException>().With.Message.Contains("parameter shift"));
    }

    [Test]
    public void SampledEstimates_OfANoisyCircuit_SpreadTheirShotsOverTrajectories()
    {
        var circuit = NoisyAnsatz();
        var row = Row(circuit.Symbols.Count, 6);
        var exact = new Estimator(Exact, new EstimatorOptions { Precision = Precision.Double }).Evaluate(circuit, [Observables[0]], row);
        using var estimator = new Estimator(Cpu, new EstimatorOptions { Trajectories = 500 }).Compile(circuit, [Observables[0]]);
        double estimate = estimator.EvaluateSampled(row, shotsPerGroup: 20_000, seed: 7)[0, 0];
        // Each of the ≤ 2n + 1 terms is a mean of ±1 over 20 000 shots (σ ≤ 0.007 each).
        Assert.That(estimate, Is.EqualTo(exact[0, 0]).Within(SamplingStatistics.MaxZ * 0.007 * 4));
    }

    [Test]
    public void QuantumLayer_WithANoiseModel_IsExactOnDensityMatricesAndSampledOnVectors()
    {
        var inputs = new double[,] { { 0.3, -1.1, 0.4 }, { 1.2, 0.5, -0.7 } };
        var weights = Enumerable.Range(0, 12).Select(i => 0.1 * i - 0.5).ToArray();
        var upstream = new double[,] { { 1, -0.5, 0.25 }, { 0.5, 1, -1 } };
        using var exact = QuantumLayer.AngleEncoded(3, 3, 2, new Estimator(Exact, new EstimatorOptions { Precision = Precision.Double }), noise: Model);
        using var sampled = QuantumLayer.AngleEncoded(3, 3, 2,
            new Estimator(Cpu, new EstimatorOptions { Precision = Precision.Double, Trajectories = 1000, Seed = 2 }), noise: Model);
        var exactOut = exact.Forward(inputs, weights);
        var sampledOut = sampled.Forward(inputs, weights);
        Assert.That(sampledOut, Is.EqualTo(exactOut).Within(0.1));
        var exactGrad = exact.Backward(inputs, weights, upstream);
        var sampledGrad = sampled.Backward(inputs, weights, upstream);
        Assert.That(sampledGrad.Weights, Is.EqualTo(exactGrad.Weights).Within(0.25));
        using var noiseFree = QuantumLayer.AngleEncoded(3, 3, 2, new Estimator(Cpu, new EstimatorOptions { Precision = Precision.Double }));
        Assert.That(noiseFree.Forward(inputs, weights), Is.Not.EqualTo(exactOut).Within(1e-3), "the noise changes the outputs");
    }

    private static Circuit VariationalCircuit() => Estimation.RandomVariationalCircuits.Create(3, 20, 7, out _);

    private static double[] Flat(Array values) => [.. values.Cast<double>()];
}
