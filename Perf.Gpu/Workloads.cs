using System.Diagnostics;
using System.Numerics;
using QSim.Circuits;
using QSim.Parameters;

namespace QSim.Perf.Gpu;

/// <summary>Circuits, matrices and the timer the checks and benchmarks share.</summary>
internal static class Workloads
{
    public static ParameterBinding RandomBinding(Circuit circuit, Random rng) =>
        ParameterBinding.From(circuit.Symbols, circuit.Symbols.Select(_ => rng.NextDouble() * 6 - 3).ToArray());

    /// <summary>Depth d: a random U3 on every qubit, then CX on alternating pairs, per layer.</summary>
    public static Circuit RandomCircuit(int qubits, int depth, Random rng)
    {
        var circuit = new Circuit(qubits);
        for (int layer = 0; layer < depth; layer++)
        {
            for (int q = 0; q < qubits; q++) circuit.U(rng.NextDouble() * 3, rng.NextDouble() * 6, rng.NextDouble() * 6, q);
            for (int q = layer % 2; q + 1 < qubits; q += 2) circuit.CX(q, q + 1);
        }
        return circuit;
    }

    /// <summary>A dense matrix with random entries (not unitary: a gate pass costs the same).</summary>
    public static Complex[] RandomMatrix(int dimension, Random rng) =>
        Enumerable.Range(0, dimension * dimension).Select(_ => new Complex(rng.NextDouble() - 0.5, rng.NextDouble() - 0.5)).ToArray();

    /// <summary>Median seconds of <paramref name="repeats"/> runs after one warm-up; <paramref name="synchronize"/> waits for the device.</summary>
    public static double MedianSeconds(Action run, Action synchronize, int repeats)
    {
        run();
        synchronize();
        var times = new double[repeats];
        for (int i = 0; i < repeats; i++)
        {
            var watch = Stopwatch.StartNew();
            run();
            synchronize();
            times[i] = watch.Elapsed.TotalSeconds;
        }
        Array.Sort(times);
        return times[repeats / 2];
    }
}
