using System.Numerics;
using ILGPU;
using ILGPU.Runtime;

namespace QSim.Gpu.Kernels;

/// <summary>A 2×2 matrix passed to a kernel by value, so the commonest gates need no upload.</summary>
public readonly struct Matrix2<T> where T : unmanaged, INumber<T>
{
    /// <summary>The elements, row then column: M01 is row 0, column 1 (the amplitude of |0⟩ taken from |1⟩).</summary>
    public readonly DeviceComplex<T> M00, M01, M10, M11;

    /// <summary>The matrix of four row-major host elements, rounded to the device precision.</summary>
    /// <exception cref="IndexOutOfRangeException"><paramref name="rowMajor"/> holds fewer than four elements.</exception>
    public Matrix2(ReadOnlySpan<Complex> rowMajor)
    {
        M00 = DeviceComplex<T>.FromHost(rowMajor[0]);
        M01 = DeviceComplex<T>.FromHost(rowMajor[1]);
        M10 = DeviceComplex<T>.FromHost(rowMajor[2]);
        M11 = DeviceComplex<T>.FromHost(rowMajor[3]);
    }
}

/// <summary>
/// Gate passes. Dense gates run one thread per group of 2^k amplitudes (controls shrink the groups
/// to the controlled subspace); diagonals run one thread per amplitude. Matrices are computed on the
/// host and arrive either by value (2×2) or in a small device buffer, row-major.
/// </summary>
public static class GateKernels
{
    /// <summary>Largest dense block a kernel holds in local memory (k = 6), one more than fusion feeds.</summary>
    public const int MaxDenseTargets = 6;

    internal const int MaxDimension = 1 << MaxDenseTargets;

    /// <summary>Dense 1-qubit gate (with any controls).</summary>
    public static void ApplySingle<T>(Index1D thread, WorkSplit split, ArrayView<DeviceComplex<T>> state, GateLayout layout, Matrix2<T> m)
        where T : unmanaged, INumber<T>
    {
        long bit = 1L << layout.Target(0);
        for (long group = thread; group < split.Count; group += split.Stride)
        {
            long i0 = layout.Base(group);
            long i1 = i0 | bit;
            var a0 = state[i0];
            var a1 = state[i1];
            state[i0] = m.M00 * a0 + m.M01 * a1;
            state[i1] = m.M10 * a0 + m.M11 * a1;
        }
    }

    /// <summary>
    /// Dense k-qubit gate, 2 ≤ k ≤ <see cref="MaxDenseTargets"/>. The dimension is specialised so each
    /// k compiles to its own kernel with constant loop bounds.
    /// </summary>
    public static void ApplyDense<T>(Index1D thread, WorkSplit split, ArrayView<DeviceComplex<T>> state, GateLayout layout,
        ArrayView<DeviceComplex<T>> matrix, SpecializedValue<int> dimension)
        where T : unmanaged, INumber<T>
    {
        int dim = dimension.Value;
        var amplitudes = LocalMemory.Allocate<DeviceComplex<T>>(MaxDimension);
        for (long group = thread; group < split.Count; group += split.Stride)
            ApplyDenseGroup(state, layout, matrix, dim, amplitudes, group);
    }

    /// <summary>One group of a dense pass, through the caller's local scratch of <see cref="MaxDimension"/> amplitudes.</summary>
    internal static void ApplyDenseGroup<T>(ArrayView<DeviceComplex<T>> state, GateLayout layout, ArrayView<DeviceComplex<T>> matrix,
        int dim, ArrayView<DeviceComplex<T>> amplitudes, long group)
        where T : unmanaged, INumber<T>
    {
        long first = layout.Base(group);
        for (int c = 0; c < dim; c++) amplitudes[c] = state[first | layout.Offset(c)];
        for (int r = 0; r < dim; r++)
        {
            var sum = new DeviceComplex<T>(T.Zero, T.Zero);
            for (int c = 0; c < dim; c++) sum += matrix[r * dim + c] * amplitudes[c];
            state[first | layout.Offset(r)] = sum;
        }
    }

    /// <summary>One amplitude of a diagonal pass.</summary>
    internal static void ApplyDiagonalAt<T>(ArrayView<DeviceComplex<T>> state, GateLayout layout, ArrayView<DeviceComplex<T>> diagonal, long i)
        where T : unmanaged, INumber<T>
    {
        if (layout.ControlsSet(i)) state[i] = diagonal[layout.LocalIndex(i)] * state[i];
    }

    /// <summary>Diagonal on the targets (k = 0 scales), where every control is 1.</summary>
    public static void ApplyDiagonal<T>(Index1D thread, WorkSplit split, ArrayView<DeviceComplex<T>> state, GateLayout layout, ArrayView<DeviceComplex<T>> diagonal)
        where T : unmanaged, INumber<T>
    {
        for (long i = thread; i < split.Count; i += split.Stride) ApplyDiagonalAt(state, layout, diagonal, i);
    }
}
