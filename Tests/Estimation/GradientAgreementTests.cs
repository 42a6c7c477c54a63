using QSim.Backends;
using QSim.Circuits;
using QSim.Cpu;
using QSim.Estimation;
using QSim.Observables;
using QSim.Parameters;
using QSim.Tests.Oracles;

namespace QSim.Tests.Estimation;

/// <summary>The three gradient methods agree on random circuits with shared and expression parameters.</summary>
public sealed class GradientAgreementTests
{
    private CpuBackend _backend = null!;
    private Estimator _estimator = null!;

    [OneTimeSetUp]
    public void CreateBackend()
    {
        _backend = new CpuBackend(new CpuBackendOptions { Threads = 2 });
        _estimator = new Estimator(_backend, new EstimatorOptions { Precision = Precision.Double });
    }

    [OneTimeTearDown] public void DisposeBackend() => _backend.Dispose();

    private static IEnumerable<TestCaseData> Circuits() =>
        from qubits in new[] { 2, 3, 5, 8 }
        from seed in new[] { 1, 2 }
        select new TestCaseData(qubits, seed).SetArgDisplayNames($"n={qubits}", $"seed={seed}");

    [TestCaseSource(nameof(Circuits))]
    public void Gradients_RandomCircuit_AdjointMatchesShiftAndFiniteDifferences(int qubits, int seed)
    {
        var circuit = RandomVariationalCircuits.Create(qubits, 6 * qubits, seed, out _);
        var rng = new Random(seed * 31 + qubits);
        PauliSum[] observables = [DensePauliSum.Random(qubits, 5, rng), Hamiltonians.TransverseFieldIsing(qubits)];
        var parameters = new double[3, circuit.Symbols.Count];
        for (int r = 0; r < 3; r++)
            for (int p = 0; p < parameters.GetLength(1); p++) parameters[r, p] = rng.NextDouble() * 4 - 2;

        var adjoint = _estimator.EvaluateWithGradient(circuit, observables, parameters, GradientMethod.Adjoint);
        var shift = _estimator.EvaluateWithGradient(circuit, observables, parameters, GradientMethod.ParameterShift);
        var finite = _estimator.EvaluateWithGradient(circuit, observables, parameters, GradientMethod.FiniteDifference);

        Assert.That(MaxDifference(adjoint.Gradients, shift.Gradients), Is.LessThan(1e-10), "adjoint vs parameter shift");
        Assert.That(MaxDifference(adjoint.Gradients, finite.Gradients), Is.LessThan(1e-6), "adjoint vs finite differences");
        for (int r = 0; r < 3; r++)
        {
            var binding = ParameterBinding.From(circuit.Symbols, Enumerable.Range(0, parameters.GetLength(1)).Select(p => parameters[r, p]).ToArray());
            var reference = ReferenceSimulator.Run(circuit, binding);
            for (int o = 0; o < observables.Length; o++)
                Assert.That(adjoint.Values[r, o], Is.EqualTo(DensePauliSum.Expectation(observables[o], reference, qubits)).Within(1e-10));
        }
    }

    /// <summary>
    /// Above the optimizer's cache block (2^17 amplitudes) the sweep un-applies the low part of each parameter-free run
    /// (here fixed rotations, CZ ladders and a CX above the block) and reads the terms block by block; the gradient must not change.
    /// </summary>
    [Test]
    public void AdjointGradient_AboveTheSweepBlock_MatchesParameterShift()
    {
        const int qubits = 18;
        var circuit = new Circuit(qubits);
        for (int layer = 0; layer < 2; layer++)
        {
            for (int q = 0; q < qubits; q++) circuit.RX(0.3 + 0.1 * q + layer, q);
            for (int q = 0; q + 1 < qubits; q++) circuit.CZ(q, q + 1);
            circuit.CX(16, 17).T(16);
            foreach (int q in new[] { 0, 9, 17 }) circuit.RY(new Symbol($"y{layer}_{q}"), q);
            circuit.RZ(new Symbol($"z{layer}"), 4);
        }
        var rng = new Random(18);
        var parameters = new double[1, circuit.Symbols.Count];
        for (int p = 0; p < parameters.GetLength(1); p++) parameters[0, p] = rng.NextDouble() * 4 - 2;
        PauliSum[] observables = [Hamiltonians.TransverseFieldIsing(qubits)];

        var adjoint = _estimator.EvaluateWithGradient(circuit, observables, parameters, GradientMethod.Adjoint);
        var shift = _estimator.EvaluateWithGradient(circuit, observables, parameters, GradientMethod.ParameterShift);

        Assert.That(MaxDifference(adjoint.Gradients, shift.Gradients), Is.LessThan(1e-10), "adjoint vs parameter shift");
    }

