using System.Numerics;
using ILGPU;

namespace QSim.Gpu.Kernels;

/// <summary>What a matrix-element pass needs besides the states and the matrix, passed by value.</summary>
public readonly struct MatrixElementShape
{
    /// <summary>Groups of 2^k amplitudes that differ only in the target bits (no controls in it).</summary>
    public readonly GateLayout Targets;

    /// <summary>Bits of the controls: a group with all of them set sees the matrix, any other the identity.</summary>
    public readonly long ControlMask;

    /// <summary>2^k.</summary>
    public readonly int Dimension;

    /// <summary>log2 of the groups each thread group sums (one partial per chunk).</summary>
    public readonly int ChunkBits;

    /// <summary>The shape of a pass: target groups <paramref name="targets"/>, control bits <paramref name="controlMask"/>, a 2^k × 2^k matrix (<paramref name="dimension"/> = 2^k), 2^<paramref name="chunkBits"/> groups per thread group.</summary>
    public MatrixElementShape(GateLayout targets, long controlMask, int dimension, int chunkBits)
    {
        Targets = targets;
        ControlMask = controlMask;
        Dimension = dimension;
        ChunkBits = chunkBits;
    }
}

/// <summary>
/// ⟨bra|C(M)|ket⟩ in one read-only pass: thread group g sums chunk g of the amplitude groups, each thread a
/// fixed stride, then the fixed tree of <see cref="ReductionKernel.GroupSum"/>; the host adds the partials in
/// chunk order, so results repeat bit for bit. A group whose controls are all 1 adds
/// Σ_r conj(bra_r)·Σ_c M_rc·ket_c, any other Σ_r conj(bra_r)·ket_r.
/// </summary>
public static class MatrixElementKernel
{
    /// <summary>
    /// The kernel: thread group g writes its chunk's partial sum of ⟨bra|C(M)|ket⟩ as (re, im) into
    /// <paramref name="partials"/>[2g] and [2g + 1]; <paramref name="matrix"/> is M row-major, 2^k × 2^k.
    /// </summary>
    /// <typeparam name="T">The amplitude precision, float or double.</typeparam>
    /// <typeparam name="TReal">Widens <typeparamref name="T"/> to double inside the kernel.</typeparam>
    public static void Reduce<T, TReal>(ArrayView<DeviceComplex<T>> bra, ArrayView<DeviceComplex<T>> ket, ArrayView<double> partials,
        ArrayView<DeviceComplex<T>> matrix, MatrixElementShape shape)
        where T : unmanaged, INumber<T> where TReal : struct, IDeviceReal<T>
    {
        long begin = (long)Grid.IdxX << shape.ChunkBits;
        long end = begin + (1L << shape.ChunkBits);
        int dim = shape.Dimension;
        double re = 0, im = 0;
        for (long group = begin + Group.IdxX; group < end; group += Group.DimX)
        {
            long first = shape.Targets.Base(group);
            bool controlsSet = (first & shape.ControlMask) == shape.ControlMask;
            for (int r = 0; r < dim; r++)
            {
                DeviceComplex<T> row;
                if (controlsSet)
                {
                    row = new DeviceComplex<T>(T.Zero, T.Zero);
                    for (int c = 0; c < dim; c++) row += matrix[r * dim + c] * ket[first | shape.Targets.Offset(c)];
                }
                else row = ket[first | shape.Targets.Offset(r)];
                var a = bra[first | shape.Targets.Offset(r)];
                double ar = TReal.Widen(a.Re), ai = TReal.Widen(a.Im), br = TReal.Widen(row.Re), bi = TReal.Widen(row.Im);
                re += ar * br + ai * bi;
                im += ar * bi - ai * br;
            }
        }
        ReductionKernel.GroupSum(re, im, ReductionKernel.AllocateScratch(), partials, 2 * Grid.IdxX);
    }
}
