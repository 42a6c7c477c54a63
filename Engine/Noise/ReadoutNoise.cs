using System.Collections.Immutable;

namespace QSim.Noise;

/// <summary>
/// The readout errors a noise model attaches to a circuit's qubits. A sampler applies them to the bits measurements
/// record: after measuring qubit q with true outcome b, it records <see cref="Read"/>(q, b, u) for a fresh uniform u
/// (conditions then read the recorded bit, as on hardware); the state keeps the true outcome. For exact probabilities
/// of terminal measurements, <see cref="Confuse"/> applies the confusion matrices to the distribution of the bits.
/// </summary>
public sealed class ReadoutNoise
{
    /// <summary>No readout error on any qubit.</summary>
    public static readonly ReadoutNoise None = new(ImmutableDictionary<int, ReadoutError>.Empty);

    internal ReadoutNoise(IReadOnlyDictionary<int, ReadoutError> byQubit) => ByQubit = byQubit;

    /// <summary>Each qubit with a readout error (identity matrices are left out).</summary>
    public IReadOnlyDictionary<int, ReadoutError> ByQubit { get; }

    /// <summary>True when no qubit has a readout error.</summary>
    public bool IsEmpty => ByQubit.Count == 0;

    /// <summary>The readout error of <paramref name="qubit"/>, or null.</summary>
    public ReadoutError? For(int qubit) => ByQubit.GetValueOrDefault(qubit);

    /// <summary>The bit recorded when <paramref name="qubit"/> is measured with true <paramref name="outcome"/> (the outcome itself for a qubit without error).</summary>
    public bool Read(int qubit, bool outcome, double uniform) => For(qubit) is { } error ? error.Read(outcome, uniform) : outcome;

    /// <summary>
    /// Applies the readout errors to a distribution over classical bit strings, in place: bit k of an index is
    /// classical bit k, written by a measurement of qubit <paramref name="qubitOfBit"/>[k] (negative for a bit no
    /// measurement wrote). P′(read) = Σ_true P(true)·Π_k C_q(k)[true_k, read_k].
    /// </summary>
    /// <exception cref="ArgumentException">The distribution's length is not 2^<paramref name="qubitOfBit"/>.Length.</exception>
    public void Confuse(Span<double> distribution, ReadOnlySpan<int> qubitOfBit)
    {
        if (qubitOfBit.Length > 30 || distribution.Length != 1 << qubitOfBit.Length)
            throw new ArgumentException($"A distribution over {qubitOfBit.Length} bits has 2^{qubitOfBit.Length} entries; got {distribution.Length}.", nameof(distribution));
        for (int bit = 0; bit < qubitOfBit.Length; bit++)
        {
            if (qubitOfBit[bit] < 0 || For(qubitOfBit[bit]) is not { } error) continue;
            int mask = 1 << bit;
            for (int zero = 0; zero < distribution.Length; zero++)
            {
                if ((zero & mask) != 0) continue;
                double p0 = distribution[zero], p1 = distribution[zero | mask];
                distribution[zero] = p0 * error[0, 0] + p1 * error[1, 0];
                distribution[zero | mask] = p0 * error[0, 1] + p1 * error[1, 1];
            }
        }
    }
}
