using QSim.Estimation;
using System.Numerics;
using QSim.Backends;
using QSim.Circuits;
using QSim.Execution;
using QSim.Passes;
using QSim.Gates;
using QSim.Gpu;
using QSim.Gpu.Batch;
using QSim.Numerics;
using QSim.Parameters;

namespace QSim.Perf.Gpu;

/// <summary>
/// What the test category Gpu checks, runnable without the .NET SDK: every library gate on random
/// placements, dense 3-5 qubit blocks with controls, collapse, sampling, Pauli expectations and the
/// batch path, each against the CPU backend on the same state.
/// </summary>
internal sealed class GpuChecks(GpuBackend gpu, IBackend cpu, TextWriter output)
{
    private const int Qubits = 8;
    private int _passed, _failed;

    /// <summary>Runs every check; true when all passed.</summary>
    public bool Run()
    {
        var rng = new Random(2024);
        foreach (var precision in new[] { Precision.Single, Precision.Double })
        {
            foreach (var gate in GateLibrary.All.Values.Distinct().Where(g => g.QubitCount > 0 && g.QubitCount <= Qubits).OrderBy(g => g.Name))
            {
                var placement = Enumerable.Range(0, Qubits).OrderBy(_ => rng.Next()).Take(gate.QubitCount).ToArray();
                var parameters = Enumerable.Range(0, gate.ParameterCount).Select(_ => (ParameterExpression)(rng.NextDouble() * 4 - 2)).ToArray();
                var plan = new PassManager(0, gpu.Capabilities).Compile(new Circuit(Qubits).Gate(gate, placement, parameters)).Plan;
                plan.Bind(ParameterBinding.Empty);
                Compare($"{gate.Name} {precision}", precision, rng.Next(), s => PlanExecutor.ApplyUnitary(plan, s));
            }
            for (int k = 3; k <= 5; k++)
            {
                var order = Enumerable.Range(0, Qubits).OrderBy(_ => rng.Next()).ToArray();
                var matrix = Workloads.RandomMatrix(1 << k, rng);
                Compare($"dense k={k} with a control {precision}", precision, rng.Next(), s => s.ApplyMatrix(order[..k], matrix, order[k..(k + 1)]));
            }
            Compare($"collapse {precision}", precision, rng.Next(), s => s.Collapse(3, 1));
            CompareScalars($"sampling {precision}", precision, rng.Next(), s => Simulator.SampleIndices(s, 1000, new SeededRandom(5)).Select(i => (double)i).ToArray(), exact: true);
            CompareScalars($"Pauli expectations {precision}", precision, rng.Next(),
                s => [s.ExpectationPauli(0b1, 0), s.ExpectationPauli(0b1010, 0b1100), s.ExpectationPauli(0, 0b10000001), s.NormSquared()], exact: false);
            CheckBatch(precision, rng);
        }
        output.WriteLine($"checks: {_passed} passed, {_failed} failed");
        return _failed == 0;
    }

    private void Compare(string what, Precision precision, int seed, Action<IStateVector> apply) =>
        CompareScalars(what, precision, seed, s =>
        {
            apply(s);
            var amplitudes = new Complex[1 << Qubits];
            s.GetAmplitudes(amplitudes);
            return amplitudes.SelectMany(a => new[] { a.Real, a.Imaginary }).ToArray();
        }, exact: false);

    private void CompareScalars(string what, Precision precision, int seed, Func<IStateVector, double[]> observe, bool exact)
    {
        var initial = RandomState(Qubits, seed);
        using var onGpu = gpu.CreateState(Qubits, precision);
        using var onCpu = cpu.CreateState(Qubits, precision);
        onGpu.SetAmplitudes(initial);
        onCpu.SetAmplitudes(initial);
        double worst = observe(onGpu).Zip(observe(onCpu), (a, b) => Math.Abs(a - b)).Max();
        Record(what, exact ? worst == 0 : worst <= Tolerance(precision), worst);
    }

    private void CheckBatch(Precision precision, Random rng)
    {
        var circuit = Ansatz.HardwareEfficient(6, 2);
        var bindings = Enumerable.Range(0, 16).Select(_ => Workloads.RandomBinding(circuit, rng)).ToArray();
        PauliMasks[] observables = [new(0, 1), new(0b110, 0), new(0b1001, 0b1000)];
        var batch = new GpuBatchRunner(gpu).Evaluate(new PassManager(0, gpu.Capabilities).Compile(circuit).Plan, bindings, observables, precision);
        double worst = 0;
        var simulator = new Simulator(cpu);
        for (int b = 0; b < bindings.Length; b++)
        {
            using var state = simulator.FinalState(circuit, bindings[b], Precision.Double);
            for (int o = 0; o < observables.Length; o++)
                worst = Math.Max(worst, Math.Abs(batch[b, o] - state.ExpectationPauli(observables[o].X, observables[o].Z)));
        }
        Record($"batch {precision}", worst <= Tolerance(precision), worst);
    }

    private void Record(string what, bool ok, double worst)
    {
        if (ok) _passed++;
        else
        {
            _failed++;
            output.WriteLine($"FAILED {what}: largest difference {worst:G3}");
        }
    }

    private static double Tolerance(Precision precision) => precision == Precision.Single ? 1e-5 : 1e-12;

    private static Complex[] RandomState(int qubits, int seed)
    {
        var rng = new Random(seed);
        var state = Enumerable.Range(0, 1 << qubits).Select(_ => new Complex(rng.NextDouble() * 2 - 1, rng.NextDouble() * 2 - 1)).ToArray();
        double norm = Math.Sqrt(state.Sum(a => a.Magnitude * a.Magnitude));
        return state.Select(a => a / norm).ToArray();
    }
}
