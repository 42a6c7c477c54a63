using System.Numerics;

namespace QSim.Numerics;

/// <summary>
/// An immutable square complex matrix in double precision, stored <b>row-major</b>
/// (element (r, c) at <c>r * Dimension + c</c>). Gate matrices follow the little-endian
/// convention of their own qubit list: for a gate on qubits (a, b), basis index = bit(a) + 2·bit(b).
/// This is the only matrix convention in QSim.
/// </summary>
public sealed class ComplexMatrix : IEquatable<ComplexMatrix>
{
    private readonly Complex[] _elements;

    /// <summary>Creates a matrix from row-major elements; their count must be a perfect square.</summary>
    /// <exception cref="ArgumentException">The element count is not a perfect square.</exception>
    public ComplexMatrix(ReadOnlySpan<Complex> rowMajor)
    {
        int dimension = (int)Math.Round(Math.Sqrt(rowMajor.Length));
        if (dimension * dimension != rowMajor.Length || dimension == 0)
            throw new ArgumentException($"A square matrix needs a perfect-square element count; got {rowMajor.Length}.", nameof(rowMajor));
        Dimension = dimension;
        _elements = rowMajor.ToArray();
    }

    private ComplexMatrix(Complex[] elements, int dimension)
    {
        _elements = elements;
        Dimension = dimension;
    }

    /// <summary>Rows (= columns).</summary>
    public int Dimension { get; }

    /// <summary>log2 of the dimension when it is a power of two (the qubit count of a gate matrix), else -1.</summary>
    public int QubitCount => BitOperations.IsPow2(Dimension) ? BitOperations.Log2((uint)Dimension) : -1;

    /// <summary>Element at row <paramref name="row"/>, column <paramref name="column"/>.</summary>
    public Complex this[int row, int column] => _elements[row * Dimension + column];

    /// <summary>The row-major elements.</summary>
    public ReadOnlySpan<Complex> Elements => _elements;

    /// <summary>Builds a matrix from rows given as arrays.</summary>
    public static ComplexMatrix FromRows(params Complex[][] rows)
    {
        int n = rows.Length;
        var elements = new Complex[n * n];
        for (int r = 0; r < n; r++)
        {
            if (rows[r].Length != n)
                throw new ArgumentException($"Row {r} has {rows[r].Length} elements; a {n}x{n} matrix needs {n}.", nameof(rows));
            rows[r].CopyTo(elements, r * n);
        }
        return new ComplexMatrix(elements, n);
    }

    /// <summary>The identity of the given dimension.</summary>
    public static ComplexMatrix Identity(int dimension) => Diagonal(Enumerable.Repeat(Complex.One, dimension).ToArray());

    /// <summary>A diagonal matrix with the given diagonal.</summary>
    public static ComplexMatrix Diagonal(ReadOnlySpan<Complex> diagonal)
    {
        int n = diagonal.Length;
        var elements = new Complex[n * n];
        for (int i = 0; i < n; i++) elements[i * n + i] = diagonal[i];
        return new ComplexMatrix(elements, n);
    }

    /// <summary>The diagonal elements.</summary>
    public Complex[] GetDiagonal()
    {
        var d = new Complex[Dimension];
        for (int i = 0; i < Dimension; i++) d[i] = this[i, i];
        return d;
    }

    /// <summary>True when every off-diagonal element is exactly zero.</summary>
    public bool IsDiagonal
    {
        get
        {
            for (int r = 0; r < Dimension; r++)
                for (int c = 0; c < Dimension; c++)
                    if (r != c && this[r, c] != Complex.Zero) return false;
            return true;
        }
    }

    /// <summary>Matrix product <c>this · other</c>.</summary>
    public ComplexMatrix Multiply(ComplexMatrix other)
    {
        if (other.Dimension != Dimension)
            throw new ArgumentException($"Dimensions differ: {Dimension} and {other.Dimension}.", nameof(other));
        int n = Dimension;
        var result = new Complex[n * n];
        for (int r = 0; r < n; r++)
            for (int k = 0; k < n; k++)
            {
                Complex a = _elements[r * n + k];
                if (a == Complex.Zero) continue;
                for (int c = 0; c < n; c++) result[r * n + c] += a * other._elements[k * n + c];
            }
        return new ComplexMatrix(result, n);
    }

