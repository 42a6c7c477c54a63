namespace QSim.Parameters;

/// <summary>
/// Values for symbols, checked on the way in: every value must be finite.
/// </summary>
public sealed class ParameterBinding
{
    private readonly Dictionary<Symbol, double> _values;

    /// <summary>A binding with no values (for circuits without symbols).</summary>
    public static ParameterBinding Empty { get; } = new(new Dictionary<Symbol, double>());

    private ParameterBinding(Dictionary<Symbol, double> values) => _values = values;

    /// <summary>Binds symbols by name.</summary>
    /// <exception cref="ParameterBindingException">A value is NaN or infinite.</exception>
    public static ParameterBinding FromNames(IEnumerable<KeyValuePair<string, double>> values) =>
        From(values.Select(kv => KeyValuePair.Create(new Symbol(kv.Key), kv.Value)));

    /// <summary>Binds symbols.</summary>
    /// <exception cref="ParameterBindingException">A value is NaN or infinite, or a symbol is given twice.</exception>
    public static ParameterBinding From(IEnumerable<KeyValuePair<Symbol, double>> values)
    {
        var dict = new Dictionary<Symbol, double>();
        foreach (var (symbol, value) in values)
        {
            CheckFinite(symbol, value);
            if (!dict.TryAdd(symbol, value))
                throw new ParameterBindingException($"Parameter '{symbol.Name}' is given more than once.");
        }
        return new ParameterBinding(dict);
    }

    /// <summary>Binds <paramref name="symbols"/>[i] to <paramref name="values"/>[i].</summary>
    /// <exception cref="ParameterBindingException">The counts differ or a value is not finite.</exception>
    public static ParameterBinding From(IReadOnlyList<Symbol> symbols, ReadOnlySpan<double> values)
    {
        if (symbols.Count != values.Length)
            throw new ParameterBindingException($"Expected {symbols.Count} parameter value(s) ({string.Join(", ", symbols.Select(s => s.Name))}); got {values.Length}.");
        var dict = new Dictionary<Symbol, double>(symbols.Count);
        for (int i = 0; i < values.Length; i++)
        {
            CheckFinite(symbols[i], values[i]);
            dict[symbols[i]] = values[i];
        }
        return new ParameterBinding(dict);
    }

    /// <summary>
    /// Replaces the values of a binding made by <see cref="From(IReadOnlyList{Symbol}, ReadOnlySpan{double})"/> with the
    /// same symbols, in its own storage: a caller that owns the binding (an estimator's worker, one row after another)
    /// binds each row without allocating.
    /// </summary>
    /// <exception cref="ParameterBindingException">The counts differ or a value is not finite.</exception>
    internal void Overwrite(IReadOnlyList<Symbol> symbols, ReadOnlySpan<double> values)
    {
        if (symbols.Count != values.Length || symbols.Count != _values.Count)
            throw new ParameterBindingException($"Expected {symbols.Count} parameter value(s) ({string.Join(", ", symbols.Select(s => s.Name))}); got {values.Length}.");
        for (int i = 0; i < values.Length; i++)
        {
            CheckFinite(symbols[i], values[i]);
            _values[symbols[i]] = values[i];
        }
    }

    /// <summary>The value of <paramref name="symbol"/>.</summary>
    /// <exception cref="ParameterBindingException">It has none.</exception>
    public double this[Symbol symbol] => _values.TryGetValue(symbol, out double v)
        ? v
        : throw new ParameterBindingException($"Parameter '{symbol.Name}' has no value.");

    /// <summary>The bound symbols.</summary>
    public IEnumerable<Symbol> Symbols => _values.Keys;

    /// <summary>Checks that exactly the <paramref name="expected"/> symbols are bound.</summary>
    /// <exception cref="ParameterBindingException">A symbol is missing or one is bound that the circuit does not use.</exception>
    public void RequireExactly(IReadOnlyCollection<Symbol> expected)
    {
        // The usual case (every row of a batch) allocates nothing: the messages are built only on failure, in a method of
        // their own, because a lambda that captures a parameter makes the compiler allocate its closure on entry.
        if (expected.Count == _values.Count && ContainsAll(expected)) return;
        ThrowMismatch(expected);
    }

    private void ThrowMismatch(IReadOnlyCollection<Symbol> expected)
    {
        var missing = expected.Where(s => !_values.ContainsKey(s)).Select(s => s.Name).ToList();
        if (missing.Count > 0)
            throw new ParameterBindingException($"Missing value for parameter(s): {string.Join(", ", missing)}.");
        var extra = _values.Keys.Where(s => !expected.Contains(s)).Select(s => s.Name).ToList();
        throw new ParameterBindingException($"Unknown parameter(s): {string.Join(", ", extra)}; the circuit declares {(expected.Count == 0 ? "none" : string.Join(", ", expected.Select(s => s.Name)))}.");
    }

    private bool ContainsAll(IReadOnlyCollection<Symbol> symbols)
    {
        if (symbols is not IReadOnlyList<Symbol> list) return symbols.All(_values.ContainsKey);
        for (int i = 0; i < list.Count; i++)
            if (!_values.ContainsKey(list[i])) return false;
        return true;
    }

    private static void CheckFinite(Symbol symbol, double value)
    {
        if (!double.IsFinite(value))
            throw new ParameterBindingException($"Parameter '{symbol.Name}' must be a finite number; got {value}.");
    }
}

/// <summary>A parameter value is missing, unknown or not a finite number.</summary>
public sealed class ParameterBindingException(string message) : ArgumentException(message);