    /// <summary>
    /// With a sweep block of 6 qubits, a 10-qubit HEA and the random circuits have steps above the block: the sweep applies
    /// those that commute with the low run queued before them first, and un-applies and reads the rest block by block,
    /// for two observables at once; the gradient must not change.
    /// </summary>
    [Test]
    public void AdjointGradient_WithStepsAboveASmallSweepBlock_MatchesParameterShift([Values(1, 2)] int seed)
    {
        var circuits = new[] { Ansatz.HardwareEfficient(10, 2), RandomVariationalCircuits.Create(9, 60, seed, out _) };
        var estimator = new Estimator(_backend, new EstimatorOptions { Precision = Precision.Double, SweepBlockQubits = 6 });
        foreach (var circuit in circuits)
        {
            var rng = new Random(seed);
            PauliSum[] observables = [Hamiltonians.TransverseFieldIsing(circuit.QubitCount), DensePauliSum.Random(circuit.QubitCount, 5, rng)];
            var parameters = new double[2, circuit.Symbols.Count];
            for (int r = 0; r < 2; r++)
                for (int p = 0; p < parameters.GetLength(1); p++) parameters[r, p] = rng.NextDouble() * 4 - 2;

            var adjoint = estimator.EvaluateWithGradient(circuit, observables, parameters, GradientMethod.Adjoint);
            var shift = _estimator.EvaluateWithGradient(circuit, observables, parameters, GradientMethod.ParameterShift);

            Assert.That(MaxDifference(adjoint.Gradients, shift.Gradients), Is.LessThan(1e-10), $"adjoint vs parameter shift, {circuit.QubitCount} qubits");
        }
    }

    /// <summary>
    /// Going back, RX(0.7) on qubit 5 is queued low (with the pending RY and RX) before CX(5, 7) comes above the 6-qubit
    /// block; they share qubit 5, so the sweep un-applies the low run before CX instead of moving CX ahead of it. The
    /// term of RY(d) on qubit 5, read later, sees the difference (with H instead of RX, Pauli algebra would hide it).
    /// </summary>
    [Test]
    public void AdjointGradient_StepAboveTheBlockNotCommutingWithTheRun_MatchesParameterShift()
    {
        var circuit = new Circuit(8);
        for (int q = 0; q < 8; q++) circuit.RY(0.2 + 0.3 * q, q);
        circuit.RY(new Symbol("d"), 5).RX(new Symbol("e"), 7);
        circuit.RZ(new Symbol("a"), 0).CX(5, 7).RX(0.7, 5).RX(new Symbol("b"), 1).RY(new Symbol("c"), 3);
        var estimator = new Estimator(_backend, new EstimatorOptions { Precision = Precision.Double, SweepBlockQubits = 6 });
        PauliSum[] observables = [Hamiltonians.TransverseFieldIsing(8)];
        var parameters = new double[,] { { 0.7, 1.3, 0.4, -1.1, 0.9 } };

        var adjoint = estimator.EvaluateWithGradient(circuit, observables, parameters, GradientMethod.Adjoint);
        var shift = _estimator.EvaluateWithGradient(circuit, observables, parameters, GradientMethod.ParameterShift);

        Assert.That(MaxDifference(adjoint.Gradients, shift.Gradients), Is.LessThan(1e-10));
    }

    [Test]
    public void EstimatorOptions_SweepBlockBelowOneQubit_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new EstimatorOptions { SweepBlockQubits = 0 });

    [Test]
    public void AdjointGradient_RYOnZero_IsMinusSine([Values(-2.0, 0.0, 0.7, 3.0)] double theta)
    {
        var circuit = new Circuit(1).RY(new Symbol("theta"), 0);
        foreach (var method in Enum.GetValues<GradientMethod>())
        {
            var result = _estimator.EvaluateWithGradient(circuit, [PauliString.Z(0)], new double[,] { { theta } }, method);
            Assert.That(result.Values[0, 0], Is.EqualTo(Math.Cos(theta)).Within(1e-12), $"{method} value");
            Assert.That(result.Gradients[0, 0, 0], Is.EqualTo(-Math.Sin(theta)).Within(method == GradientMethod.FiniteDifference ? 1e-8 : 1e-12), $"{method}");
        }
    }

    [Test]
    public void AdjointGradient_SharedSymbolInExpressions_AddsChainRuleTerms()
    {
        // <Z> = cos(2t)·cos(t + 1) after RY(2t) then RX(t + 1): d/dt = −2 sin 2t cos(t+1) − cos 2t sin(t+1).
        var t = new Symbol("t");
        var circuit = new Circuit(1).RY(2.0 * t, 0).RX(t + 1.0, 0);
        const double x = 0.4;
        var result = _estimator.EvaluateWithGradient(circuit, [PauliString.Z(0)], new double[,] { { x } });
        Assert.That(result.Gradients[0, 0, 0], Is.EqualTo(-2 * Math.Sin(2 * x) * Math.Cos(x + 1) - Math.Cos(2 * x) * Math.Sin(x + 1)).Within(1e-12));
    }

    [Test]
    public void SinglePrecisionAdjoint_RandomCircuit_MatchesDoubleWithinFloatRounding()
    {
        var circuit = RandomVariationalCircuits.Create(4, 24, 9, out _);
        var parameters = new double[,] { { 0.1, -0.7, 1.3, 0.4 } };
        PauliSum[] observables = [Hamiltonians.TransverseFieldIsing(4)];
        var single = new Estimator(_backend).EvaluateWithGradient(circuit, observables, parameters);
        var exact = _estimator.EvaluateWithGradient(circuit, observables, parameters);
        Assert.That(MaxDifference(single.Gradients, exact.Gradients), Is.LessThan(1e-4));
    }

    private static double MaxDifference(double[,,] a, double[,,] b)
    {
        double worst = 0;
        for (int i = 0; i < a.GetLength(0); i++)
            for (int j = 0; j < a.GetLength(1); j++)
                for (int k = 0; k < a.GetLength(2); k++) worst = Math.Max(worst, Math.Abs(a[i, j, k] - b[i, j, k]));
        return worst;
    }
}
