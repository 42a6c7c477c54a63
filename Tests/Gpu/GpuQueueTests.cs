using System.Numerics;
using QSim.Backends;
using QSim.Circuits;
using QSim.Cpu;
using QSim.Estimation;
using QSim.Execution;
using QSim.Gpu;
using QSim.Gpu.Kernels;
using QSim.Numerics;
using QSim.Observables;
using QSim.Passes;
using QSim.Tests.Backends;
using QSim.Tests.Oracles;

namespace QSim.Tests.Gpu;

/// <summary>
/// The GPU backend's queue. Gates never make the host wait for the GPU: every plan step (dense, diagonal, controlled,
/// sweep, swap) and a reset queue on the stream, with their matrices sent asynchronously; only reads wait (counted on
/// ILGPU's CPU accelerator through the backend's one waiting place). States driven from several threads queue one
/// operation at a time.
/// </summary>
public sealed class GpuQueueTests
{
    private GpuBackend _gpu = null!;

    [OneTimeSetUp] public void CreateBackend() => _gpu = GpuBackend.CreateOnCpuAccelerator();

    [OneTimeTearDown] public void DisposeBackend() => _gpu?.Dispose();

    /// <summary>Rotations, CX/CZ, a Toffoli and a controlled phase: every step family once optimized.</summary>
    private static Circuit Mixed(int qubits, int seed)
    {
        var rng = new Random(seed);
        var circuit = new Circuit(qubits);
        for (int layer = 0; layer < 4; layer++)
        {
            for (int q = 0; q < qubits; q++) circuit.RY(rng.NextDouble() * 3, q).RZ(rng.NextDouble() * 3, q);
            for (int q = layer % 2; q + 1 < qubits; q += 2) circuit.CX(q, q + 1);
            circuit.CCX(0, qubits / 2, qubits - 1).CP(rng.NextDouble(), 1, qubits - 2).CZ(2, qubits - 1);
        }
        return circuit;
    }

    [Test]
    public void PlanSteps_AtEveryOptimizationLevel_NeverWaitAndMatchTheOracle([Values(0, 2, 3)] int level, [Values(Precision.Single, Precision.Double)] Precision precision)
    {
        const int qubits = 9;
        var circuit = Mixed(qubits, seed: level);
        // A plan shaped for the CPU (sweeps and relabelling, which the GPU's own plans never have), so that every step kind
        // runs here; blocks of 2^6 amplitudes (the least the scheduler takes) make level 3 sweep and relabel on 9 qubits.
        var plan = QSim.Tests.Passes.TestPlans.Plan(circuit, level, new OptimizerOptions { MaxFusedQubits = 5, BlockQubits = 6 });
        if (level == 3)
        {
            Assert.That(plan.Steps.OfType<SweepStep>(), Is.Not.Empty, "level 3 sweeps");
            Assert.That(plan.Steps.OfType<QubitSwapStep>(), Is.Not.Empty, "level 3 relabels");
        }
        using var state = _gpu.CreateState(qubits, precision);
        long before = _gpu.HostWaits;
        state.SetBasisState(0);
        PlanExecutor.ApplyUnitary(plan, state);
        Assert.That(_gpu.HostWaits, Is.EqualTo(before), $"host waits during {plan.Steps.Count} steps");

        KernelOracleTests.AssertClose(state, ReferenceSimulator.Run(circuit), precision, $"level {level}");
        Assert.That(_gpu.HostWaits, Is.EqualTo(before + 1), "reading the amplitudes is one wait");
    }

    [Test]
    public void ApplyRun_LongerThanTheArena_WaitsOncePerArenaAndStaysExact()
    {
        // Sixty-five 6-qubit matrices (4096 elements each) overflow the 2^18-element arena once.
        const int qubits = 6, count = 65;
        Assert.That(count * 4096, Is.GreaterThan(MatrixArena<float>.Capacity));
        var rng = new Random(3);
        var matrices = Enumerable.Range(0, count).Select(_ => RandomUnitary(rng)).ToArray();
        int[] targets = [3, 0, 5, 1, 4, 2];
        var run = matrices.Select(m => new MatrixApplication([.. targets], [], m.Elements.ToArray(), IsDiagonal: false)).ToArray();
        var expected = ReferenceSimulator.RandomState(qubits, 5);
        var initial = expected.ToArray();
        foreach (var m in matrices) expected = ReferenceSimulator.Apply(expected, m, targets);

        using var state = (GpuStateVector<double>)_gpu.CreateState(qubits, Precision.Double);
        state.SetAmplitudes(initial);
        long before = _gpu.HostWaits;
        state.ApplyRun(run);
        Assert.That(_gpu.HostWaits - before, Is.EqualTo(1), "one wait for the full arena");
        KernelOracleTests.AssertClose(state, expected, Precision.Double, "65 six-qubit matrices");
    }

