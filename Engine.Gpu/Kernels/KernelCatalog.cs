using System.Reflection;
using QSim.Gpu.Batch;

namespace QSim.Gpu.Kernels;

/// <summary>How a kernel is launched: ILGPU's implicit grouping (a thread index parameter) or an explicit <c>KernelConfig</c>.</summary>
internal enum KernelGrouping
{
    Implicit,
    Explicit,
}

/// <summary>
/// One kernel the engine can launch, as it is compiled: the method closed over its precision and, for a kernel with
/// a <c>SpecializedValue</c> parameter, one value it is launched with (each value compiles to its own kernel).
/// </summary>
internal sealed record KernelEntryPoint(string Name, MethodInfo Method, KernelGrouping Grouping, int? Specialization = null);

/// <summary>
/// Every kernel of <see cref="GpuKernelSet{T}"/> in both precisions, every dense dimension and both batch paths: what
/// is compiled without a device to check the generated code. A kernel is a public static method of a kernel class
/// (tests hold this list to the kernel classes' public methods).
/// </summary>
internal static class KernelCatalog
{
    /// <summary>The entry points of both precisions.</summary>
    public static IReadOnlyList<KernelEntryPoint> All { get; } = [.. Of<float, SingleReal>("c64"), .. Of<double, DoubleReal>("c128")];

    private static IEnumerable<KernelEntryPoint> Of<T, TReal>(string precision)
    {
        Type[] amplitude = [typeof(T)], widening = [typeof(T), typeof(TReal)];
        KernelEntryPoint Entry(Type kernels, string method, Type[] typeArguments, KernelGrouping grouping, int? specialization = null)
        {
            string suffix = specialization is int value ? $"_dim{value}" : "";
            var info = kernels.GetMethod(method, BindingFlags.Public | BindingFlags.Static)!.MakeGenericMethod(typeArguments);
            return new KernelEntryPoint($"{kernels.Name}.{method}{suffix}.{precision}", info, grouping, specialization);
        }

        yield return Entry(typeof(GateKernels), nameof(GateKernels.ApplySingle), amplitude, KernelGrouping.Implicit);
        for (int k = 2; k <= GateKernels.MaxDenseTargets; k++)
            yield return Entry(typeof(GateKernels), nameof(GateKernels.ApplyDense), amplitude, KernelGrouping.Implicit, 1 << k);
        yield return Entry(typeof(GateKernels), nameof(GateKernels.ApplyDiagonal), amplitude, KernelGrouping.Implicit);
        yield return Entry(typeof(QubitSwapKernel), nameof(QubitSwapKernel.SwapQubits), amplitude, KernelGrouping.Implicit);
        yield return Entry(typeof(StateKernels), nameof(StateKernels.SetBasis), amplitude, KernelGrouping.Implicit);
        yield return Entry(typeof(StateKernels), nameof(StateKernels.Project), amplitude, KernelGrouping.Implicit);
        yield return Entry(typeof(StateKernels), nameof(StateKernels.AddPauliTerm), amplitude, KernelGrouping.Implicit);
        yield return Entry(typeof(StateKernels), nameof(StateKernels.Probabilities), widening, KernelGrouping.Implicit);
        yield return Entry(typeof(ReductionKernel), nameof(ReductionKernel.Reduce), widening, KernelGrouping.Explicit);
        yield return Entry(typeof(MatrixElementKernel), nameof(MatrixElementKernel.Reduce), widening, KernelGrouping.Explicit);
        yield return Entry(typeof(BatchKernel), nameof(BatchKernel.RunInSharedMemory), widening, KernelGrouping.Explicit);
        yield return Entry(typeof(BatchKernel), nameof(BatchKernel.RunInGlobalMemory), widening, KernelGrouping.Explicit);
    }
}
