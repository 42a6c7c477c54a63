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

    /// <summary>
    /// A random unitary by Gram-Schmidt on random rows; with <paramref name="real"/>, a random orthogonal matrix (every
    /// entry real, what the real-matrix kernels take). The kernels run thousands of times on one state: a unitary keeps
    /// its norm, where random entries grow it to infinities or shrink it to denormals, whose arithmetic runs at other speeds.
    /// </summary>
    public static Complex[] RandomUnitary(int dimension, Random rng, bool real = false)
    {
        var rows = new Complex[dimension * dimension];
        for (int r = 0; r < dimension; r++)
        {
            var row = rows.AsSpan(r * dimension, dimension);
            for (int c = 0; c < dimension; c++) row[c] = new Complex(rng.NextDouble() - 0.5, real ? 0 : rng.NextDouble() - 0.5);
            for (int p = 0; p < r; p++)
            {
                var previous = rows.AsSpan(p * dimension, dimension);
                Complex overlap = 0;
                for (int c = 0; c < dimension; c++) overlap += Complex.Conjugate(previous[c]) * row[c];
                for (int c = 0; c < dimension; c++) row[c] -= overlap * previous[c];
            }
            double norm = 0;
            foreach (var z in row) norm += z.Magnitude * z.Magnitude;
            for (int c = 0; c < dimension; c++) row[c] /= Math.Sqrt(norm);
        }
        return rows;
    }

    private static ComplexMatrix RandomU3(Random rng) =>
        GateLibrary.U3.Matrix([rng.NextDouble() * Math.PI, rng.NextDouble() * 2 * Math.PI, rng.NextDouble() * 2 * Math.PI]);
}
