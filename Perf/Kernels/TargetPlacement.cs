namespace QSim.Perf.Kernels;

/// <summary>
/// Where a kernel's qubits sit: low targets fall inside one SIMD register (lane shuffles), middle and high
/// ones are strided loads with small and large strides (the page and TLB case).
/// </summary>
public enum TargetPlacement
{
    Low,
    Middle,
    High,
}

/// <summary>Qubit blocks for a placement.</summary>
public static class TargetBlocks
{
    /// <summary><paramref name="width"/> adjacent qubits at the bottom, centre or top of <paramref name="qubits"/>.</summary>
    public static int[] Of(TargetPlacement placement, int width, int qubits)
    {
        int first = placement switch
        {
            TargetPlacement.Low => 0,
            TargetPlacement.Middle => (qubits - width) / 2,
            TargetPlacement.High => qubits - width,
            _ => throw new ArgumentOutOfRangeException(nameof(placement), placement, null),
        };
        return Enumerable.Range(first, width).ToArray();
    }
}
