namespace QSim.Perf.Report;

/// <summary>
/// A kernel pass or a whole circuit against the in-place floor and the copy of the same run: effective bandwidth
/// counts each gate as one pass that reads and writes the whole state (what an unfused gate does), so a figure at
/// 100 % of the floor moves memory as fast as the machine's simplest in-place loop. For a circuit,
/// <see cref="Gates"/> is its gate count before optimization, so fusion and blocked sweeps show as less time per gate.
/// <see cref="CopySeconds"/> is NaN when the export has no copy for the figure's group (an older or filtered run).
/// </summary>
public sealed record RooflinePoint(string Suite, string Figure, int Qubits, string Precision, int Threads, int Gates,
    long StateBytes, double Seconds, double FloorSeconds, double CopySeconds)
{
    /// <summary>Mean time per gate.</summary>
    public double SecondsPerGate => Seconds / Gates;

    /// <summary>Bytes read and written per second if every gate were one pass over the state.</summary>
    public double EffectiveBytesPerSecond => 2.0 * StateBytes * Gates / Seconds;

    /// <summary>Bytes read and written per second by the in-place floor.</summary>
    public double FloorBytesPerSecond => 2.0 * StateBytes / FloorSeconds;

    /// <summary>Bytes read and written per second by the copy (the state's bytes read from one buffer, written to another); NaN without a copy.</summary>
    public double CopyBytesPerSecond => 2.0 * StateBytes / CopySeconds;

    /// <summary>Effective bandwidth as a fraction of the floor's (1 = as fast as memory allows one pass per gate).</summary>
    public double FractionOfFloor => EffectiveBytesPerSecond / FloorBytesPerSecond;
}

/// <summary>OpenQASM parsing speed.</summary>
public sealed record ParseThroughput(int Gates, long SourceBytes, double Seconds)
{
    public double BytesPerSecond => SourceBytes / Seconds;
}
