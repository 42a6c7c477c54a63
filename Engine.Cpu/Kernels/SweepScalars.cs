using System.Numerics;
using QSim.Backends;

namespace QSim.Cpu.Kernels;

/// <summary>
/// Pulls a scalar factor out of some matrices of a sweep's run so that their kernels multiply by 1 in places, and puts
/// the product of those factors into one other matrix of the run, where it costs nothing. Scalars commute with every
/// matrix and each block of a sweep passes through the whole run, so the state the run leaves is the same up to rounding.
/// <list type="bullet">
/// <item>A 1-target matrix above the SIMD vector with equal diagonal entries (RX, RY, any cos·I + sin·P) is divided by
/// its diagonal entry, or, where that is smaller, by its equal off-diagonal entries: each output is then one FMA with
/// the other amplitude as addend (<see cref="Simd.OneTerm"/>), a third less arithmetic for RX on AVX2.</item>
/// <item>A diagonal above the vector is divided by its first entry: a 1-target one (RZ) becomes a phase on half the
/// state (its target a control, <see cref="DiagonalControls"/>), a larger one skips its first vector position.</item>
/// </list>
/// The factor goes into an uncontrolled matrix that is not factored and keeps its cost when scaled: for a real product
/// any matrix with no entry equal to 1, for a complex one a matrix whose nonzero entries all have both parts. Where the
/// run has no such matrix for the complex factors, only the real ones are pulled out; where it has none at all, nothing is.
/// The divisor is the largest entry of its kind, so the scaled entries stay within magnitude 1.
/// </summary>
internal sealed class SweepScalars
{
    // The product of the factors stays within [1e-6, 1e6] in magnitude, so the state between the factored matrices and
    // the one that takes the product stays far from overflow and underflow in single precision too.
    private const double SmallestProduct = 1e-6;

    private Complex[][] _matrices = [];
    private bool[] _rewritten = [];

    /// <summary>Chooses the factors and the matrix that takes them for <paramref name="run"/>, and writes the rewritten matrices.</summary>
    /// <param name="run">The sweep's matrices, in order.</param>
    /// <param name="lowQubits">Qubits inside one SIMD vector (targets there gain nothing from a factor of 1).</param>
    public void Plan(ReadOnlySpan<MatrixApplication> run, int lowQubits)
    {
        EnsureCapacity(run.Length);
        Array.Clear(_rewritten, 0, run.Length);
        Span<Complex> factors = run.Length <= 256 ? stackalloc Complex[run.Length] : new Complex[run.Length];
        bool anyComplex = false;
        for (int i = 0; i < run.Length; i++)
        {
            factors[i] = Factor(run[i], lowQubits);
            anyComplex |= factors[i] != Complex.Zero && factors[i].Imaginary != 0;
        }
        int taker = anyComplex ? FindTaker(run, factors, complex: true) : -1;
        bool realOnly = taker < 0;
        if (realOnly) taker = FindTaker(run, factors, complex: false);
        if (taker < 0) return;

        Complex product = Complex.One;
        for (int i = 0; i < run.Length; i++)
        {
            Complex z = factors[i];
            if (i == taker || z == Complex.Zero || (realOnly && z.Imaginary != 0)) continue;
            double magnitude = (product * z).Magnitude;
            if (magnitude < SmallestProduct || magnitude > 1 / SmallestProduct) continue;
            product *= z;
            Divide(run[i], z, i);
        }
        var source = run[taker].Matrix;
        var scaled = _matrices[taker] = Grow(_matrices[taker], source.Length);
        for (int k = 0; k < source.Length; k++) scaled[k] = source[k] * product;
        _rewritten[taker] = true;
    }

    /// <summary>The matrix to prepare for application <paramref name="index"/> of the planned run.</summary>
    public ReadOnlySpan<Complex> Matrix(int index, Complex[] original) =>
        _rewritten[index] ? _matrices[index].AsSpan(0, original.Length) : original;

