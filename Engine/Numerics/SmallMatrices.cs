using System.Numerics;

namespace QSim.Numerics;

/// <summary>
/// In-place arithmetic on the small row-major matrices a plan binds (up to 2^6 × 2^6), with no allocation: how a run of
/// gates becomes one matrix, and how a derivative term is formed. A matrix on k qubits is 2^k × 2^k, or its 2^k diagonal;
/// "local" qubits are positions 0..k−1 of that matrix, little-endian as everywhere in QSim.
/// </summary>
public static class SmallMatrices
{
    /// <summary>Largest qubit count these helpers take.</summary>
    public const int MaxQubits = 6;

    /// <summary>Sets a 2^<paramref name="qubits"/> square matrix to the identity.</summary>
    public static void SetIdentity(Span<Complex> matrix, int qubits)
    {
        int dim = 1 << qubits;
        matrix[..(dim * dim)].Clear();
        for (int i = 0; i < dim; i++) matrix[i * dim + i] = Complex.One;
    }

    /// <summary>
    /// <paramref name="product"/> := G·<paramref name="product"/>, where G is <paramref name="gate"/> (dense, row-major, in the
    /// order of <paramref name="local"/>) on the local qubits <paramref name="local"/> of a matrix on <paramref name="qubits"/>
    /// qubits, the identity on the others. Each column of the product is a state of that many qubits, to which the gate is applied.
    /// </summary>
    public static void MultiplyLeft(Span<Complex> product, int qubits, ReadOnlySpan<int> local, ReadOnlySpan<Complex> gate)
    {
        int dim = 1 << qubits, k = local.Length, gateDim = 1 << k;
        Span<int> offsets = stackalloc int[gateDim];
        int mask = Offsets(local, offsets);
        Span<Complex> column = stackalloc Complex[gateDim];
        for (int c = 0; c < dim; c++)
            for (int group = 0; group < dim; group++)
            {
                if ((group & mask) != 0) continue;
                for (int g = 0; g < gateDim; g++) column[g] = product[(group | offsets[g]) * dim + c];
                for (int r = 0; r < gateDim; r++)
                {
                    Complex sum = Complex.Zero;
                    for (int g = 0; g < gateDim; g++) sum += gate[r * gateDim + g] * column[g];
                    product[(group | offsets[r]) * dim + c] = sum;
                }
            }
    }

    /// <summary>
    /// <paramref name="diagonal"/> := d·<paramref name="diagonal"/> elementwise, where d is the diagonal <paramref name="gate"/>
    /// (2^|local| entries, in the order of <paramref name="local"/>) embedded on the local qubits of a diagonal on
    /// <paramref name="qubits"/> qubits.
    /// </summary>
    public static void MultiplyDiagonal(Span<Complex> diagonal, int qubits, ReadOnlySpan<int> local, ReadOnlySpan<Complex> gate)
    {
        int dim = 1 << qubits;
        for (int i = 0; i < dim; i++) diagonal[i] *= gate[LocalIndex(i, local)];
    }

    /// <summary>The 2^|local| diagonal of a dense gate matrix <paramref name="gate"/> into <paramref name="diagonal"/>.</summary>
    public static void DiagonalOf(ReadOnlySpan<Complex> gate, Span<Complex> diagonal)
    {
        int dim = diagonal.Length;
        for (int i = 0; i < dim; i++) diagonal[i] = gate[i * dim + i];
    }

    /// <summary><paramref name="result"/> := <paramref name="left"/>·<paramref name="right"/> (dim × dim; result must not alias either).</summary>
    public static void Multiply(ReadOnlySpan<Complex> left, ReadOnlySpan<Complex> right, Span<Complex> result, int dim)
    {
        for (int r = 0; r < dim; r++)
            for (int c = 0; c < dim; c++)
            {
                Complex sum = Complex.Zero;
                for (int j = 0; j < dim; j++) sum += left[r * dim + j] * right[j * dim + c];
                result[r * dim + c] = sum;
            }
    }

    /// <summary><paramref name="result"/> := <paramref name="left"/>†·<paramref name="right"/> (dim × dim; result must not alias either).</summary>
    public static void MultiplyAdjointLeft(ReadOnlySpan<Complex> left, ReadOnlySpan<Complex> right, Span<Complex> result, int dim)
    {
        for (int r = 0; r < dim; r++)
            for (int c = 0; c < dim; c++)
            {
                Complex sum = Complex.Zero;
                for (int j = 0; j < dim; j++) sum += Complex.Conjugate(left[j * dim + r]) * right[j * dim + c];
                result[r * dim + c] = sum;
            }
    }

    /// <summary>The conjugate transpose of a dense dim × dim matrix, or the conjugate of a diagonal (<paramref name="diagonal"/>).</summary>
    public static void Adjoint(ReadOnlySpan<Complex> matrix, Span<Complex> result, bool diagonal)
    {
        if (diagonal)
        {
            for (int i = 0; i < matrix.Length; i++) result[i] = Complex.Conjugate(matrix[i]);
            return;
        }
        int dim = (int)Math.Round(Math.Sqrt(matrix.Length));
        for (int r = 0; r < dim; r++)
            for (int c = 0; c < dim; c++) result[c * dim + r] = Complex.Conjugate(matrix[r * dim + c]);
    }

    /// <summary>
    /// Writes the dense matrix on <paramref name="qubits"/> qubits that applies <paramref name="gate"/> (dense, in the order of
    /// <paramref name="local"/>) to those local qubits and the identity to the rest.
    /// </summary>
    public static void Embed(ReadOnlySpan<Complex> gate, ReadOnlySpan<int> local, int qubits, Span<Complex> result)
    {
        SetIdentity(result, qubits);
        MultiplyLeft(result, qubits, local, gate);
    }

    /// <summary>
    /// The part of a dense matrix on <paramref name="qubits"/> qubits that acts on the local qubits <paramref name="support"/>
    /// (in that order), for a matrix that is the identity on every other qubit: result[x, y] is its element between the
    /// indices with x and y on the support and 0 elsewhere.
    /// </summary>
    public static void Restrict(ReadOnlySpan<Complex> matrix, int qubits, ReadOnlySpan<int> support, Span<Complex> result)
    {
        int dim = 1 << qubits, small = 1 << support.Length;
        Span<int> offsets = stackalloc int[small];
        Offsets(support, offsets);
        for (int x = 0; x < small; x++)
            for (int y = 0; y < small; y++) result[x * small + y] = matrix[offsets[x] * dim + offsets[y]];
    }

    /// <summary>The index into a gate on <paramref name="local"/> of basis index <paramref name="index"/> of the larger matrix.</summary>
    private static int LocalIndex(int index, ReadOnlySpan<int> local)
    {
        int g = 0;
        for (int j = 0; j < local.Length; j++) g |= ((index >> local[j]) & 1) << j;
        return g;
    }

    /// <summary>offsets[g]: the bits of g placed at the local qubits; returns the mask of those qubits.</summary>
    private static int Offsets(ReadOnlySpan<int> local, Span<int> offsets)
    {
        int mask = 0;
        foreach (int q in local) mask |= 1 << q;
        for (int g = 0; g < offsets.Length; g++)
        {
            int offset = 0;
            for (int j = 0; j < local.Length; j++) offset |= ((g >> j) & 1) << local[j];
            offsets[g] = offset;
        }
        return mask;
    }
}
