using System.Diagnostics;
using System.Numerics;
using QSim.Circuits;
using QSim.Parameters;

namespace QSim.Perf.Gpu;

/// <summary>Circuits, matrices, states and the timer the sections share; every one seeded.</summary>
internal static class Workloads
{
    public static ParameterBinding RandomBinding(Circuit circuit, Random rng) =>
        ParameterBinding.From(circuit.Symbols, circuit.Symbols.Select(_ => rng.NextDouble() * 6 - 3).ToArray());

    /// <summary>A dense matrix with random entries (not unitary: a gate pass costs the same, and checks compare backends).</summary>
    public static Complex[] RandomMatrix(int dimension, Random rng) =>
        Enumerable.Range(0, dimension * dimension).Select(_ => new Complex(rng.NextDouble() - 0.5, rng.NextDouble() - 0.5)).ToArray();

    /// <summary>Random complex entries of modulus about 1 (a diagonal).</summary>
    public static Complex[] RandomDiagonal(int length, Random rng) =>
        Enumerable.Range(0, length).Select(_ => Complex.FromPolarCoordinates(0.5 + rng.NextDouble(), rng.NextDouble() * 2 * Math.PI)).ToArray();

    /// <summary>A normalized state with random amplitudes everywhere (never zeros: they hide unwritten outputs).</summary>
    public static Complex[] RandomState(int qubits, Random rng)
    {
        var state = new Complex[1 << qubits];
        double norm = 0;
        for (int i = 0; i < state.Length; i++)
        {
            state[i] = new Complex(rng.NextDouble() * 2 - 1, rng.NextDouble() * 2 - 1);
            norm += state[i].Real * state[i].Real + state[i].Imaginary * state[i].Imaginary;
        }
        for (int i = 0; i < state.Length; i++) state[i] /= Math.Sqrt(norm);
        return state;
    }

    /// <summary><paramref name="count"/> distinct qubits of <paramref name="qubits"/>, in random order.</summary>
    public static int[] RandomQubits(int qubits, int count, Random rng) => [.. Enumerable.Range(0, qubits).OrderBy(_ => rng.Next()).Take(count)];

    /// <summary>Median seconds of <paramref name="repeats"/> runs after one warm-up; <paramref name="synchronize"/> waits for the device.</summary>
    public static double MedianSeconds(Action run, Action synchronize, int repeats)
    {
        run();
        synchronize();
        var times = new double[Math.Max(1, repeats)];
        for (int i = 0; i < times.Length; i++)
        {
            var watch = Stopwatch.StartNew();
            run();
            synchronize();
            times[i] = watch.Elapsed.TotalSeconds;
        }
        Array.Sort(times);
        return times[times.Length / 2];
    }
}
