using System.Numerics;
using QSim.Circuits;
using QSim.Noise;
using QSim.Numerics;
using QSim.Parameters;

namespace QSim.Tests.Oracles;

/// <summary>
/// The independent noise reference: a dense density matrix ρ (Complex[2^n, 2^n]) on small n. A gate U acts as
/// E ρ E† and a channel as Σ E_i ρ E_i†, with E the operator embedded in all n qubits by an explicit loop; readout
/// errors act on a distribution through the full Kronecker product of the confusion matrices. Nothing here is
/// shared with the engine's noise code but the Kraus operators themselves.
/// </summary>
public static class DensityMatrixReference
{
    /// <summary>|ψ⟩⟨ψ|.</summary>
    public static Complex[,] FromState(Complex[] psi)
    {
        int dim = psi.Length;
        var rho = new Complex[dim, dim];
        for (int r = 0; r < dim; r++)
            for (int c = 0; c < dim; c++) rho[r, c] = psi[r] * Complex.Conjugate(psi[c]);
        return rho;
    }

    /// <summary>A random full-rank density matrix A·A†/tr(A·A†) from a seeded generator.</summary>
    public static Complex[,] RandomState(int qubits, int seed)
    {
        var rng = new Random(seed);
        int dim = 1 << qubits;
        var a = new Complex[dim, dim];
        for (int r = 0; r < dim; r++)
            for (int c = 0; c < dim; c++) a[r, c] = new Complex(rng.NextDouble() - 0.5, rng.NextDouble() - 0.5);
        var rho = Multiply(a, Adjoint(a));
        Complex trace = Trace(rho);
        for (int r = 0; r < dim; r++)
            for (int c = 0; c < dim; c++) rho[r, c] /= trace;
        return rho;
    }

    /// <summary>The 2^n matrix that applies <paramref name="op"/> (little-endian in <paramref name="qubits"/>) and the identity elsewhere.</summary>
    public static Complex[,] Embed(ComplexMatrix op, IReadOnlyList<int> qubits, int n)
    {
        int dim = 1 << n;
        var full = new Complex[dim, dim];
        for (int row = 0; row < dim; row++)
            for (int col = 0; col < dim; col++)
            {
                bool sameElsewhere = true;
                int localRow = 0, localCol = 0;
                for (int bit = 0; bit < n; bit++)
                {
                    int j = IndexOf(qubits, bit);
                    if (j < 0) sameElsewhere &= ((row >> bit) & 1) == ((col >> bit) & 1);
                    else
                    {
                        localRow |= ((row >> bit) & 1) << j;
                        localCol |= ((col >> bit) & 1) << j;
                    }
                }
                if (sameElsewhere) full[row, col] = op[localRow, localCol];
            }
        return full;
    }

    /// <summary>Σ_i E_i ρ E_i† for Kraus operators on <paramref name="qubits"/>.</summary>
    public static Complex[,] ApplyKraus(Complex[,] rho, IReadOnlyList<ComplexMatrix> kraus, IReadOnlyList<int> qubits)
    {
        int n = QubitsOf(rho);
        var result = new Complex[rho.GetLength(0), rho.GetLength(0)];
        foreach (var k in kraus)
        {
            var e = Embed(k, qubits, n);
            Accumulate(result, Multiply(Multiply(e, rho), Adjoint(e)));
        }
        return result;
    }

    /// <summary>Applies a superoperator as the density-matrix backend will: ρ as a state of 2n qubits, index row + 2^n·column.</summary>
    public static Complex[,] ApplySuperoperator(Complex[,] rho, ComplexMatrix superoperator, IReadOnlyList<int> stateQubits)
    {
        int dim = rho.GetLength(0);
        var vector = new Complex[dim * dim];
        for (int r = 0; r < dim; r++)
            for (int c = 0; c < dim; c++) vector[r + dim * c] = rho[r, c];
        vector = ReferenceSimulator.Apply(vector, superoperator, stateQubits);
        var result = new Complex[dim, dim];
        for (int r = 0; r < dim; r++)
            for (int c = 0; c < dim; c++) result[r, c] = vector[r + dim * c];
        return result;
    }

