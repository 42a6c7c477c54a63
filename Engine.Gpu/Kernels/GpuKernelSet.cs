using System.Numerics;
using ILGPU;
using ILGPU.Runtime;
using QSim.Gpu.Batch;

namespace QSim.Gpu.Kernels;

/// <summary>
/// Every kernel of one precision, loaded (compiled) once per accelerator and shared by all its states, with the
/// queue they run on and the arena their matrices travel through. Dense kernels specialised on the dimension
/// compile once per k on first use; each batch kernel compiles on its path's first use.
/// <see cref="KernelCatalog"/> lists the same entry points for compilation without a device.
/// </summary>
internal sealed class GpuKernelSet<T> : IDisposable where T : unmanaged, INumber<T>
{
    private readonly Lazy<Action<KernelConfig, ArrayView<BatchStep>, ArrayView<DeviceComplex<T>>, ArrayView<long>, ArrayView<double>, BatchShape>> _batchInShared;
    private readonly Lazy<Action<KernelConfig, ArrayView<BatchStep>, ArrayView<DeviceComplex<T>>, ArrayView<long>, ArrayView<double>, ArrayView<DeviceComplex<T>>, BatchShape>> _batchInGlobal;

    private GpuKernelSet(Accelerator accelerator, DeviceQueue queue, int maxThreadsPerLaunch, PrecisionKernels precisionKernels)
    {
        Accelerator = accelerator;
        Queue = queue;
        MaxThreadsPerLaunch = maxThreadsPerLaunch;
        Arena = new MatrixArena<T>(accelerator, queue);
        ApplySingle = accelerator.LoadAutoGroupedStreamKernel<Index1D, WorkSplit, ArrayView<DeviceComplex<T>>, GateLayout, Matrix2<T>>(GateKernels.ApplySingle);
        ApplyDense = accelerator.LoadAutoGroupedStreamKernel<Index1D, WorkSplit, ArrayView<DeviceComplex<T>>, GateLayout, ArrayView<DeviceComplex<T>>, SpecializedValue<int>>(GateKernels.ApplyDense);
        ApplyDiagonal = accelerator.LoadAutoGroupedStreamKernel<Index1D, WorkSplit, ArrayView<DeviceComplex<T>>, GateLayout, ArrayView<DeviceComplex<T>>>(GateKernels.ApplyDiagonal);
        SwapQubits = accelerator.LoadAutoGroupedStreamKernel<Index1D, WorkSplit, ArrayView<DeviceComplex<T>>, QubitPairList>(QubitSwapKernel.SwapQubits);
        SetBasis = accelerator.LoadAutoGroupedStreamKernel<Index1D, WorkSplit, ArrayView<DeviceComplex<T>>, long>(StateKernels.SetBasis);
        Project = accelerator.LoadAutoGroupedStreamKernel<Index1D, WorkSplit, ArrayView<DeviceComplex<T>>, int, int, T>(StateKernels.Project);
        AddPauliTerm = accelerator.LoadAutoGroupedStreamKernel<Index1D, WorkSplit, ArrayView<DeviceComplex<T>>, ArrayView<DeviceComplex<T>>, long, long, DeviceComplex<T>>(StateKernels.AddPauliTerm);
        Probabilities = precisionKernels.Probabilities;
        Reduce = precisionKernels.Reduce;
        MatrixElement = precisionKernels.MatrixElement;
        _batchInShared = new(precisionKernels.BatchInShared);
        _batchInGlobal = new(precisionKernels.BatchInGlobal);
        ReductionGroupSize = Math.Min(ReductionKernel.MaxGroupSize, (int)BitOperations.RoundUpToPowerOf2((uint)accelerator.MaxNumThreadsPerGroup + 1) / 2);
    }

    /// <summary>The kernels whose code depends on how <typeparamref name="T"/> widens to double.</summary>
    private sealed record PrecisionKernels(
        Action<Index1D, WorkSplit, ArrayView<DeviceComplex<T>>, ArrayView<double>> Probabilities,
        Action<KernelConfig, ArrayView<DeviceComplex<T>>, ArrayView<DeviceComplex<T>>, ArrayView<double>, ReductionTerm> Reduce,
        Action<KernelConfig, ArrayView<DeviceComplex<T>>, ArrayView<DeviceComplex<T>>, ArrayView<double>, ArrayView<DeviceComplex<T>>, MatrixElementShape> MatrixElement,
        Func<Action<KernelConfig, ArrayView<BatchStep>, ArrayView<DeviceComplex<T>>, ArrayView<long>, ArrayView<double>, BatchShape>> BatchInShared,
        Func<Action<KernelConfig, ArrayView<BatchStep>, ArrayView<DeviceComplex<T>>, ArrayView<long>, ArrayView<double>, ArrayView<DeviceComplex<T>>, BatchShape>> BatchInGlobal);

