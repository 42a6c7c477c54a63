using System.Globalization;
using System.Numerics;
using QSim.Backends;

namespace QSim.Observables;

/// <summary>One term of a <see cref="PauliSum"/>: a real coefficient times a Pauli string.</summary>
public readonly record struct PauliTerm(double Coefficient, PauliString Pauli)
{
    /// <inheritdoc/>
    public override string ToString() => Coefficient.ToString("R", CultureInfo.InvariantCulture) + "*" + Pauli;
}

/// <summary>
/// A Hermitian observable H = Σ_t c_t·P_t with real coefficients, immutable. Terms with the same Pauli
/// string are merged (first appearance keeps its place). Built in code (<c>0.5 * PauliString.Z(0) + ...</c>)
/// or parsed from text (<see cref="Parse"/>, <see cref="ParsePauliFile"/>). Its expectation and its action
/// on a state go through the backend one group of terms per flip mask, never through the matrix of H.
/// </summary>
public sealed class PauliSum
{
    private readonly PauliTerm[] _terms;
    private FlipGroups? _groups;

    /// <summary>Creates a sum from terms, merging repeated Pauli strings.</summary>
    /// <exception cref="ArgumentException">A coefficient is not finite.</exception>
    public PauliSum(IEnumerable<PauliTerm> terms)
    {
        var merged = new List<PauliTerm>();
        var index = new Dictionary<PauliString, int>();
        foreach (var term in terms)
        {
            if (!double.IsFinite(term.Coefficient))
                throw new ArgumentException($"The coefficient of {term.Pauli} must be a finite number; got {term.Coefficient}.", nameof(terms));
            if (index.TryGetValue(term.Pauli, out int at)) merged[at] = term with { Coefficient = merged[at].Coefficient + term.Coefficient };
            else
            {
                index[term.Pauli] = merged.Count;
                merged.Add(term);
            }
        }
        _terms = [.. merged];
    }

    /// <summary>The terms, repeated strings merged.</summary>
    public IReadOnlyList<PauliTerm> Terms => _terms;

    /// <summary>Highest qubit any term acts on, or -1 when every term is the identity.</summary>
    public int MaxQubit => _terms.Length == 0 ? -1 : _terms.Max(t => t.Pauli.MaxQubit);

    /// <summary>Parses text such as <c>0.5*Z0*Z1 - 1.2*X3 + Y0 Y1</c>; see <see cref="PauliSumParser"/>.</summary>
    /// <exception cref="PauliSumFormatException">The text is not a Pauli sum; the message gives the position.</exception>
    public static PauliSum Parse(string text) => PauliSumParser.Parse(text);

    /// <summary>Parses the bench-circuits <c>.pauli</c> format: one term per line, <c>coefficient PAULI qubit PAULI qubit ...</c>.</summary>
    /// <exception cref="PauliSumFormatException">A line is not a term; the message gives line and column.</exception>
    public static PauliSum ParsePauliFile(string text) => PauliSumParser.ParseLines(text);

    /// <summary>Checks that every term fits in a circuit of <paramref name="qubitCount"/> qubits.</summary>
    /// <exception cref="ArgumentException">A term acts on a qubit the circuit does not have.</exception>
    public PauliSum ValidateFor(int qubitCount)
    {
        foreach (var term in _terms)
            if (term.Pauli.MaxQubit >= qubitCount)
                throw new ArgumentException($"Observable term '{term}' acts on qubit {term.Pauli.MaxQubit}, but the circuit has {qubitCount} qubit(s) (0-{qubitCount - 1}).");
        return this;
    }

    /// <summary>
    /// ⟨ψ|H|ψ⟩ (for a normalised state): one backend pass per group of terms that flip the same bits,
    /// so all diagonal (I/Z) terms together cost one pass.
    /// </summary>
    public double Expectation(IStateVector state)
    {
        ValidateFor(state.QubitCount);
        var groups = Groups;
        double sum = 0;
        for (int g = 0; g < groups.Count; g++)
            sum += state.ExpectationPauliGroup(groups.XMasks[g], groups.ZMasks(g), groups.Coefficients(g));
        return sum;
    }