    /// <summary><c>this · other</c>.</summary>
    public static ComplexMatrix operator *(ComplexMatrix left, ComplexMatrix right) => left.Multiply(right);

    /// <summary>Every element multiplied by a scalar.</summary>
    public ComplexMatrix Scale(Complex factor) => new(_elements.Select(e => e * factor).ToArray(), Dimension);

    /// <summary>Element-wise sum.</summary>
    public ComplexMatrix Add(ComplexMatrix other)
    {
        if (other.Dimension != Dimension)
            throw new ArgumentException($"Dimensions differ: {Dimension} and {other.Dimension}.", nameof(other));
        var result = new Complex[_elements.Length];
        for (int i = 0; i < result.Length; i++) result[i] = _elements[i] + other._elements[i];
        return new ComplexMatrix(result, Dimension);
    }

    /// <summary>The conjugate transpose.</summary>
    public ComplexMatrix Adjoint()
    {
        int n = Dimension;
        var result = new Complex[n * n];
        for (int r = 0; r < n; r++)
            for (int c = 0; c < n; c++) result[c * n + r] = Complex.Conjugate(_elements[r * n + c]);
        return new ComplexMatrix(result, n);
    }

    /// <summary>
    /// Kronecker product <c>high ⊗ low</c> in QSim's little-endian sense: the result acts on
    /// the qubits of <paramref name="low"/> followed by those of <paramref name="high"/>,
    /// i.e. index = lowIndex + lowDimension · highIndex.
    /// </summary>
    public static ComplexMatrix Kron(ComplexMatrix high, ComplexMatrix low)
    {
        int nl = low.Dimension, nh = high.Dimension, n = nl * nh;
        var result = new Complex[n * n];
        for (int hr = 0; hr < nh; hr++)
            for (int hc = 0; hc < nh; hc++)
            {
                Complex h = high[hr, hc];
                if (h == Complex.Zero) continue;
                for (int lr = 0; lr < nl; lr++)
                    for (int lc = 0; lc < nl; lc++)
                        result[(hr * nl + lr) * n + hc * nl + lc] = h * low[lr, lc];
            }
        return new ComplexMatrix(result, n);
    }

    /// <summary>Integer power; negative powers use the adjoint (the matrix must be unitary).</summary>
    public ComplexMatrix Power(int exponent)
    {
        ComplexMatrix baseMatrix = exponent < 0 ? Adjoint() : this;
        int e = Math.Abs(exponent);
        ComplexMatrix result = Identity(Dimension);
        while (e > 0)
        {
            if ((e & 1) != 0) result = result * baseMatrix;
            baseMatrix = baseMatrix * baseMatrix;
            e >>= 1;
        }
        return result;
    }

    /// <summary>Largest element-wise distance |U†U − I| (0 for an exactly unitary matrix).</summary>
    public double UnitarityError()
    {
        ComplexMatrix product = Adjoint() * this;
        double worst = 0;
        for (int r = 0; r < Dimension; r++)
            for (int c = 0; c < Dimension; c++)
                worst = Math.Max(worst, Complex.Abs(product[r, c] - (r == c ? Complex.One : Complex.Zero)));
        return worst;
    }

    /// <summary>True when U†U = I within <paramref name="tolerance"/> element-wise.</summary>
    public bool IsUnitary(double tolerance = 1e-9) => UnitarityError() <= tolerance;

    /// <summary>Largest element-wise distance to another matrix of the same dimension.</summary>
    public double MaxDistance(ComplexMatrix other)
    {
        if (other.Dimension != Dimension) return double.PositiveInfinity;
        double worst = 0;
        for (int i = 0; i < _elements.Length; i++) worst = Math.Max(worst, Complex.Abs(_elements[i] - other._elements[i]));
        return worst;
    }

    /// <inheritdoc/>
    public bool Equals(ComplexMatrix? other) =>
        other is not null && other.Dimension == Dimension && _elements.AsSpan().SequenceEqual(other._elements);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as ComplexMatrix);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Dimension, _elements.Length > 0 ? _elements[0] : Complex.Zero);
}
