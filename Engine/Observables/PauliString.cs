using System.Numerics;
using System.Text;

namespace QSim.Observables;

/// <summary>
/// A product of Pauli operators on qubits 0-63, without a coefficient, stored as two masks: X on the
/// bits only <see cref="XMask"/> has, Z on the bits only <see cref="ZMask"/> has, Y where both are set,
/// the identity elsewhere (the convention of <see cref="Backends.IStateVector.ExpectationPauli"/>).
/// </summary>
/// <param name="XMask">Qubits where the operator flips the bit (X or Y).</param>
/// <param name="ZMask">Qubits where the operator applies a phase (Z or Y).</param>
public readonly record struct PauliString(ulong XMask, ulong ZMask)
{
    /// <summary>Most qubits a Pauli string can act on (the width of its masks).</summary>
    public const int MaxQubits = 64;

    /// <summary>The identity.</summary>
    public static PauliString Identity => default;

    /// <summary>X on <paramref name="qubit"/>.</summary>
    public static PauliString X(int qubit) => Identity.With('X', qubit);

    /// <summary>Y on <paramref name="qubit"/>.</summary>
    public static PauliString Y(int qubit) => Identity.With('Y', qubit);

    /// <summary>Z on <paramref name="qubit"/>.</summary>
    public static PauliString Z(int qubit) => Identity.With('Z', qubit);

    /// <summary>Qubits it acts on non-trivially.</summary>
    public ulong SupportMask => XMask | ZMask;

    /// <summary>True when it has only I and Z (a diagonal operator).</summary>
    public bool IsDiagonal => XMask == 0;

    /// <summary>Highest qubit it acts on, or -1 for the identity.</summary>
    public int MaxQubit => SupportMask == 0 ? -1 : 63 - BitOperations.LeadingZeroCount(SupportMask);

    /// <summary>This string with <paramref name="pauli"/> ('I', 'X', 'Y' or 'Z', any case) on <paramref name="qubit"/>, replacing what was there.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The qubit is outside 0-63.</exception>
    /// <exception cref="ArgumentException">The letter is not a Pauli.</exception>
    public PauliString With(char pauli, int qubit)
    {
        if ((uint)qubit >= MaxQubits)
            throw new ArgumentOutOfRangeException(nameof(qubit), $"A Pauli string acts on qubits 0-{MaxQubits - 1}; got {qubit}.");
        ulong bit = 1UL << qubit;
        (bool x, bool z) = char.ToUpperInvariant(pauli) switch
        {
            'I' => (false, false),
            'X' => (true, false),
            'Y' => (true, true),
            'Z' => (false, true),
            _ => throw new ArgumentException($"'{pauli}' is not a Pauli operator (I, X, Y or Z).", nameof(pauli)),
        };
        return new PauliString(x ? XMask | bit : XMask & ~bit, z ? ZMask | bit : ZMask & ~bit);
    }

    /// <summary>The operator ('I', 'X', 'Y' or 'Z') on <paramref name="qubit"/>.</summary>
    public char this[int qubit]
    {
        get
        {
            bool x = ((XMask >> qubit) & 1) != 0, z = ((ZMask >> qubit) & 1) != 0;
            return (x, z) switch { (false, false) => 'I', (true, false) => 'X', (true, true) => 'Y', _ => 'Z' };
        }
    }

    /// <summary>
    /// True when on every qubit both strings act on they have the same Pauli: then one measurement basis
    /// serves both (qubit-wise commuting).
    /// </summary>
    public bool CommutesQubitWiseWith(PauliString other)
    {
        ulong shared = SupportMask & other.SupportMask;
        return ((XMask ^ other.XMask) & shared) == 0 && ((ZMask ^ other.ZMask) & shared) == 0;
    }

    /// <summary>The one-term sum <paramref name="coefficient"/>·<paramref name="pauli"/>.</summary>
    public static PauliSum operator *(double coefficient, PauliString pauli) => new([new PauliTerm(coefficient, pauli)]);

    /// <summary>Text such as <c>Z0*X3</c>, or <c>I</c> for the identity; <see cref="PauliSum.Parse"/> reads it back.</summary>
    public override string ToString()
    {
        if (SupportMask == 0) return "I";
        var text = new StringBuilder();
        for (ulong rest = SupportMask; rest != 0; rest &= rest - 1)
        {
            int q = BitOperations.TrailingZeroCount(rest);
            if (text.Length > 0) text.Append('*');
            text.Append(this[q]).Append(q);
        }
        return text.ToString();
    }
}
