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
/// global scratch slice otherwise (one kernel per path). Matrices are bound on the host, one block per parameter set.
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
    /// <remarks>Kernel steps, cache-blocked sweeps (flattened) and qubit swaps (as SWAP matrices) all run.</remarks>
    public double[,] Evaluate(ExecutionPlan plan, IReadOnlyList<ParameterBinding> bindings, IReadOnlyList<PauliMasks> observables, Precision precision = Precision.Single) =>
        precision == Precision.Single
            ? Evaluate<float>(plan, bindings, observables)
            : Evaluate<double>(plan, bindings, observables);

    private double[,] Evaluate<T>(ExecutionPlan plan, IReadOnlyList<ParameterBinding> bindings, IReadOnlyList<PauliMasks> observables)
        where T : unmanaged, INumber<T>
    {
        var applications = Applications(plan);
        var steps = Steps(plan.QubitCount, applications, out int matrixStride);
        var result = new double[bindings.Count, observables.Count];
        if (bindings.Count == 0 || observables.Count == 0) return result;
        var kernels = backend.Kernels<T>();
        var accelerator = kernels.Accelerator;
        using var hold = kernels.Queue.Hold();
        long length = 1L << plan.QubitCount;
        bool inShared = AllowSharedMemory && FitsInSharedMemory<T>(plan.QubitCount);

        using var stepBuffer = accelerator.Allocate1D<BatchStep>(steps.Length);
        using var matrixBuffer = accelerator.Allocate1D<DeviceComplex<T>>((long)matrixStride * bindings.Count);
        using var maskBuffer = accelerator.Allocate1D<long>(2L * observables.Count);
        using var resultBuffer = accelerator.Allocate1D<double>(2L * bindings.Count * observables.Count);
        kernels.Queue.Upload(stepBuffer.View, steps);
        kernels.Queue.Upload(matrixBuffer.View, BindAll<T>(plan, bindings, applications, matrixStride));
        kernels.Queue.Upload(maskBuffer.View, observables.SelectMany(o => new[] { (long)o.X, (long)o.Z }).ToArray());
        var shape = new BatchShape(plan.QubitCount, matrixStride);
        if (inShared)
        {
            var config = new KernelConfig(bindings.Count, kernels.ReductionGroupSize, SharedMemoryConfig.RequestDynamic<DeviceComplex<T>>((int)length));
            kernels.BatchInShared(config, stepBuffer.View, matrixBuffer.View, maskBuffer.View, resultBuffer.View, shape);
        }
        else
        {
            using var scratch = accelerator.Allocate1D<DeviceComplex<T>>(length * bindings.Count);
            kernels.BatchInGlobal(new KernelConfig(bindings.Count, kernels.ReductionGroupSize), stepBuffer.View, matrixBuffer.View, maskBuffer.View,
                resultBuffer.View, scratch.View, shape);
        }

        var sums = new double[resultBuffer.Length];
        kernels.Queue.Download(resultBuffer.View, sums);
        for (int b = 0; b < bindings.Count; b++)
            for (int o = 0; o < observables.Count; o++)
            {
                long at = 2L * (b * observables.Count + o);
                result[b, o] = PauliPhase.Apply(observables[o].X, observables[o].Z, new Complex(sums[at], sums[at + 1]));
            }
        return result;
    }

    /// <summary>True when a state of <paramref name="qubits"/> qubits runs in shared memory on this device (else in global scratch).</summary>
    internal bool FitsInSharedMemory(int qubits, Precision precision) =>
        precision == Precision.Single ? FitsInSharedMemory<float>(qubits) : FitsInSharedMemory<double>(qubits);

    private bool FitsInSharedMemory<T>(int qubits) where T : unmanaged, INumber<T>
    {
        long stateBytes = (1L << qubits) * System.Runtime.CompilerServices.Unsafe.SizeOf<DeviceComplex<T>>();
        // The reduction's static scratch shares the group's shared memory with the state.
        return stateBytes + 2 * ReductionKernel.MaxGroupSize * sizeof(double) <= backend.Kernels<T>().Accelerator.MaxSharedMemoryPerGroup;
    }

    /// <summary>
    /// The plan's unitary steps as a list of matrix applications, sweeps flattened and qubit swaps as SWAP matrices.
    /// The matrices are the plan's own arrays, which binding rewrites in place.
    /// </summary>
    /// <exception cref="NotSupportedException">The plan measures, resets or branches.</exception>
    private static List<MatrixApplication> Applications(ExecutionPlan plan)
    {
        var applications = new List<MatrixApplication>(plan.Steps.Count);
        foreach (var step in plan.Steps)
        {
            switch (step)
            {
                case KernelStep kernel:
                    applications.Add(kernel.AsApplication());
                    break;
                case SweepStep sweep:
                    applications.AddRange(sweep.Steps.Select(s => s.AsApplication()));
                    break;
                case QubitSwapStep swap:
                    for (int i = 0; i < swap.First.Length; i++) applications.Add(new MatrixApplication([swap.First[i], swap.Second[i]], [], s_swap, false));
                    break;
                default:
                    throw new NotSupportedException($"The GPU batch path runs unitary circuits only; found {step.GetType().Name}.");
            }
        }
        return applications;
    }

    private static readonly Complex[] s_swap = QubitPairs.SwapMatrix.ToArray();

    /// <summary>The kernel steps with their place in a parameter set's block of matrices.</summary>
    private static BatchStep[] Steps(int qubits, List<MatrixApplication> applications, out int matrixStride)
    {
        if (qubits > MaxQubits)
            throw new NotSupportedException($"The GPU batch path runs circuits of at most {MaxQubits} qubits; this one has {qubits}.");
        var steps = new BatchStep[applications.Count];
        matrixStride = 0;
        for (int i = 0; i < steps.Length; i++)
        {
            var a = applications[i];
            if (!a.IsDiagonal && a.Targets.Length > GateKernels.MaxDenseTargets)
                throw new NotSupportedException($"A dense step on {a.Targets.Length} qubits exceeds the GPU kernels' {GateKernels.MaxDenseTargets}.");
            var layout = GateLayout.Create(a.Targets.AsSpan(), a.Controls.AsSpan());
            steps[i] = new BatchStep(layout, 1 << a.Targets.Length, matrixStride, a.IsDiagonal, layout.GroupCount(qubits));
            matrixStride += a.Matrix.Length;
        }
        return steps;
    }

    /// <summary>Binds every parameter set on the host and lays its matrices out one block per set.</summary>
    private static DeviceComplex<T>[] BindAll<T>(ExecutionPlan plan, IReadOnlyList<ParameterBinding> bindings,
        List<MatrixApplication> applications, int matrixStride)
        where T : unmanaged, INumber<T>
    {
        var matrices = new DeviceComplex<T>[(long)matrixStride * bindings.Count];
        for (int b = 0; b < bindings.Count; b++)
        {
            plan.Bind(bindings[b]);
            int at = b * matrixStride;
            foreach (var application in applications)
                foreach (var element in application.Matrix) matrices[at++] = DeviceComplex<T>.FromHost(element);
        }
        return matrices;
    }
}
