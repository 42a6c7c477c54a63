using System.Numerics;
using QSim.Numerics;
using QSim.Observables;

namespace QSim.Tests.Oracles;

/// <summary>Pauli sums on plain Complex[] states, one 2x2 matrix at a time through the reference simulator.</summary>
public static class DensePauliSum
{
    private static readonly ComplexMatrix X = ComplexMatrix.FromRows([0, 1], [1, 0]);
    private static readonly ComplexMatrix Y = ComplexMatrix.FromRows([0, -Complex.ImaginaryOne], [Complex.ImaginaryOne, 0]);
    private static readonly ComplexMatrix Z = ComplexMatrix.FromRows([1, 0], [0, -1]);

    /// <summary>H·state.</summary>
    public static Complex[] Apply(PauliSum sum, Complex[] state, int qubits)
    {
        var result = new Complex[state.Length];
        foreach (var term in sum.Terms)
        {
            var v = state;
            for (int q = 0; q < qubits; q++)
            {
                char p = term.Pauli[q];
                if (p != 'I') v = ReferenceSimulator.Apply(v, p == 'X' ? X : p == 'Y' ? Y : Z, [q]);
            }
            for (int i = 0; i < result.Length; i++) result[i] += term.Coefficient * v[i];
        }
        return result;
    }

    /// <summary>⟨ψ|H|ψ⟩.</summary>
    public static double Expectation(PauliSum sum, Complex[] state, int qubits)
    {
        var h = Apply(sum, state, qubits);
        Complex total = 0;
        for (int i = 0; i < state.Length; i++) total += Complex.Conjugate(state[i]) * h[i];
        return total.Real;
    }

    /// <summary>tr(ρ·H) of a density matrix.</summary>
    public static double Expectation(Complex[,] rho, PauliSum sum, int qubits) =>
        DensityMatrixReference.Trace(DensityMatrixReference.Multiply(rho, Matrix(sum, qubits))).Real;

    /// <summary>The dense matrix of H (row-major), for exact diagonalisation.</summary>
    public static Complex[,] Matrix(PauliSum sum, int qubits)
    {
        int dim = 1 << qubits;
        var m = new Complex[dim, dim];
        for (int c = 0; c < dim; c++)
        {
            var basis = new Complex[dim];
            basis[c] = 1;
            var column = Apply(sum, basis, qubits);
            for (int r = 0; r < dim; r++) m[r, c] = column[r];
        }
        return m;
    }

    /// <summary>A random sum of <paramref name="terms"/> terms with every kind of Pauli, seeded.</summary>
    public static PauliSum Random(int qubits, int terms, Random rng)
    {
        var list = new List<PauliTerm>();
        for (int t = 0; t < terms; t++)
        {
            var p = PauliString.Identity;
            for (int q = 0; q < qubits; q++) p = p.With("IXYZ"[rng.Next(4)], q);
            list.Add(new PauliTerm(rng.NextDouble() * 2 - 1, p));
        }
        return new PauliSum(list);
    }
}