    /// <summary>The factor to pull out of <paramref name="a"/>, or zero where it gains nothing.</summary>
    private static Complex Factor(MatrixApplication a, int lowQubits)
    {
        if (!a.Controls.IsEmpty) return Complex.Zero;
        foreach (int t in a.Targets)
            if (t < lowQubits) return Complex.Zero;
        var m = a.Matrix;
        Complex z;
        if (a.IsDiagonal)
        {
            foreach (var entry in m)
                if (entry == Complex.One) return Complex.Zero;
            z = m[0];
        }
        else
        {
            if (a.Targets.Length != 1) return Complex.Zero;
            bool equalDiagonal = m[0] == m[3], equalOff = m[1] == m[2];
            z = equalDiagonal && (!equalOff || m[0].Magnitude >= m[1].Magnitude) ? m[0] : equalOff ? m[1] : Complex.Zero;
        }
        return z != Complex.Zero && z != Complex.One && BoundedBy(m, z) ? z : Complex.Zero;
    }

    /// <summary>True when no entry of <paramref name="m"/> is more than twice <paramref name="z"/> in magnitude.</summary>
    private static bool BoundedBy(Complex[] m, Complex z)
    {
        double limit = 2 * z.Magnitude;
        foreach (var entry in m)
            if (entry.Magnitude > limit) return false;
        return true;
    }

    /// <summary>
    /// The matrix that takes the product: the first uncontrolled one with no factor of its own that keeps its kernel's cost
    /// when scaled by a <paramref name="complex"/> (or a real) number; failing that, the candidate that gains least from
    /// its own factor (a diagonal of the most targets skips the smallest share of the state), which then keeps it. -1: none.
    /// </summary>
    private static int FindTaker(ReadOnlySpan<MatrixApplication> run, ReadOnlySpan<Complex> factors, bool complex)
    {
        int fallback = -1;
        for (int i = 0; i < run.Length; i++)
        {
            if (!run[i].Controls.IsEmpty || !KeepsCost(run[i].Matrix, complex)) continue;
            if (factors[i] == Complex.Zero) return i;
            if (fallback < 0 || GainRank(run[i]) < GainRank(run[fallback])) fallback = i;
        }
        return fallback;
    }

    /// <summary>
    /// True when scaling <paramref name="matrix"/> by a <paramref name="complex"/> (or a real) number leaves its kernel's
    /// cost as it is: no entry of 1 (which may be peeled into a control or skipped), and for a complex number no real or
    /// imaginary entry (which would become complex).
    /// </summary>
    private static bool KeepsCost(Complex[] matrix, bool complex)
    {
        foreach (var entry in matrix)
            if (entry == Complex.One || (complex && entry != Complex.Zero && (entry.Real == 0 || entry.Imaginary == 0)))
                return false;
        return true;
    }

    /// <summary>Orders candidates by what their factor saves: a dense 1-target matrix most, then diagonals by falling share.</summary>
    private static int GainRank(MatrixApplication a) => a.IsDiagonal ? -a.Targets.Length : 0;

    /// <summary>Writes <paramref name="a"/>'s matrix divided by <paramref name="z"/>, with exact 1s where it equals <paramref name="z"/>.</summary>
    private void Divide(MatrixApplication a, Complex z, int index)
    {
        var source = a.Matrix;
        var divided = _matrices[index] = Grow(_matrices[index], source.Length);
        for (int k = 0; k < source.Length; k++) divided[k] = source[k] == z ? Complex.One : source[k] / z;
        _rewritten[index] = true;
    }

    private void EnsureCapacity(int length)
    {
        if (_rewritten.Length >= length) return;
        Array.Resize(ref _matrices, length);
        _rewritten = new bool[length];
    }

    private static Complex[] Grow(Complex[]? buffer, int length) => buffer is not null && buffer.Length >= length ? buffer : new Complex[length];
}
