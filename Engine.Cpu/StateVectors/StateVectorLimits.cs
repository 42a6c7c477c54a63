namespace QSim.Cpu;

/// <summary>Sizes the CPU kernels are built for.</summary>
internal static class StateVectorLimits
{
    /// <summary>Most target qubits of one dense matrix (the fusion pass feeds blocks up to this size, plus folded low controls).</summary>
    public const int MaxTargets = 8;

    /// <summary>Most qubits of a state: 2^40 amplitudes is far beyond any host's memory, and indices stay in a long.</summary>
    public const int MaxQubits = 40;

    /// <summary>Amplitudes per block of a reduction: partial sums are per block, so results do not depend on the thread count.</summary>
    public const int ReductionBlockBits = 12;
}
