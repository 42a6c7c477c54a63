using System.Numerics;
using ILGPU;
using ILGPU.Runtime;
using QSim.Backends;
using QSim.Execution;
using QSim.Gpu.Kernels;
using QSim.Parameters;

namespace QSim.Gpu.Batch;

/// <summary>A Pauli string as masks: X where only <see cref="X"/> is set, Z where only <see cref="Z"/> is, Y where both are.</summary>
public readonly record struct PauliMasks(ulong X, ulong Z);

/// <summary>
/// Evaluates one small circuit for a batch of parameter sets in a single launch (the estimator's batch
/// path): thread group b simulates parameter set b, its state in shared memory where it fits and in a
/// global scratch slice otherwise. Matrices are bound on the host, one block per parameter set.
/// </summary>
public sealed class GpuBatchRunner(GpuBackend backend)
{
    /// <summary>False keeps every state in global scratch even where shared memory would hold it (tests both paths).</summary>
    internal bool AllowSharedMemory { get; init; } = true;

    /// <summary>Largest circuit the batch path takes: 2^14 amplitudes per thread group.</summary>
    public const int MaxQubits = 14;

    /// <summary>
    /// ⟨ψ(θ_b)|P_o|ψ(θ_b)⟩ for every binding b and observable o, as result[b, o].
    /// </summary>
    /// <exception cref="NotSupportedException">The plan measures or resets, is larger than <see cref="MaxQubits"/>, or has a step beyond the dense kernel.</exception>
    /// <exception cref="ParameterBindingException">A binding misses or adds a symbol.</exception>
    public double[,] Evaluate(ExecutionPlan plan, IReadOnlyList<ParameterBinding> bindings, IReadOnlyList<PauliMasks> observables, Precision precision = Precision.Single) =>
        precision == Precision.Single
            ? Evaluate<float>(plan, bindings, observables)
            : Evaluate<double>(plan, bindings, observables);

    private double[,] Evaluate<T>(ExecutionPlan plan, IReadOnlyList<ParameterBinding> bindings, IReadOnlyList<PauliMasks> observables)
        where T : unmanaged, INumber<T>
    {
        var steps = Steps(plan, out int matrixStride);
        var result = new double[bindings.Count, observables.Count];
        if (bindings.Count == 0 || observables.Count == 0) return result;
        var kernels = backend.Kernels<T>();
        var accelerator = kernels.Accelerator;
        long length = 1L << plan.QubitCount;
        int stateBytes = (int)length * System.Runtime.CompilerServices.Unsafe.SizeOf<DeviceComplex<T>>();
        // The reduction's static scratch shares the group's shared memory with the state.
        bool inShared = AllowSharedMemory && stateBytes + 2 * ReductionKernel.MaxGroupSize * sizeof(double) <= accelerator.MaxSharedMemoryPerGroup;
        int threads = kernels.ReductionGroupSize;

        using var stepBuffer = accelerator.Allocate1D(steps.Select(s => s.Step).ToArray());
        using var matrixBuffer = accelerator.Allocate1D(BindAll<T>(plan, bindings, steps, matrixStride));
        using var maskBuffer = accelerator.Allocate1D(observables.SelectMany(o => new[] { (long)o.X, (long)o.Z }).ToArray());
        using var resultBuffer = accelerator.Allocate1D<double>(2L * bindings.Count * observables.Count);
        using var scratch = accelerator.Allocate1D<DeviceComplex<T>>(inShared ? 1 : length * bindings.Count);
        var config = new KernelConfig(bindings.Count, threads,
            inShared ? SharedMemoryConfig.RequestDynamic<DeviceComplex<T>>((int)length) : SharedMemoryConfig.Empty);
        kernels.Batch(config, stepBuffer.View, matrixBuffer.View, maskBuffer.View, resultBuffer.View, scratch.View,
            new BatchShape(plan.QubitCount, matrixStride, inShared));

        var sums = resultBuffer.GetAsArray1D();
        for (int b = 0; b < bindings.Count; b++)
            for (int o = 0; o < observables.Count; o++)
            {
                long at = 2L * (b * observables.Count + o);
                result[b, o] = PauliPhase.Apply(observables[o].X, observables[o].Z, new Complex(sums[at], sums[at + 1]));
            }
        return result;
    }

    /// <summary>The plan's kernel steps with their place in a parameter set's block of matrices.</summary>
    private static List<(KernelStep Kernel, BatchStep Step)> Steps(ExecutionPlan plan, out int matrixStride)
    {
        if (plan.QubitCount > MaxQubits)
            throw new NotSupportedException($"The GPU batch path runs circuits of at most {MaxQubits} qubits; this one has {plan.QubitCount}.");
        var steps = new List<(KernelStep, BatchStep)>(plan.Steps.Count);
        matrixStride = 0;
        foreach (var planStep in plan.Steps)
        {
            if (planStep is not KernelStep kernel)
                throw new NotSupportedException($"The GPU batch path runs unitary circuits only; found {planStep.GetType().Name}.");
            if (!kernel.IsDiagonal && kernel.Targets.Length > GateKernels.MaxDenseTargets)
                throw new NotSupportedException($"A dense step on {kernel.Targets.Length} qubits exceeds the GPU kernels' {GateKernels.MaxDenseTargets}.");
            var layout = GateLayout.Create(kernel.Targets.AsSpan(), kernel.Controls.AsSpan());
            int dimension = 1 << kernel.Targets.Length;
            steps.Add((kernel, new BatchStep(layout, dimension, matrixStride, kernel.IsDiagonal, layout.GroupCount(plan.QubitCount))));
            matrixStride += kernel.Matrix.Length;
        }
        return steps;
    }

    /// <summary>Binds every parameter set on the host and lays its matrices out one block per set.</summary>
    private static DeviceComplex<T>[] BindAll<T>(ExecutionPlan plan, IReadOnlyList<ParameterBinding> bindings,
        List<(KernelStep Kernel, BatchStep Step)> steps, int matrixStride)
        where T : unmanaged, INumber<T>
    {
        var matrices = new DeviceComplex<T>[(long)matrixStride * bindings.Count];
        for (int b = 0; b < bindings.Count; b++)
        {
            plan.Bind(bindings[b]);
            int at = b * matrixStride;
            foreach (var (kernel, _) in steps)
                foreach (var element in kernel.Matrix) matrices[at++] = DeviceComplex<T>.FromHost(element);
        }
        return matrices;
    }
}
