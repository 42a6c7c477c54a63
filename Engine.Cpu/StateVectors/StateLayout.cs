namespace QSim.Cpu;

/// <summary>
/// Where amplitude i lives in a CPU state's buffer. Amplitudes are interleaved complex numbers (re, im)
/// in segments of 2^<see cref="SegmentBits"/>, each segment followed by a gap of <see cref="GapAmplitudes"/>:
/// amplitude i is at complex offset i + (i >> SegmentBits)·GapAmplitudes. Without the gap, a gate on a
/// top qubit pairs addresses exactly 2^k MiB apart, and this machine's memory ran such a pass 2-2.5x
/// slower than one with pairs 128 MiB apart (a plain two-stream loop: 224 ms at 256 MiB apart, 86-110 ms
/// with a 2-64 KiB gap). States of up to 2^SegmentBits amplitudes are one plain segment.
/// </summary>
internal static class StateLayout
{
    /// <summary>log2 of the amplitudes in one contiguous segment (8 MiB of complex64).</summary>
    public const int SegmentBits = 20;

    /// <summary>Amplitudes of gap after each segment (4 KiB of complex64: keeps 64-byte alignment).</summary>
    public const long GapAmplitudes = 512;

    /// <summary>Complex offset of amplitude <paramref name="index"/> in the buffer.</summary>
    public static long Offset(long index) => index + (index >> SegmentBits) * GapAmplitudes;

    /// <summary>Complex numbers the buffer holds for a state of <paramref name="qubits"/> qubits, gaps included.</summary>
    public static long StoredAmplitudes(int qubits) => Offset(1L << qubits);
}