    /// <summary>Overwrites <paramref name="destination"/> with H·<paramref name="source"/> (a different state of the same shape).</summary>
    public void Apply(IStateVector source, IStateVector destination)
    {
        ValidateFor(source.QubitCount);
        destination.ApplyMatrix([], Zero, []);
        var groups = Groups;
        for (int g = 0; g < groups.Count; g++)
            destination.AddPauliGroup(source, groups.XMasks[g], groups.ZMasks(g), groups.Coefficients(g));
    }

    private static readonly Complex[] Zero = [Complex.Zero];

    /// <summary>The terms grouped by flip mask, computed once.</summary>
    internal FlipGroups Groups => _groups ??= new FlipGroups(_terms);

    /// <summary>The sum of both sums' terms, repeated Pauli strings merged.</summary>
    public static PauliSum operator +(PauliSum a, PauliSum b) => new(a._terms.Concat(b._terms));
    /// <summary>The terms of <paramref name="a"/> and those of <paramref name="b"/> negated, repeated Pauli strings merged.</summary>
    public static PauliSum operator -(PauliSum a, PauliSum b) => a + (-1.0 * b);
    /// <summary>Every coefficient of <paramref name="sum"/> multiplied by <paramref name="factor"/>.</summary>
    /// <exception cref="ArgumentException">A resulting coefficient is not finite.</exception>
    public static PauliSum operator *(double factor, PauliSum sum) => new(sum._terms.Select(t => t with { Coefficient = factor * t.Coefficient }));
    /// <summary>The one-term sum 1·<paramref name="pauli"/>, so that a Pauli string can be passed wherever an observable is expected.</summary>
    public static implicit operator PauliSum(PauliString pauli) => new([new PauliTerm(1, pauli)]);

    /// <summary>Text that <see cref="Parse"/> reads back, e.g. <c>0.5*Z0*Z1 - 1.2*X3</c>.</summary>
    public override string ToString()
    {
        if (_terms.Length == 0) return "0";
        var parts = _terms.Select((t, i) =>
        {
            string magnitude = Math.Abs(t.Coefficient).ToString("R", CultureInfo.InvariantCulture) + "*" + t.Pauli;
            return i == 0 ? (t.Coefficient < 0 ? "-" : "") + magnitude : (t.Coefficient < 0 ? " - " : " + ") + magnitude;
        });
        return string.Concat(parts);
    }
}

/// <summary>
/// Terms grouped by flip mask (x mask), flattened so that a group's z masks and coefficients are
/// contiguous spans handed to the backend without copying.
/// </summary>
internal sealed class FlipGroups
{
    private readonly ulong[] _zMasks;
    private readonly double[] _coefficients;
    private readonly int[] _starts;

    public FlipGroups(IReadOnlyList<PauliTerm> terms)
    {
        var grouped = terms.GroupBy(t => t.Pauli.XMask).ToArray();
        XMasks = grouped.Select(g => g.Key).ToArray();
        _zMasks = grouped.SelectMany(g => g.Select(t => t.Pauli.ZMask)).ToArray();
        _coefficients = grouped.SelectMany(g => g.Select(t => t.Coefficient)).ToArray();
        _starts = new int[grouped.Length + 1];
        for (int g = 0; g < grouped.Length; g++) _starts[g + 1] = _starts[g] + grouped[g].Count();
    }

    public int Count => XMasks.Length;
    public ulong[] XMasks { get; }
    public ReadOnlySpan<ulong> ZMasks(int group) => _zMasks.AsSpan(_starts[group], _starts[group + 1] - _starts[group]);
    public ReadOnlySpan<double> Coefficients(int group) => _coefficients.AsSpan(_starts[group], _starts[group + 1] - _starts[group]);
}
