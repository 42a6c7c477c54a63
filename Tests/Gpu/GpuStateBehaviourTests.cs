using System.Numerics;
using QSim.Backends;
using QSim.Circuits;
using QSim.Cpu;
using QSim.Execution;
using QSim.Numerics;
using QSim.Tests.Backends;
using QSim.Tests.Oracles;

namespace QSim.Tests.Gpu;

/// <summary>Everything of the GPU backend that is not a gate, against the CPU backend on the same states.</summary>
[TestFixtureSource(typeof(BackendConfigurations), nameof(BackendConfigurations.Gpu))]
public sealed class GpuStateBehaviourTests(string configuration)
{
    private const int Qubits = 5;
    private static readonly Precision[] Precisions = [Precision.Single, Precision.Double];

    private IBackend _gpu = null!;
    private CpuBackend _cpu = null!;

    [OneTimeSetUp]
    public void CreateBackends()
    {
        _gpu = BackendConfigurations.Create(configuration);
        _cpu = new CpuBackend(new CpuBackendOptions { Threads = 1 });
    }

    [OneTimeTearDown]
    public void DisposeBackends()
    {
        _gpu?.Dispose();
        _cpu?.Dispose();
    }

    private static double Tolerance(Precision precision) => precision == Precision.Single ? 1e-5 : 1e-12;

    /// <summary>The same random state on both backends.</summary>
    private (IStateVector Gpu, IStateVector Cpu) Pair(int seed, Precision precision, int qubits = Qubits)
    {
        var amplitudes = ReferenceSimulator.RandomState(qubits, seed);
        var gpu = _gpu.CreateState(qubits, precision);
        var cpu = _cpu.CreateState(qubits, precision);
        gpu.SetAmplitudes(amplitudes);
        cpu.SetAmplitudes(amplitudes);
        return (gpu, cpu);
    }

    [Test]
    public void CreateState_IsBasisStateZero([ValueSource(nameof(Precisions))] Precision precision)
    {
        using var state = _gpu.CreateState(3, precision);
        KernelOracleTests.AssertClose(state, ReferenceSimulator.ZeroState(3), precision, "fresh state");
    }

    [Test]
    public void SetBasisState_PutsAllWeightOnThatIndex()
    {
        using var state = _gpu.CreateState(4, Precision.Double);
        state.ApplyMatrix([0], [1, 1, 1, -1], []);
        state.SetBasisState(11);
        var expected = new Complex[16];
        expected[11] = 1;
        KernelOracleTests.AssertClose(state, expected, Precision.Double, "|11⟩");
    }

    [Test]
    public void NormSquaredAndProbabilityOfOne_MatchCpu([ValueSource(nameof(Precisions))] Precision precision)
    {
        var (gpu, cpu) = Pair(1, precision);
        using (gpu) using (cpu)
        {
            gpu.ApplyMatrix([], [new Complex(0.5, 0.5)], []);
            cpu.ApplyMatrix([], [new Complex(0.5, 0.5)], []);
            Assert.That(gpu.NormSquared(), Is.EqualTo(cpu.NormSquared()).Within(Tolerance(precision)));
            for (int q = 0; q < Qubits; q++)
                Assert.That(gpu.ProbabilityOfOne(q), Is.EqualTo(cpu.ProbabilityOfOne(q)).Within(Tolerance(precision)), $"qubit {q}");
        }
    }

    [Test]
    public void Collapse_OnEveryQubitAndOutcome_MatchesCpu([ValueSource(nameof(Precisions))] Precision precision, [Values(0, 1)] int outcome)
    {
        for (int q = 0; q < Qubits; q++)
        {
            var (gpu, cpu) = Pair(10 + q, precision);
            using (gpu) using (cpu)
            {
                gpu.Collapse(q, outcome);
                cpu.Collapse(q, outcome);
                var expected = new Complex[1 << Qubits];
                cpu.GetAmplitudes(expected);
                KernelOracleTests.AssertClose(gpu, expected, precision, $"collapse of qubit {q} to {outcome}");
            }
        }
    }

    [Test]
    public void Collapse_ToImpossibleOutcome_Throws()
    {
        using var state = _gpu.CreateState(2, Precision.Single);
        Assert.Throws<InvalidOperationException>(() => state.Collapse(1, 1));
    }