    public Accelerator Accelerator { get; }

    /// <summary>The backend's queue: every host wait goes through it.</summary>
    public DeviceQueue Queue { get; }

    /// <summary>Most threads an implicitly grouped launch starts; each takes every such count-th item of its pass.</summary>
    public int MaxThreadsPerLaunch { get; }

    /// <summary>Where matrices larger than 2×2 travel to the kernels.</summary>
    public MatrixArena<T> Arena { get; }

    public Action<Index1D, WorkSplit, ArrayView<DeviceComplex<T>>, GateLayout, Matrix2<T>> ApplySingle { get; }
    public Action<Index1D, WorkSplit, ArrayView<DeviceComplex<T>>, GateLayout, ArrayView<DeviceComplex<T>>, SpecializedValue<int>> ApplyDense { get; }
    public Action<Index1D, WorkSplit, ArrayView<DeviceComplex<T>>, GateLayout, ArrayView<DeviceComplex<T>>> ApplyDiagonal { get; }
    public Action<Index1D, WorkSplit, ArrayView<DeviceComplex<T>>, QubitPairList> SwapQubits { get; }
    public Action<Index1D, WorkSplit, ArrayView<DeviceComplex<T>>, long> SetBasis { get; }
    public Action<Index1D, WorkSplit, ArrayView<DeviceComplex<T>>, int, int, T> Project { get; }
    public Action<Index1D, WorkSplit, ArrayView<DeviceComplex<T>>, ArrayView<DeviceComplex<T>>, long, long, DeviceComplex<T>> AddPauliTerm { get; }
    public Action<Index1D, WorkSplit, ArrayView<DeviceComplex<T>>, ArrayView<double>> Probabilities { get; }
    public Action<KernelConfig, ArrayView<DeviceComplex<T>>, ArrayView<DeviceComplex<T>>, ArrayView<double>, ReductionTerm> Reduce { get; }
    public Action<KernelConfig, ArrayView<DeviceComplex<T>>, ArrayView<DeviceComplex<T>>, ArrayView<double>, ArrayView<DeviceComplex<T>>, MatrixElementShape> MatrixElement { get; }
    public Action<KernelConfig, ArrayView<BatchStep>, ArrayView<DeviceComplex<T>>, ArrayView<long>, ArrayView<double>, BatchShape> BatchInShared => _batchInShared.Value;
    public Action<KernelConfig, ArrayView<BatchStep>, ArrayView<DeviceComplex<T>>, ArrayView<long>, ArrayView<double>, ArrayView<DeviceComplex<T>>, BatchShape> BatchInGlobal => _batchInGlobal.Value;

    /// <summary>Threads per group of the reductions and the batch kernel: the largest power of two the device allows, at most <see cref="ReductionKernel.MaxGroupSize"/>.</summary>
    public int ReductionGroupSize { get; }

    /// <summary>Loads the kernels of the precision <typeparamref name="TReal"/> widens.</summary>
    public static GpuKernelSet<T> Load<TReal>(Accelerator accelerator, DeviceQueue queue, int maxThreadsPerLaunch) where TReal : struct, IDeviceReal<T> =>
        new(accelerator, queue, maxThreadsPerLaunch, new PrecisionKernels(
            accelerator.LoadAutoGroupedStreamKernel<Index1D, WorkSplit, ArrayView<DeviceComplex<T>>, ArrayView<double>>(StateKernels.Probabilities<T, TReal>),
            accelerator.LoadStreamKernel<ArrayView<DeviceComplex<T>>, ArrayView<DeviceComplex<T>>, ArrayView<double>, ReductionTerm>(ReductionKernel.Reduce<T, TReal>),
            accelerator.LoadStreamKernel<ArrayView<DeviceComplex<T>>, ArrayView<DeviceComplex<T>>, ArrayView<double>, ArrayView<DeviceComplex<T>>, MatrixElementShape>(MatrixElementKernel.Reduce<T, TReal>),
            () => accelerator.LoadStreamKernel<ArrayView<BatchStep>, ArrayView<DeviceComplex<T>>, ArrayView<long>, ArrayView<double>, BatchShape>(BatchKernel.RunInSharedMemory<T, TReal>),
            () => accelerator.LoadStreamKernel<ArrayView<BatchStep>, ArrayView<DeviceComplex<T>>, ArrayView<long>, ArrayView<double>, ArrayView<DeviceComplex<T>>, BatchShape>(BatchKernel.RunInGlobalMemory<T, TReal>)));

    /// <inheritdoc/>
    public void Dispose() => Arena.Dispose();
}
