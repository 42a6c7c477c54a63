namespace QSim.Passes;

/// <summary>Settings of the optimizer; see <see cref="PassManager"/> for what each level runs.</summary>
public sealed record OptimizerOptions
{
    /// <summary>Most qubits of a fused block (2..5).</summary>
    public int MaxFusedQubits { get; init; } = 4;

    /// <summary>
    /// log2 of the amplitudes in one cache block of a sweep (level 3). Measured on this machine (2 cores,
    /// 1 MiB L2 each; docs/optimizer.md): a run of gates swept with blocks of 2^13..2^18 amplitudes costs
    /// the same within noise and 2^19 is slower, while on whole circuits larger blocks need fewer
    /// relabelling passes (n = 24, depth 40, complex64: 2^13: 55 sweeps, 2^15: 27, 2^17: 10, fastest).
    /// 2^17 amplitudes are 1 MiB in complex64 and 2 MiB in complex128.
    /// </summary>
    public int BlockQubits { get; init; } = 17;

    /// <summary>The cost model for fusion and diagonal absorption; null: the measured one that suits the level.</summary>
    public KernelCostModel? Costs { get; init; }
}