    [Test]
    public void GetProbabilities_MatchesCpu([ValueSource(nameof(Precisions))] Precision precision)
    {
        var (gpu, cpu) = Pair(2, precision);
        using (gpu) using (cpu)
        {
            var actual = new double[1 << Qubits];
            var expected = new double[1 << Qubits];
            gpu.GetProbabilities(actual);
            cpu.GetProbabilities(expected);
            Assert.That(actual, Is.EqualTo(expected).Within(Tolerance(precision)));
        }
    }

    [Test]
    public void Sample_SameUniforms_GivesCpuIndicesAndRepeats([ValueSource(nameof(Precisions))] Precision precision)
    {
        // 13 qubits: more than one reduction chunk, so the chunk walk is exercised.
        var (gpu, cpu) = Pair(3, precision, qubits: 13);
        using (gpu) using (cpu)
        {
            var expected = Simulator.SampleIndices(cpu, 2000, new SeededRandom(42));
            var first = Simulator.SampleIndices(gpu, 2000, new SeededRandom(42));
            var second = Simulator.SampleIndices(gpu, 2000, new SeededRandom(42));
            Assert.That(first, Is.EqualTo(second), "same seed, same samples");
            Assert.That(first, Is.EqualTo(expected), "same samples as the CPU backend");
        }
    }

    [Test]
    public void InnerProductAndCopyFrom_MatchCpu([ValueSource(nameof(Precisions))] Precision precision)
    {
        var (gpuA, cpuA) = Pair(4, precision);
        var (gpuB, cpuB) = Pair(5, precision);
        using (gpuA) using (cpuA) using (gpuB) using (cpuB)
        {
            Complex expected = cpuA.InnerProduct(cpuB);
            Complex actual = gpuA.InnerProduct(gpuB);
            Assert.That((actual - expected).Magnitude, Is.LessThan(Tolerance(precision)));
            gpuA.CopyFrom(gpuB);
            Assert.That((gpuA.InnerProduct(gpuB) - cpuB.NormSquared()).Magnitude, Is.LessThan(Tolerance(precision)));
        }
    }

    [Test]
    public void ExpectationPauli_EveryStringOnThreeQubits_MatchesCpu([ValueSource(nameof(Precisions))] Precision precision)
    {
        var (gpu, cpu) = Pair(6, precision);
        using (gpu) using (cpu)
        {
            // Each of qubits 0, 2, 4 carries I, X, Z or Y (both masks).
            int[] on = [0, 2, 4];
            for (int code = 0; code < 64; code++)
            {
                ulong x = 0, z = 0;
                for (int j = 0; j < on.Length; j++)
                {
                    int pauli = (code >> (2 * j)) & 3;
                    if ((pauli & 1) != 0) x |= 1UL << on[j];
                    if ((pauli & 2) != 0) z |= 1UL << on[j];
                }
                Assert.That(gpu.ExpectationPauli(x, z), Is.EqualTo(cpu.ExpectationPauli(x, z)).Within(Tolerance(precision)), $"x={x:b} z={z:b}");
            }
        }
    }

    [Test]
    public void MidCircuitMeasureResetAndCondition_CountsMatchCpu()
    {
        var circuit = new Circuit(3, 3).H(0).CX(0, 1).Measure(0, 0).Reset(0).H(0).If([0], 1, c => c.X(2)).Measure(0, 1).Measure(2, 2);
        var options = new RunOptions { Shots = 40, Seed = 7, Precision = Precision.Double };
        var expected = new Simulator(_cpu).Counts(circuit, options);
        var actual = new Simulator(_gpu).Counts(circuit, options);
        Assert.That(actual, Is.EqualTo(expected));
    }

    [Test]
    public void CreateState_BeyondDeviceMemory_ThrowsNamingBothSizes()
    {
        var e = Assert.Throws<StateTooLargeException>(() => _gpu.CreateState(34, Precision.Double));
        Assert.That(e!.Message, Does.Contain("256 GiB"));
    }

    [Test]
    public void ApplyMatrix_MoreTargetsThanTheDenseKernelHolds_Throws()
    {
        using var state = _gpu.CreateState(8, Precision.Single);
        var identity = ComplexMatrix.Identity(1 << 7).Elements.ToArray();
        Assert.Throws<ArgumentException>(() => state.ApplyMatrix([0, 1, 2, 3, 4, 5, 6], identity, []));
    }
}