    [Test]
    public void ApplyMatrix_OneGateAfterAnother_ReusesTheArenaAfterARead()
    {
        // A read between gates frees the arena: the next matrix goes to its front, and nothing else waits.
        var rng = new Random(9);
        using var state = _gpu.CreateState(5, Precision.Double);
        var expected = ReferenceSimulator.ZeroState(5);
        for (int round = 0; round < 3; round++)
        {
            var u = RandomUnitary(rng, 3);
            state.ApplyMatrix([4, 1, 2], u.Elements, [0]);
            expected = ReferenceSimulator.Apply(expected, ControlledOn(u), [4, 1, 2, 0]);
            long before = _gpu.HostWaits;
            Assert.That(state.NormSquared(), Is.EqualTo(1).Within(1e-12));
            Assert.That(_gpu.HostWaits - before, Is.EqualTo(1));
        }
        KernelOracleTests.AssertClose(state, expected, Precision.Double, "three controlled 3-qubit gates");
    }

    [Test]
    public void Estimator_RowsOnParallelThreads_MatchTheCpuBackend()
    {
        // Circuits below EstimatorOptions.BatchParallelBelowQubits run rows on parallel workers, each with its own states
        // of the one backend: their matrices share the backend's arena.
        var circuit = GpuBatchRunnerTests.Ansatz(4, 2);
        var rng = new Random(12);
        var parameters = new double[24, circuit.Symbols.Count];
        for (int r = 0; r < parameters.GetLength(0); r++)
            for (int j = 0; j < parameters.GetLength(1); j++) parameters[r, j] = rng.NextDouble() * 6 - 3;
        PauliSum[] observables = [PauliSum.Parse("Z0*Z1 + 0.5*X2"), PauliSum.Parse("Y3 - 0.25*Z1*Z2")];
        var options = new EstimatorOptions { Precision = Precision.Double, MaxParallelRows = 4 };
        using var cpu = new CpuBackend(new CpuBackendOptions { Threads = 1 });
        using var onGpu = new Estimator(_gpu, options).Compile(circuit, observables);
        using var onCpu = new Estimator(cpu, options).Compile(circuit, observables);

        Assert.That(onGpu.Evaluate(parameters), Is.EqualTo(onCpu.Evaluate(parameters)).Within(1e-10));
    }

    private static ComplexMatrix RandomUnitary(Random rng, int qubits = 6)
    {
        var circuit = new Circuit(qubits);
        for (int q = 0; q < qubits; q++) circuit.U(rng.NextDouble() * 3, rng.NextDouble() * 6, rng.NextDouble() * 6, q);
        for (int q = 0; q + 1 < qubits; q++) circuit.CX(q, q + 1);
        int d = 1 << qubits;
        var elements = new Complex[d * d];
        for (int column = 0; column < d; column++)
        {
            var basis = new Complex[d];
            basis[column] = 1;
            var image = ReferenceSimulator.Run(circuit, basis);
            for (int row = 0; row < d; row++) elements[row * d + column] = image[row];
        }
        return new ComplexMatrix(elements);
    }

    /// <summary>U on the first qubits, controlled by the last (little-endian: the control is the highest bit).</summary>
    private static ComplexMatrix ControlledOn(ComplexMatrix u)
    {
        int d = u.Dimension;
        var elements = new Complex[4 * d * d];
        for (int r = 0; r < d; r++)
        {
            elements[r * 2 * d + r] = 1;
            for (int c = 0; c < d; c++) elements[(d + r) * 2 * d + d + c] = u[r, c];
        }
        return new ComplexMatrix(elements);
    }
}
