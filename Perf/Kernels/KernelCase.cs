using System.Numerics;
using QSim.Gates;

namespace QSim.Perf.Kernels;

/// <summary>
/// One kernel shape the peak suite measures: a matrix of some structure on some qubits, and the multiply-adds it
/// needs at least, counted in real FMAs per amplitude of the state (a multiply counts as one): a dense complex k-qubit
/// matrix 4·2^k (2^k complex products per amplitude, 4 real each), a real or real-or-imaginary one 2·2^k, a diagonal 4
/// on the amplitudes it changes. Null where the arithmetic minimum is a permutation (nothing to count).
/// </summary>
/// <param name="Name">How the suite lists it.</param>
/// <param name="Targets">Target qubits; negative numbers count from the top of the state (-1 is its highest qubit).</param>
/// <param name="Controls">Control qubits, likewise.</param>
/// <param name="Matrix">The matrix (row-major) or, for a diagonal, its diagonal.</param>
/// <param name="Diagonal">True when <paramref name="Matrix"/> is a diagonal.</param>
/// <param name="UsefulFmasPerAmplitude">The arithmetic minimum per amplitude of the state, or null.</param>
public sealed record KernelCase(string Name, int[] Targets, int[] Controls, Complex[] Matrix, bool Diagonal, double? UsefulFmasPerAmplitude)
{
    /// <summary>The cases by name: dense, real and X-like matrices of 1-5 targets inside and above the SIMD vector, diagonals, controlled gates.</summary>
    public static IReadOnlyDictionary<string, KernelCase> All { get; } = Build().ToDictionary(c => c.Name);

    /// <summary>The targets on a state of <paramref name="qubits"/>.</summary>
    public int[] TargetsOn(int qubits) => [.. Targets.Select(q => q < 0 ? qubits + q : q)];

    /// <summary>The controls on a state of <paramref name="qubits"/>.</summary>
    public int[] ControlsOn(int qubits) => [.. Controls.Select(q => q < 0 ? qubits + q : q)];

    private static IEnumerable<KernelCase> Build()
    {
        var rng = new Random(13);
        // "low" targets sit inside one SIMD vector on every path (qubit 0), "high" ones at the top of the state.
        int[][] dense = [[0], [-1], [0, 1], [0, -1], [-2, -1], [0, 1, -1], [0, -2, -1], [-3, -2, -1], [0, 1, -2, -1], [0, -3, -2, -1], [-4, -3, -2, -1], [0, 1, -3, -2, -1], [0, -4, -3, -2, -1], [-5, -4, -3, -2, -1]];
        foreach (var targets in dense)
        {
            int k = targets.Length, dimension = 1 << k;
            string where = Placement(targets);
            yield return new($"dense{k}-{where}", targets, [], KernelMatrices.RandomUnitary(dimension, rng), false, 4.0 * dimension);
            yield return new($"real{k}-{where}", targets, [], KernelMatrices.RandomUnitary(dimension, rng, real: true), false, 2.0 * dimension);
        }
        Complex[] rx = GateLibrary.RX.Matrix([0.7]).Elements.ToArray();
        yield return new("rx-low", [0], [], rx, false, 4);
        yield return new("rx-high", [-1], [], rx, false, 4);
        // RX and RY divided by cos, as a blocked sweep runs them (a matrix of the run takes the factor): 1 on the diagonal.
        yield return new("rxone-high", [-1], [], [.. rx.Select(e => e / rx[0])], false, 2);
        Complex[] ry = GateLibrary.RY.Matrix([0.7]).Elements.ToArray();
        yield return new("ryone-high", [-1], [], [.. ry.Select(e => e / ry[0])], false, 2);
        Complex[] x = GateLibrary.X.Matrix([]).Elements.ToArray();
        yield return new("x-high", [-1], [], x, false, null);
        yield return new("cx-high", [-1], [-2], x, false, null);
        yield return new("cu-high", [-1], [-2], KernelMatrices.RandomUnitary(2, rng), false, 4);
        Complex[] Phases(int count) => [.. Enumerable.Range(0, count).Select(_ => Complex.FromPolarCoordinates(1, rng.NextDouble() * 2 * Math.PI))];
        yield return new("diag1-low", [0], [], Phases(2), true, 4);
        yield return new("diag1-high", [-1], [], Phases(2), true, 4);
        yield return new("diag2-high", [-2, -1], [], Phases(4), true, 4);
        // A diagonal divided by its first entry, as a blocked sweep runs it: the first vector position is left alone.
        yield return new("diag2one-high", [-2, -1], [], [1, .. Phases(3)], true, 3);
        yield return new("diag3-low1", [0, -2, -1], [], Phases(8), true, 4);
        yield return new("diag4-high", [-4, -3, -2, -1], [], Phases(16), true, 4);
        yield return new("diag5-high", [-5, -4, -3, -2, -1], [], Phases(32), true, 4);
        yield return new("cz-high", [-2, -1], [], [1, 1, 1, -1], true, 1);
    }

    /// <summary>"low" (every target at the bottom), "high" (every target at the top), or "low1"/"low2" (one or two at the bottom).</summary>
    private static string Placement(int[] targets)
    {
        int low = targets.Count(q => q >= 0);
        return low == 0 ? "high" : low == targets.Length ? "low" : $"low{low}";
    }
}
