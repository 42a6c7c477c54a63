using QSim.Backends;
using QSim.Gpu.Kernels;

namespace QSim.Gpu;

/// <summary>
/// What the GPU backend tells the optimizer. Every kernel is a pass over device memory with no cache blocking, so the
/// streaming and in-cache costs are one table, and the plans have no sweeps and no relabelling. The costs are a model, not
/// a measurement (docs/gpu.md): a dense kernel on k targets does 8·2^k flops per amplitude against 16 bytes moved
/// (complex64), which stays under a current data-centre GPU's flops-to-bandwidth ratio up to k = 4 (complex64) and k = 3
/// (complex128), so those kernels cost one pass; beyond, each target doubles the arithmetic.
/// </summary>
internal static class GpuCapabilities
{
    private static readonly PrecisionProfile Single = Profile("complex64", dense: [1, 1, 1, 1, 2, 4]);
    private static readonly PrecisionProfile Double = Profile("complex128", dense: [1, 1, 1, 2, 4, 8]);

    public static BackendCapabilities Of(string name) => new()
    {
        Backend = name,
        CostSource = "bandwidth model",
        Native = NativeOperations.QubitSwaps | NativeOperations.MatrixElements | NativeOperations.BatchedEvaluation,
        Single = Single,
        Double = Double,
        MaxDenseTargets = GateKernels.MaxDenseTargets,
        ParallelStateQubits = 0,
    };

    private static PrecisionProfile Profile(string precision, double[] dense)
    {
        var costs = new KernelCostModel($"GPU passes {precision}", dense, diagonal: [1, 1, 1, 1, 1, 1], perPass: true);
        return new PrecisionProfile(costs, costs, SweepBlockQubits: null);
    }
}
