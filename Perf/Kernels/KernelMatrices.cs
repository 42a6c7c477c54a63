using System.Numerics;
using QSim.Gates;
using QSim.Numerics;

namespace QSim.Perf.Kernels;

/// <summary>Seeded unitaries for the kernel benchmarks: unitary, so repeated passes keep the state finite.</summary>
public static class KernelMatrices
{
    /// <summary>
    /// A dense 2^k × 2^k unitary (every entry non-zero): the Kronecker product of k random U3 matrices, which
    /// is what a fused block looks like to a kernel (it never sees the structure).
    /// </summary>
    public static Complex[] Dense(int k, int seed)
    {
        var rng = new Random(seed);
        ComplexMatrix product = RandomU3(rng);
        for (int q = 1; q < k; q++) product = ComplexMatrix.Kron(RandomU3(rng), product);
        return product.Elements.ToArray();
    }

    /// <summary>The diagonal of RZ(θ).</summary>
    public static Complex[] RzDiagonal(double theta) => GateLibrary.RZ.Matrix([theta]).GetDiagonal();

    /// <summary>Pauli X, the target matrix of a controlled-X.</summary>
    public static Complex[] PauliX() => GateLibrary.X.Matrix([]).Elements.ToArray();

    private static ComplexMatrix RandomU3(Random rng) =>
        GateLibrary.U3.Matrix([rng.NextDouble() * Math.PI, rng.NextDouble() * 2 * Math.PI, rng.NextDouble() * 2 * Math.PI]);
}
