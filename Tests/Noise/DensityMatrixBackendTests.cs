using System.Numerics;
using QSim.Backends;
using QSim.Circuits;
using QSim.DensityMatrix;
using QSim.Execution;
using QSim.Noise;
using QSim.Numerics;
using QSim.Observables;
using QSim.Passes;
using QSim.Tests.Backends;
using QSim.Tests.Oracles;

namespace QSim.Tests.Noise;

/// <summary>The density-matrix backend on every state-vector backend configuration, against the dense Kraus reference.</summary>
[TestFixtureSource(typeof(BackendConfigurations), nameof(BackendConfigurations.All))]
public sealed class DensityMatrixBackendTests(string configuration)
{
    private DensityMatrixBackend _backend = null!;

    [OneTimeSetUp] public void CreateBackend() => _backend = new DensityMatrixBackend(BackendConfigurations.Create(configuration));
    [OneTimeTearDown] public void DisposeBackend() => _backend?.Dispose();

    private static double Tolerance(Precision precision) => precision == Precision.Single ? 2e-5 : 1e-12;

    private static Complex[,] Read(IStateVector state)
    {
        var dm = (DensityMatrixState)state;
        int dim = (int)dm.Length;
        var flat = new Complex[dim * dim];
        dm.GetDensityMatrix(flat);
        var rho = new Complex[dim, dim];
        for (int r = 0; r < dim; r++)
            for (int c = 0; c < dim; c++) rho[r, c] = flat[r * dim + c];
        return rho;
    }

    [TestCase(0, Precision.Double)]
    [TestCase(3, Precision.Double)]
    [TestCase(3, Precision.Single)]
    public void FinalState_OfRandomNoisyCircuit_MatchesDenseKrausReference(int level, Precision precision)
    {
        for (int seed = 0; seed < 3; seed++)
        {
            var circuit = NoisyCircuits.Layered(4, 3, seed);
            using var state = new Simulator(_backend, level).FinalState(circuit, precision: precision);
            var expected = DensityMatrixReference.Run(circuit);
            Assert.That(DensityMatrixReference.MaxDistance(Read(state), expected), Is.LessThan(Tolerance(precision)), $"seed {seed}");
        }
    }

    [Test]
    public void FinalState_OfNoiseFreeCircuit_IsTheProjectorOnTheStateVector()
    {
        var circuit = RandomCircuits.Layered(3, 4, 7);
        using var state = new Simulator(_backend).FinalState(circuit, precision: Precision.Double);
        var expected = DensityMatrixReference.FromState(ReferenceSimulator.Run(circuit));
        Assert.That(DensityMatrixReference.MaxDistance(Read(state), expected), Is.LessThan(1e-12));
    }

    [Test]
    public void ExpectationPauli_IsTheTraceOfRhoTimesP()
    {
        var circuit = NoisyCircuits.Layered(3, 3, 11);
        using var state = new Simulator(_backend).FinalState(circuit, precision: Precision.Double);
        var rho = DensityMatrixReference.Run(circuit);
        foreach (string text in new[] { "Z0", "X1", "Y2", "X0*Y1*Z2", "Y0*Y1", "Z0*Z1*Z2", "X0*X1*X2" })
        {
            var term = PauliSum.Parse(text).Terms[0].Pauli;
            Assert.That(state.ExpectationPauli(term.XMask, term.ZMask), Is.EqualTo(DensePauliSum.Expectation(rho, PauliSum.Parse(text), 3)).Within(1e-12), text);
        }
        Assert.That(state.NormSquared(), Is.EqualTo(1).Within(1e-12));
    }

    [Test]
    public void ProbabilitiesAndSampling_ReadTheDiagonal()
    {
        var circuit = NoisyCircuits.Layered(3, 2, 5);
        using var state = new Simulator(_backend).FinalState(circuit, precision: Precision.Double);
        var expected = DensityMatrixReference.Probabilities(DensityMatrixReference.Run(circuit));
        var probabilities = new double[8];
        state.GetProbabilities(probabilities);
        Assert.That(probabilities, Is.EqualTo(expected).Within(1e-12));
        for (int q = 0; q < 3; q++)
            Assert.That(state.ProbabilityOfOne(q), Is.EqualTo(expected.Where((_, i) => ((i >> q) & 1) == 1).Sum()).Within(1e-12), $"qubit {q}");
        // Uniforms at the cumulative sums' midpoints land on each basis state with positive probability.
        double cumulative = 0;
        var uniforms = new List<double>();
        var indices = new List<long>();
        for (int i = 0; i < 8; i++)
        {
            if (expected[i] < 1e-9) { cumulative += expected[i]; continue; }
            uniforms.Add(cumulative + expected[i] / 2);
            indices.Add(i);
            cumulative += expected[i];
        }
        var sampled = new long[uniforms.Count];
        state.Sample([.. uniforms], sampled);
        Assert.That(sampled, Is.EqualTo(indices));
    }

