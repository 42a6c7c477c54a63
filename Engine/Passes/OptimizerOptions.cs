namespace QSim.Passes;

/// <summary>Settings of the optimizer; see <see cref="PassManager"/> for what each level runs.</summary>
public sealed record OptimizerOptions
{
    /// <summary>Most qubits of a fused block (2..5).</summary>
    public int MaxFusedQubits { get; init; } = 4;

    /// <summary>
    /// log2 of the amplitudes in one cache block of a sweep (level 3). 2^15 amplitudes are 256 KiB in
    /// complex64 and 512 KiB in complex128: within the 1 MiB L2 of each core here (measured in
    /// docs/optimizer.md: 13..18 perform alike on this machine; beyond L2, sweeps slow down).
    /// </summary>
    public int BlockQubits { get; init; } = 15;

    /// <summary>The cost model for fusion and diagonal absorption; null: the measured one that suits the level.</summary>
    public KernelCostModel? Costs { get; init; }
}