    /// <summary>Runs gates and channels (barriers skipped) on <paramref name="initial"/>, |0…0⟩⟨0…0| when null.</summary>
    public static Complex[,] Run(Circuit circuit, Complex[,]? initial = null)
    {
        var rho = initial ?? FromState(ReferenceSimulator.ZeroState(circuit.QubitCount));
        foreach (var op in circuit.Operations)
        {
            rho = op switch
            {
                GateOperation g => ApplyKraus(rho, [g.Matrix(ParameterBinding.Empty)], g.Qubits),
                ChannelOperation c => ApplyKraus(rho, c.Channel.Kraus, c.Qubits),
                BarrierOperation => rho,
                _ => throw new NotSupportedException($"The density-matrix reference runs gates and channels only; got '{op}'."),
            };
        }
        return rho;
    }

    /// <summary>The diagonal: probabilities of the computational basis states.</summary>
    public static double[] Probabilities(Complex[,] rho) => Enumerable.Range(0, rho.GetLength(0)).Select(i => rho[i, i].Real).ToArray();

    /// <summary>tr(ρ·O) for an operator on <paramref name="qubits"/>.</summary>
    public static double Expectation(Complex[,] rho, ComplexMatrix op, params int[] qubits) =>
        Trace(Multiply(rho, Embed(op, qubits, QubitsOf(rho)))).Real;

    /// <summary>
    /// P′(read) = Σ_true P(true)·Π_k C_k[true_k, read_k] with the full 2^m × 2^m Kronecker product of the per-bit
    /// confusion matrices (a null entry is the identity).
    /// </summary>
    public static double[] Confuse(double[] probabilities, IReadOnlyList<ReadoutError?> perBit)
    {
        int dim = probabilities.Length;
        var result = new double[dim];
        for (int truth = 0; truth < dim; truth++)
            for (int read = 0; read < dim; read++)
            {
                double p = 1;
                for (int k = 0; k < perBit.Count; k++)
                {
                    int t = (truth >> k) & 1, r = (read >> k) & 1;
                    p *= perBit[k] is { } error ? error[t, r] : t == r ? 1 : 0;
                }
                result[read] += probabilities[truth] * p;
            }
        return result;
    }

    public static Complex[,] Multiply(Complex[,] a, Complex[,] b)
    {
        int dim = a.GetLength(0);
        var result = new Complex[dim, dim];
        for (int r = 0; r < dim; r++)
            for (int k = 0; k < dim; k++)
            {
                if (a[r, k] == Complex.Zero) continue;
                for (int c = 0; c < dim; c++) result[r, c] += a[r, k] * b[k, c];
            }
        return result;
    }

    public static Complex[,] Adjoint(Complex[,] a)
    {
        int dim = a.GetLength(0);
        var result = new Complex[dim, dim];
        for (int r = 0; r < dim; r++)
            for (int c = 0; c < dim; c++) result[c, r] = Complex.Conjugate(a[r, c]);
        return result;
    }

    public static Complex Trace(Complex[,] a)
    {
        Complex sum = 0;
        for (int i = 0; i < a.GetLength(0); i++) sum += a[i, i];
        return sum;
    }

    /// <summary>Largest element-wise distance.</summary>
    public static double MaxDistance(Complex[,] a, Complex[,] b)
    {
        double worst = 0;
        for (int r = 0; r < a.GetLength(0); r++)
            for (int c = 0; c < a.GetLength(1); c++) worst = Math.Max(worst, Complex.Abs(a[r, c] - b[r, c]));
        return worst;
    }

    private static void Accumulate(Complex[,] into, Complex[,] term)
    {
        for (int r = 0; r < into.GetLength(0); r++)
            for (int c = 0; c < into.GetLength(1); c++) into[r, c] += term[r, c];
    }

    private static int QubitsOf(Complex[,] rho) => System.Numerics.BitOperations.Log2((uint)rho.GetLength(0));

    private static int IndexOf(IReadOnlyList<int> qubits, int bit)
    {
        for (int j = 0; j < qubits.Count; j++)
            if (qubits[j] == bit) return j;
        return -1;
    }
}
