namespace QSim.Gpu.Kernels;

/// <summary>
/// Where a gate's amplitudes sit, as plain numbers a kernel takes by value. Thread g of a gate pass owns
/// one group of 2^k amplitudes: <see cref="Base"/> inserts a zero at every target and control position
/// of g (lowest first) and sets the control bits; <see cref="Offset"/> spreads a local index r over the
/// targets (bit j of r is target j, the little-endian order of the gate's own matrix).
/// </summary>
public readonly struct GateLayout
{
    /// <summary>Bits of the targets and controls, where a zero is inserted into the group index.</summary>
    public readonly ulong InsertMask;

    /// <summary>Bits of the controls, all set in every amplitude the gate touches.</summary>
    public readonly long ControlMask;

    /// <summary>Target j in bits [6j, 6j + 6).</summary>
    public readonly ulong PackedTargets;

    /// <summary>Number of targets k.</summary>
    public readonly int TargetCount;

    private GateLayout(ulong insertMask, long controlMask, ulong packedTargets, int targetCount)
    {
        InsertMask = insertMask;
        ControlMask = controlMask;
        PackedTargets = packedTargets;
        TargetCount = targetCount;
    }

    /// <summary>Most targets one layout packs (6 bits each in a ulong).</summary>
    public const int MaxTargets = 10;

    /// <summary>Builds the layout on the host; qubits are assumed distinct and in range.</summary>
    public static GateLayout Create(ReadOnlySpan<int> targets, ReadOnlySpan<int> controls)
    {
        if (targets.Length > MaxTargets) throw new ArgumentException($"A GPU gate acts on at most {MaxTargets} targets; got {targets.Length}.", nameof(targets));
        ulong insert = 0, packed = 0;
        long control = 0;
        for (int j = 0; j < targets.Length; j++)
        {
            insert |= 1UL << targets[j];
            packed |= (ulong)targets[j] << (6 * j);
        }
        foreach (int c in controls)
        {
            insert |= 1UL << c;
            control |= 1L << c;
        }
        return new GateLayout(insert, control, packed, targets.Length);
    }

    /// <summary>Number of amplitude groups (threads) of a pass over a state of <paramref name="qubits"/> qubits.</summary>
    public long GroupCount(int qubits) => 1L << (qubits - System.Numerics.BitOperations.PopCount(InsertMask));

    /// <summary>Target j's qubit.</summary>
    public int Target(int j) => (int)((PackedTargets >> (6 * j)) & 63);

    /// <summary>The group's first amplitude: zeros inserted at the gate's qubits, control bits set.</summary>
    public long Base(long group)
    {
        ulong rest = InsertMask;
        while (rest != 0)
        {
            ulong lowest = rest & (~rest + 1);
            long below = group & (long)(lowest - 1);
            group = below | ((group ^ below) << 1);
            rest ^= lowest;
        }
        return group | ControlMask;
    }

    /// <summary>Offset of local index <paramref name="local"/> from the group's base.</summary>
    public long Offset(int local)
    {
        long offset = 0;
        for (int j = 0; j < TargetCount; j++) offset |= (long)((local >> j) & 1) << Target(j);
        return offset;
    }

    /// <summary>The local (diagonal) index of amplitude <paramref name="index"/>: its target bits gathered.</summary>
    public int LocalIndex(long index)
    {
        int local = 0;
        for (int j = 0; j < TargetCount; j++) local |= (int)((index >> Target(j)) & 1) << j;
        return local;
    }

    /// <summary>True when every control bit of <paramref name="index"/> is set.</summary>
    public bool ControlsSet(long index) => (index & ControlMask) == ControlMask;
}
