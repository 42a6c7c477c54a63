using System.Numerics;
using ILGPU;
using QSim.Gpu.Kernels;

namespace QSim.Gpu.Batch;

/// <summary>One gate of a batched program: where it acts and where its matrix sits in each parameter set's block.</summary>
public readonly struct BatchStep
{
    public readonly GateLayout Layout;

    /// <summary>2^k.</summary>
    public readonly int Dimension;

    /// <summary>Offset of its matrix (or diagonal) in a parameter set's block of matrices.</summary>
    public readonly int MatrixOffset;

    /// <summary>1 for a diagonal, 0 for a dense matrix.</summary>
    public readonly int IsDiagonal;

    /// <summary>Amplitude groups of a dense pass (2^(n − targets − controls)).</summary>
    public readonly long Groups;

    public BatchStep(GateLayout layout, int dimension, int matrixOffset, bool isDiagonal, long groups)
    {
        Layout = layout;
        Dimension = dimension;
        MatrixOffset = matrixOffset;
        IsDiagonal = isDiagonal ? 1 : 0;
        Groups = groups;
    }
}

/// <summary>Sizes of one batched launch.</summary>
public readonly struct BatchShape
{
    public readonly int Qubits;

    /// <summary>Elements of one parameter set's block of matrices.</summary>
    public readonly int MatrixStride;

    /// <summary>1: the state lives in the group's dynamic shared memory; 0: in its slice of the global scratch.</summary>
    public readonly int InSharedMemory;

    public BatchShape(int qubits, int matrixStride, bool inSharedMemory)
    {
        Qubits = qubits;
        MatrixStride = matrixStride;
        InSharedMemory = inSharedMemory ? 1 : 0;
    }
}

/// <summary>
/// A whole circuit for many parameter sets in one launch: thread group b runs parameter set b from
/// |0…0⟩ through every step (its threads share each pass, a barrier between passes), then sums each
/// Pauli observable with the same fixed tree as the state reductions. Results are the unphased sums;
/// the host applies i^{#Y}.
/// </summary>
public static class BatchKernel
{
    public static void Run<T, TReal>(ArrayView<BatchStep> steps, ArrayView<DeviceComplex<T>> matrices, ArrayView<long> observableMasks,
        ArrayView<double> results, ArrayView<DeviceComplex<T>> scratch, BatchShape shape)
        where T : unmanaged, INumber<T> where TReal : struct, IDeviceReal<T>
    {
        long length = 1L << shape.Qubits;
        long set = Grid.IdxX;
        var state = shape.InSharedMemory != 0 ? SharedMemory.GetDynamic<DeviceComplex<T>>() : scratch.SubView(set * length, length);
        var block = matrices.SubView(set * shape.MatrixStride, shape.MatrixStride);
        var amplitudes = LocalMemory.Allocate<DeviceComplex<T>>(GateKernels.MaxDimension);

        for (long i = Group.IdxX; i < length; i += Group.DimX) state[i] = new DeviceComplex<T>(i == 0 ? T.One : T.Zero, T.Zero);
        Group.Barrier();

        for (int s = 0; s < steps.IntLength; s++)
        {
            var step = steps[s];
            if (step.IsDiagonal != 0)
            {
                var diagonal = block.SubView(step.MatrixOffset, step.Dimension);
                for (long i = Group.IdxX; i < length; i += Group.DimX) GateKernels.ApplyDiagonalAt(state, step.Layout, diagonal, i);
            }
            else
            {
                var matrix = block.SubView(step.MatrixOffset, step.Dimension * step.Dimension);
                for (long g = Group.IdxX; g < step.Groups; g += Group.DimX)
                    GateKernels.ApplyDenseGroup(state, step.Layout, matrix, step.Dimension, amplitudes, g);
            }
            Group.Barrier();
        }

        int observables = observableMasks.IntLength / 2;
        for (int o = 0; o < observables; o++)
        {
            var term = new ReductionTerm((ulong)observableMasks[2 * o], (ulong)observableMasks[2 * o + 1], 0, 0, shape.Qubits);
            double re = 0, im = 0;
            for (long i = Group.IdxX; i < length; i += Group.DimX) ReductionKernel.AddTerm<T, TReal>(state, state, term, i, ref re, ref im);
            ReductionKernel.GroupSum(re, im, results, 2 * (set * observables + o));
        }
    }
}
