using System.Numerics;
using ILGPU;
using QSim.Gpu.Kernels;

namespace QSim.Gpu.Batch;

/// <summary>One gate of a batched program: where it acts and where its matrix sits in each parameter set's block.</summary>
public readonly struct BatchStep
{
    /// <summary>Where the gate acts: its targets and controls as index bits.</summary>
    public readonly GateLayout Layout;

    /// <summary>2^k.</summary>
    public readonly int Dimension;

    /// <summary>Offset of its matrix (or diagonal) in a parameter set's block of matrices.</summary>
    public readonly int MatrixOffset;

    /// <summary>1 for a diagonal, 0 for a dense matrix.</summary>
    public readonly int IsDiagonal;

    /// <summary>Amplitude groups of a dense pass (2^(n − targets − controls)).</summary>
    public readonly long Groups;

    /// <summary>A step on <paramref name="layout"/> whose matrix has <paramref name="dimension"/> = 2^k rows (or entries, for a diagonal) at <paramref name="matrixOffset"/> in each parameter set's block; <paramref name="groups"/> amplitude groups per pass.</summary>
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
    /// <summary>Qubits of each state; every parameter set has 2^Qubits amplitudes.</summary>
    public readonly int Qubits;

    /// <summary>Elements of one parameter set's block of matrices.</summary>
    public readonly int MatrixStride;

    /// <summary>The shape of a launch on <paramref name="qubits"/>-qubit states, with <paramref name="matrixStride"/> matrix elements per parameter set.</summary>
    public BatchShape(int qubits, int matrixStride)
    {
        Qubits = qubits;
        MatrixStride = matrixStride;
    }
}

/// <summary>
/// A whole circuit for many parameter sets in one launch: thread group b runs parameter set b from
/// |0…0⟩ through every step (its threads share each pass, a barrier between passes), then sums each
/// Pauli observable with the same fixed tree as the state reductions. Results are the unphased sums;
/// the host applies i^{#Y}.
/// <para>
/// One entry point per place the state lives, so that each has one address space: a view that could point to
/// shared or to global memory makes the PTX backend address shared memory with generic loads and stores, which
/// fault on a GPU. The scratch arrays (a dense group's amplitudes, the reduction tree) are allocated once at the
/// top and passed down.
/// </para>
/// </summary>
public static class BatchKernel
{
    /// <summary>The state in the group's dynamic shared memory (2^n amplitudes requested at launch).</summary>
    public static void RunInSharedMemory<T, TReal>(ArrayView<BatchStep> steps, ArrayView<DeviceComplex<T>> matrices, ArrayView<long> observableMasks,
        ArrayView<double> results, BatchShape shape)
        where T : unmanaged, INumber<T> where TReal : struct, IDeviceReal<T> =>
        Run<T, TReal>(SharedMemory.GetDynamic<DeviceComplex<T>>(), steps, matrices, observableMasks, results, shape);

    /// <summary>The state in the group's slice of <paramref name="scratch"/> (2^n amplitudes per parameter set).</summary>
    public static void RunInGlobalMemory<T, TReal>(ArrayView<BatchStep> steps, ArrayView<DeviceComplex<T>> matrices, ArrayView<long> observableMasks,
        ArrayView<double> results, ArrayView<DeviceComplex<T>> scratch, BatchShape shape)
        where T : unmanaged, INumber<T> where TReal : struct, IDeviceReal<T>
    {
        long length = 1L << shape.Qubits;
        Run<T, TReal>(scratch.SubView(Grid.IdxX * length, length), steps, matrices, observableMasks, results, shape);
    }

    private static void Run<T, TReal>(ArrayView<DeviceComplex<T>> state, ArrayView<BatchStep> steps, ArrayView<DeviceComplex<T>> matrices,
        ArrayView<long> observableMasks, ArrayView<double> results, BatchShape shape)
        where T : unmanaged, INumber<T> where TReal : struct, IDeviceReal<T>
    {
        long length = 1L << shape.Qubits;
        long set = Grid.IdxX;
        var block = matrices.SubView(set * shape.MatrixStride, shape.MatrixStride);
        var amplitudes = LocalMemory.Allocate<DeviceComplex<T>>(GateKernels.MaxDimension);
        var sums = ReductionKernel.AllocateScratch();

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
            ReductionKernel.GroupSum(re, im, sums, results, 2 * (set * observables + o));
        }
    }
}