    [Test]
    public void Collapse_ProjectsBothSidesAndRenormalises()
    {
        var circuit = NoisyCircuits.Layered(3, 2, 3);
        using var state = new Simulator(_backend).FinalState(circuit, precision: Precision.Double);
        var rho = DensityMatrixReference.Run(circuit);
        double p1 = state.ProbabilityOfOne(1);
        state.Collapse(1, 1);
        var projector = DensityMatrixReference.Embed(ComplexMatrix.Diagonal([0, 1]), [1], 3);
        var expected = DensityMatrixReference.Multiply(DensityMatrixReference.Multiply(projector, rho), projector);
        for (int r = 0; r < 8; r++)
            for (int c = 0; c < 8; c++) expected[r, c] /= p1;
        Assert.That(DensityMatrixReference.MaxDistance(Read(state), expected), Is.LessThan(1e-12));
    }

    [Test]
    public void ExactProbabilities_WithMidCircuitMeasurement_MatchTheStateVectorBackend()
    {
        var circuit = new Circuit(3, 2).H(0).CX(0, 1).Measure(0, 0).RY(0.7, 2).If([0], 1, c => c.X(2)).CX(2, 1).Measure(1, 1).H(2);
        var inner = ((DensityMatrixBackend)_backend).Inner;
        var expected = ExactProbabilities.Compute(inner, circuit, precision: Precision.Double);
        var actual = ExactProbabilities.Compute(_backend, circuit, precision: Precision.Double);
        Assert.That(actual.Probabilities, Is.EqualTo(expected.Probabilities).Within(1e-12));
        Assert.That(actual.ClassicalProbabilities, Is.EquivalentTo(expected.ClassicalProbabilities).Using<KeyValuePair<string, double>>(
            (a, b) => a.Key == b.Key && Math.Abs(a.Value - b.Value) < 1e-12));
    }

    [Test]
    public void ExactProbabilities_OfANoisyCircuitWithMeasurement_MatchTheReferenceWithTheMeasurementAsDephasing()
    {
        // An unread mid-circuit measurement acts on the qubits' distribution as the dephasing channel {|0⟩⟨0|, |1⟩⟨1|}.
        var circuit = new Circuit(2, 1).H(0).AmplitudeDamp(0.3, 0).CX(0, 1).Measure(0, 0).H(0).Depolarize(0.2, 1).CX(1, 0);
        var reference = new Circuit(2).H(0).AmplitudeDamp(0.3, 0).CX(0, 1)
            .Kraus([ComplexMatrix.Diagonal([1, 0]), ComplexMatrix.Diagonal([0, 1])], 0).H(0).Depolarize(0.2, 1).CX(1, 0);
        var exact = ExactProbabilities.Compute(_backend, circuit, precision: Precision.Double);
        Assert.That(exact.Probabilities, Is.EqualTo(DensityMatrixReference.Probabilities(DensityMatrixReference.Run(reference))).Within(1e-12));
    }

    [Test]
    public void Amplitudes_AndVectorInnerProducts_AreNotSupported()
    {
        using var state = _backend.CreateState(2, Precision.Double);
        Assert.That(() => state.GetAmplitudes(new Complex[4]), Throws.TypeOf<NotSupportedException>().With.Message.Contains("GetDensityMatrix"));
        using var other = _backend.CreateState(2, Precision.Double);
        Assert.That(() => state.InnerProduct(other), Throws.TypeOf<NotSupportedException>());
    }

    [Test]
    public void SetAmplitudes_MakesThePureState()
    {
        var psi = ReferenceSimulator.RandomState(3, 4);
        using var state = _backend.CreateState(3, Precision.Double);
        state.SetAmplitudes(psi);
        Assert.That(DensityMatrixReference.MaxDistance(Read(state), DensityMatrixReference.FromState(psi)), Is.LessThan(1e-12));
    }
}

/// <summary>The density-matrix backend's memory guard and capabilities (one configuration is enough).</summary>
public sealed class DensityMatrixGuardTests
{
    [Test]
    public void CreateState_BeyondMemory_RefusesNamingTheFourToTheNSize()
    {
        using var backend = new DensityMatrixBackend(new Cpu.CpuBackend(new Cpu.CpuBackendOptions { MemoryLimitBytes = 64L << 20 }));
        Assert.That(() => backend.CreateState(12, Precision.Single), Throws.TypeOf<StateTooLargeException>()
            .With.Message.EqualTo("A density matrix of 12 qubits in complex64 (4^12 elements) needs 128 MiB, but only 64 MiB is available on cpu."));
        using var fits = backend.CreateState(11, Precision.Single);
        Assert.That(fits.QubitCount, Is.EqualTo(11));
    }

    [Test]
    public void MaxQubits_CountsFourToTheNElements()
    {
        Assert.That(DensityMatrixBackend.MaxQubits(24L << 30, Precision.Single), Is.EqualTo(15));
        Assert.That(DensityMatrixBackend.MaxQubits(24L << 30, Precision.Double), Is.EqualTo(15));
        Assert.That(DensityMatrixBackend.MaxQubits(8L << 30, Precision.Double), Is.EqualTo(14));
    }

    [Test]
    public void Capabilities_SayMixedStatesAndNoSweeps()
    {
        using var backend = new DensityMatrixBackend(new Cpu.CpuBackend(new Cpu.CpuBackendOptions { Threads = 2 }));
        Assert.That(backend.Capabilities.MixedStates, Is.True);
        Assert.That(backend.Capabilities.Native, Is.EqualTo(NativeOperations.None));
        Assert.That(backend.Capabilities.ParallelStateQubits, Is.EqualTo(7));
        Assert.That(() => new DensityMatrixBackend(backend, ownsInner: false), Throws.ArgumentException);
    }
}
