using System.Numerics;
using ILGPU;
using ILGPU.Runtime;
using QSim.Gpu.Batch;

namespace QSim.Gpu.Kernels;

/// <summary>
/// Every kernel of one precision, loaded (compiled) once per accelerator and shared by all its states.
/// Dense kernels specialised on the dimension compile once per k on first use; the batch kernel
/// compiles on the batch path's first use.
/// </summary>
internal sealed class GpuKernelSet<T> where T : unmanaged, INumber<T>
{
    private readonly Lazy<Action<KernelConfig, ArrayView<BatchStep>, ArrayView<DeviceComplex<T>>, ArrayView<long>, ArrayView<double>, ArrayView<DeviceComplex<T>>, BatchShape>> _batch;

    private GpuKernelSet(Accelerator accelerator, PrecisionKernels precisionKernels)
    {
        Accelerator = accelerator;
        ApplySingle = accelerator.LoadAutoGroupedStreamKernel<Index1D, WorkSplit, ArrayView<DeviceComplex<T>>, GateLayout, Matrix2<T>>(GateKernels.ApplySingle);
        ApplyDense = accelerator.LoadAutoGroupedStreamKernel<Index1D, WorkSplit, ArrayView<DeviceComplex<T>>, GateLayout, ArrayView<DeviceComplex<T>>, SpecializedValue<int>>(GateKernels.ApplyDense);
        ApplyDiagonal = accelerator.LoadAutoGroupedStreamKernel<Index1D, WorkSplit, ArrayView<DeviceComplex<T>>, GateLayout, ArrayView<DeviceComplex<T>>>(GateKernels.ApplyDiagonal);
        Project = accelerator.LoadAutoGroupedStreamKernel<Index1D, WorkSplit, ArrayView<DeviceComplex<T>>, int, int, T>(StateKernels.Project);
        Probabilities = precisionKernels.Probabilities;
        Reduce = precisionKernels.Reduce;
        _batch = new(precisionKernels.Batch);
        ReductionGroupSize = Math.Min(ReductionKernel.MaxGroupSize, (int)BitOperations.RoundUpToPowerOf2((uint)accelerator.MaxNumThreadsPerGroup + 1) / 2);
    }

    /// <summary>The kernels whose code depends on how <typeparamref name="T"/> widens to double.</summary>
    private sealed record PrecisionKernels(
        Action<Index1D, WorkSplit, ArrayView<DeviceComplex<T>>, ArrayView<double>> Probabilities,
        Action<KernelConfig, ArrayView<DeviceComplex<T>>, ArrayView<DeviceComplex<T>>, ArrayView<double>, ReductionTerm> Reduce,
        Func<Action<KernelConfig, ArrayView<BatchStep>, ArrayView<DeviceComplex<T>>, ArrayView<long>, ArrayView<double>, ArrayView<DeviceComplex<T>>, BatchShape>> Batch);

    public Accelerator Accelerator { get; }
    public Action<Index1D, WorkSplit, ArrayView<DeviceComplex<T>>, GateLayout, Matrix2<T>> ApplySingle { get; }
    public Action<Index1D, WorkSplit, ArrayView<DeviceComplex<T>>, GateLayout, ArrayView<DeviceComplex<T>>, SpecializedValue<int>> ApplyDense { get; }
    public Action<Index1D, WorkSplit, ArrayView<DeviceComplex<T>>, GateLayout, ArrayView<DeviceComplex<T>>> ApplyDiagonal { get; }
    public Action<Index1D, WorkSplit, ArrayView<DeviceComplex<T>>, int, int, T> Project { get; }
    public Action<Index1D, WorkSplit, ArrayView<DeviceComplex<T>>, ArrayView<double>> Probabilities { get; }
    public Action<KernelConfig, ArrayView<DeviceComplex<T>>, ArrayView<DeviceComplex<T>>, ArrayView<double>, ReductionTerm> Reduce { get; }
    public Action<KernelConfig, ArrayView<BatchStep>, ArrayView<DeviceComplex<T>>, ArrayView<long>, ArrayView<double>, ArrayView<DeviceComplex<T>>, BatchShape> Batch => _batch.Value;

    /// <summary>Threads per group of the reductions and the batch kernel: the largest power of two the device allows, at most <see cref="ReductionKernel.MaxGroupSize"/>.</summary>
    public int ReductionGroupSize { get; }

    /// <summary>Loads the kernels of the precision <typeparamref name="TReal"/> widens.</summary>
    public static GpuKernelSet<T> Load<TReal>(Accelerator accelerator) where TReal : struct, IDeviceReal<T> =>
        new(accelerator, new PrecisionKernels(
            accelerator.LoadAutoGroupedStreamKernel<Index1D, WorkSplit, ArrayView<DeviceComplex<T>>, ArrayView<double>>(StateKernels.Probabilities<T, TReal>),
            accelerator.LoadStreamKernel<ArrayView<DeviceComplex<T>>, ArrayView<DeviceComplex<T>>, ArrayView<double>, ReductionTerm>(ReductionKernel.Reduce<T, TReal>),
            () => accelerator.LoadStreamKernel<ArrayView<BatchStep>, ArrayView<DeviceComplex<T>>, ArrayView<long>, ArrayView<double>, ArrayView<DeviceComplex<T>>, BatchShape>(BatchKernel.Run<T, TReal>)));
}
