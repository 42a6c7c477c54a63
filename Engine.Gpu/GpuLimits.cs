namespace QSim.Gpu;

/// <summary>Sizes the GPU backend is built for.</summary>
internal static class GpuLimits
{
    /// <summary>Most qubits of a state: 2^34 complex64 amplitudes (128 GiB) is an H200's whole memory.</summary>
    public const int MaxQubits = 34;

    /// <summary>Most partial sums a reduction brings to the host (16 KiB of doubles).</summary>
    public const int MaxChunks = 1024;

    /// <summary>Smallest chunk a reduction's thread group sums, so small states are one chunk.</summary>
    private const int MinChunkBits = 12;

    /// <summary>log2 of the amplitudes per reduction chunk: fixed by the qubit count alone, so results do not depend on the device.</summary>
    public static int ChunkBits(int qubits) =>
        Math.Max(Math.Min(qubits, MinChunkBits), qubits - System.Numerics.BitOperations.Log2(MaxChunks));
}
