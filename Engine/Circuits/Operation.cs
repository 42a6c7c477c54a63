using System.Collections.Immutable;
using QSim.Gates;
using QSim.Noise;
using QSim.Numerics;
using QSim.Parameters;

namespace QSim.Circuits;

/// <summary>One step of a circuit. Immutable.</summary>
public abstract record Operation
{
    /// <summary>The qubits it touches.</summary>
    public abstract ImmutableArray<int> Qubits { get; }
}

/// <summary>A gate applied to qubits, with parameters that may be symbolic.</summary>
/// <param name="Gate">The gate kind.</param>
/// <param name="Qubits">Qubits in the gate's own order (controls first for controlled gates).</param>
/// <param name="Parameters">One expression per gate parameter.</param>
public sealed record GateOperation(GateDefinition Gate, ImmutableArray<int> Qubits, ImmutableArray<ParameterExpression> Parameters) : Operation
{
    /// <inheritdoc/>
    public override ImmutableArray<int> Qubits { get; } = Qubits;

    /// <summary>True when a parameter mentions a symbol.</summary>
    public bool IsParameterized
    {
        get
        {
            foreach (var p in Parameters)
                if (!p.IsConstant) return true;
            return false;
        }
    }

    /// <summary>Parameter values under a binding.</summary>
    public double[] ParameterValues(ParameterBinding binding)
    {
        var values = new double[Parameters.Length];
        for (int i = 0; i < values.Length; i++) values[i] = Parameters[i].Evaluate(binding);
        return values;
    }

    /// <summary>The gate's matrix under a binding.</summary>
    public ComplexMatrix Matrix(ParameterBinding binding) => Gate.Matrix(ParameterValues(binding));

    /// <summary>The inverse operation (same qubits), keeping symbolic parameters symbolic.</summary>
    public GateOperation Inverse() => this with { Gate = Gate.Inverse() };

    /// <inheritdoc/>
    public override string ToString() =>
        Gate.Name + (Parameters.IsEmpty ? "" : $"({string.Join(", ", Parameters)})") + " " + string.Join(", ", Qubits.Select(q => $"q[{q}]"));

    /// <inheritdoc/>
    public bool Equals(GateOperation? other) =>
        other is not null && ReferenceEquals(Gate, other.Gate) && Qubits.SequenceEqual(other.Qubits)
        && Parameters.Select(p => p.ToString()).SequenceEqual(other.Parameters.Select(p => p.ToString()));

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Gate.Name, Qubits.Length > 0 ? Qubits[0] : -1);
}

/// <summary>Measures a qubit in the computational basis into a classical bit (collapsing the state).</summary>
public sealed record MeasureOperation(int Qubit, int Clbit) : Operation
{
    /// <inheritdoc/>
    public override ImmutableArray<int> Qubits => [Qubit];
}

/// <summary>Resets a qubit to |0⟩ (a measurement followed by a flip when it gave 1).</summary>
public sealed record ResetOperation(int Qubit) : Operation
{
    /// <inheritdoc/>
    public override ImmutableArray<int> Qubits => [Qubit];
}

/// <summary>A scheduling barrier: no effect on the state; optimizers do not move gates across it.</summary>
public sealed record BarrierOperation(ImmutableArray<int> Qubits) : Operation
{
    /// <inheritdoc/>
    public override ImmutableArray<int> Qubits { get; } = Qubits;

    /// <inheritdoc/>
    public bool Equals(BarrierOperation? other) => other is not null && Qubits.SequenceEqual(other.Qubits);

    /// <inheritdoc/>
    public override int GetHashCode() => Qubits.Length;
}

/// <summary>A quantum channel (noise) on qubits: ρ → Σ K_i ρ K_i†, the channel's qubit list in its Kraus operators' order.</summary>
/// <param name="Channel">The channel with its parameter values.</param>
/// <param name="Qubits">Qubits in the little-endian order of the channel's Kraus operators.</param>
public sealed record ChannelOperation(BoundChannel Channel, ImmutableArray<int> Qubits) : Operation
{
    /// <inheritdoc/>
    public override ImmutableArray<int> Qubits { get; } = Qubits;

    /// <summary>
    /// The qubits of the channel's superoperator in a density matrix of <paramref name="qubitCount"/> qubits held as a
    /// state of 2n qubits: its ket qubits, then the same qubits + n on the bra side (see <see cref="ChannelDefinition.Superoperator"/>).
    /// </summary>
    public ImmutableArray<int> SuperoperatorQubits(int qubitCount) => [.. Qubits, .. Qubits.Select(q => q + qubitCount)];

    /// <inheritdoc/>
    public override string ToString() => Channel + " " + string.Join(", ", Qubits.Select(q => $"q[{q}]"));

    /// <inheritdoc/>
    public bool Equals(ChannelOperation? other) => other is not null && Channel.Equals(other.Channel) && Qubits.SequenceEqual(other.Qubits);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Channel, Qubits.Length > 0 ? Qubits[0] : -1);
}

/// <summary>
/// A classical condition: the unsigned integer formed by <see cref="Clbits"/> (Clbits[0] is the least
/// significant bit) equals <see cref="Value"/>. OpenQASM's <c>if (c == 3)</c> and <c>if (c[1])</c>.
/// </summary>
public sealed record ClassicalCondition(ImmutableArray<int> Clbits, long Value)
{
    /// <summary>True when the classical bits hold <see cref="Value"/>.</summary>
    public bool IsSatisfiedBy(ReadOnlySpan<bool> clbits)
    {
        long v = 0;
        for (int i = 0; i < Clbits.Length; i++)
            if (clbits[Clbits[i]]) v |= 1L << i;
        return v == Value;
    }

    /// <inheritdoc/>
    public bool Equals(ClassicalCondition? other) => other is not null && Value == other.Value && Clbits.SequenceEqual(other.Clbits);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Value, Clbits.Length);
}

/// <summary>An operation applied only when a classical condition holds.</summary>
public sealed record ConditionalOperation(ClassicalCondition Condition, Operation Body) : Operation
{
    /// <inheritdoc/>
    public override ImmutableArray<int> Qubits => Body.Qubits;
}

/// <summary>A named, contiguous range of qubits or classical bits.</summary>
/// <param name="Name">Register name.</param>
/// <param name="Offset">Index of its first bit in the circuit.</param>
/// <param name="Size">Number of bits.</param>
public sealed record Register(string Name, int Offset, int Size)
{
    /// <summary>Circuit index of the register's bit <paramref name="i"/>.</summary>
    public int this[int i] => (uint)i < (uint)Size
        ? Offset + i
        : throw new ArgumentOutOfRangeException(nameof(i), $"Index {i} is out of range for register '{Name}' of size {Size}.");
}
