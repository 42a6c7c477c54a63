using System.Globalization;

namespace QSim.Parameters;

/// <summary>
/// A real-valued gate parameter: a number, a named <see cref="Symbol"/>, or arithmetic of them
/// (<c>+ - * / ^</c>, unary minus, sin, cos, tan, exp, ln, sqrt). Immutable; evaluated against a
/// <see cref="ParameterBinding"/> at run time and differentiated symbolically for gradients.
/// </summary>
public abstract class ParameterExpression
{
    /// <summary>The value under a binding of every symbol it mentions.</summary>
    /// <exception cref="ParameterBindingException">A symbol has no value in <paramref name="binding"/>.</exception>
    public abstract double Evaluate(ParameterBinding binding);

    /// <summary>The derivative with respect to <paramref name="symbol"/>, as an expression.</summary>
    public abstract ParameterExpression Derivative(Symbol symbol);

    /// <summary>Adds every symbol it mentions to <paramref name="into"/>, in first-appearance order.</summary>
    public abstract void CollectSymbols(ICollection<Symbol> into);

    /// <summary>True when it mentions no symbol.</summary>
    public bool IsConstant => TryGetConstant(out _);

    /// <summary>Its value when it mentions no symbol.</summary>
    public bool TryGetConstant(out double value)
    {
        // The common cases answer without walking the tree: compilers ask this of every gate parameter.
        switch (this)
        {
            case Constant constant:
                value = constant.Value;
                return true;
            case Symbol:
                value = double.NaN;
                return false;
        }
        var symbols = new List<Symbol>();
        CollectSymbols(symbols);
        value = symbols.Count == 0 ? Evaluate(ParameterBinding.Empty) : double.NaN;
        return symbols.Count == 0;
    }

    /// <summary>The symbols it mentions, in first-appearance order, without repeats.</summary>
    public IReadOnlyList<Symbol> Symbols
    {
        get
        {
            var ordered = new UniqueList<Symbol>();
            CollectSymbols(ordered);
            return ordered.Items;
        }
    }

    /// <summary>
    /// True when <paramref name="a"/> and <paramref name="b"/> print the same text, the optimizer's test for equal
    /// parameters. Constants compare by value (their round-trip text differs exactly when their values do, -0 and 0
    /// apart), so the common case formats nothing.
    /// </summary>
    internal static bool SameText(ParameterExpression a, ParameterExpression b)
    {
        if (a is Constant x && b is Constant y)
        {
            if (double.IsNaN(x.Value) || double.IsNaN(y.Value)) return double.IsNaN(x.Value) && double.IsNaN(y.Value);
            return x.Value == y.Value && double.IsNegative(x.Value) == double.IsNegative(y.Value);
        }
        return a.ToString() == b.ToString();
    }

    /// <summary>True when the two lists have the same length and print the same, item by item (<see cref="SameText(ParameterExpression, ParameterExpression)"/>).</summary>
    internal static bool SameText(ReadOnlySpan<ParameterExpression> a, ReadOnlySpan<ParameterExpression> b)
    {
        if (a.Length != b.Length) return false;
        for (int i = 0; i < a.Length; i++)
            if (!SameText(a[i], b[i])) return false;
        return true;
    }

    /// <summary>Binding strength for printing without redundant parentheses.</summary>
    internal abstract int Precedence { get; }

    /// <summary>Levels of the tree (1 for a number or a symbol): what evaluating, printing and differentiating recurse through.</summary>
    internal virtual int Depth => 1;

    /// <summary>Nodes of the tree, a shared subexpression counted at each use (saturating): what one evaluation visits.</summary>
    internal virtual long NodeCount => 1;

    /// <summary>A constant.</summary>
    public static implicit operator ParameterExpression(double value) => new Constant(value);

    /// <summary>The sum <paramref name="a"/> + <paramref name="b"/>. Constants fold at once; a symbol stays symbolic until a binding gives it a value.</summary>
    public static ParameterExpression operator +(ParameterExpression a, ParameterExpression b) => Binary.Make(BinaryKind.Add, a, b);
    /// <summary>The difference <paramref name="a"/> − <paramref name="b"/>. Constants fold at once; a symbol stays symbolic until a binding gives it a value.</summary>
    public static ParameterExpression operator -(ParameterExpression a, ParameterExpression b) => Binary.Make(BinaryKind.Subtract, a, b);
    /// <summary>The product <paramref name="a"/> · <paramref name="b"/>, e.g. <c>2.0 * theta</c>. Constants fold at once; a symbol stays symbolic until a binding gives it a value.</summary>
    public static ParameterExpression operator *(ParameterExpression a, ParameterExpression b) => Binary.Make(BinaryKind.Multiply, a, b);
    /// <summary>The quotient <paramref name="a"/> / <paramref name="b"/>; a zero divisor gives an infinite or NaN value. Constants fold at once; a symbol stays symbolic until a binding gives it a value.</summary>
    public static ParameterExpression operator /(ParameterExpression a, ParameterExpression b) => Binary.Make(BinaryKind.Divide, a, b);
    /// <summary>The negation −<paramref name="a"/>. Constants fold at once; a symbol stays symbolic until a binding gives it a value.</summary>
    public static ParameterExpression operator -(ParameterExpression a) => Unary.Make(UnaryKind.Negate, a);

    /// <summary><paramref name="a"/> raised to <paramref name="b"/>.</summary>
    public static ParameterExpression Pow(ParameterExpression a, ParameterExpression b) => Binary.Make(BinaryKind.Power, a, b);
    /// <summary>The sine of <paramref name="a"/> (in radians). Constants fold at once; a symbol stays symbolic until a binding gives it a value.</summary>
    public static ParameterExpression Sin(ParameterExpression a) => Unary.Make(UnaryKind.Sin, a);
    /// <summary>The cosine of <paramref name="a"/> (in radians). Constants fold at once; a symbol stays symbolic until a binding gives it a value.</summary>
    public static ParameterExpression Cos(ParameterExpression a) => Unary.Make(UnaryKind.Cos, a);
    /// <summary>The tangent of <paramref name="a"/> (in radians). Constants fold at once; a symbol stays symbolic until a binding gives it a value.</summary>
    public static ParameterExpression Tan(ParameterExpression a) => Unary.Make(UnaryKind.Tan, a);
    /// <summary>e raised to <paramref name="a"/>. Constants fold at once; a symbol stays symbolic until a binding gives it a value.</summary>
    public static ParameterExpression Exp(ParameterExpression a) => Unary.Make(UnaryKind.Exp, a);
    /// <summary>Natural logarithm.</summary>
    public static ParameterExpression Ln(ParameterExpression a) => Unary.Make(UnaryKind.Ln, a);
    /// <summary>The square root of <paramref name="a"/> (NaN for a negative value). Constants fold at once; a symbol stays symbolic until a binding gives it a value.</summary>
    public static ParameterExpression Sqrt(ParameterExpression a) => Unary.Make(UnaryKind.Sqrt, a);

    /// <summary>OpenQASM-compatible text, e.g. <c>2*theta + pi/4</c>.</summary>
    public abstract override string ToString();

    private sealed class UniqueList<T> : ICollection<T>
    {
        private readonly HashSet<T> _seen = new();
        public List<T> Items { get; } = new();
        public int Count => Items.Count;
        public bool IsReadOnly => false;
        public void Add(T item) { if (_seen.Add(item)) Items.Add(item); }
        public void Clear() { _seen.Clear(); Items.Clear(); }
        public bool Contains(T item) => _seen.Contains(item);
        public void CopyTo(T[] array, int arrayIndex) => Items.CopyTo(array, arrayIndex);
        public bool Remove(T item) => _seen.Remove(item) && Items.Remove(item);
        public IEnumerator<T> GetEnumerator() => Items.GetEnumerator();
        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}

/// <summary>A fixed number.</summary>
public sealed class Constant(double value) : ParameterExpression
{
    /// <summary>The number.</summary>
    public double Value { get; } = value;

    /// <inheritdoc/>
    public override double Evaluate(ParameterBinding binding) => Value;
    /// <inheritdoc/>
    public override ParameterExpression Derivative(Symbol symbol) => Zero;
    /// <inheritdoc/>
    public override void CollectSymbols(ICollection<Symbol> into) { }
    internal override int Precedence => Value < 0 ? 2 : 5;

    internal static readonly Constant Zero = new(0);
    internal static readonly Constant One = new(1);

    /// <inheritdoc/>
    public override string ToString()
    {
        if (Value == Math.PI) return "pi";
        if (Value == -Math.PI) return "-pi";
        return Value.ToString("R", CultureInfo.InvariantCulture);
    }
}

/// <summary>A named free parameter, bound to a number at run time. Two symbols are equal when their names are.</summary>
public sealed class Symbol : ParameterExpression, IEquatable<Symbol>
{
    /// <summary>Creates a symbol.</summary>
    /// <exception cref="ArgumentException">The name is empty.</exception>
    public Symbol(string name)
    {
        if (string.IsNullOrWhiteSpace(name)) throw new ArgumentException("A symbol needs a non-empty name.", nameof(name));
        Name = name;
    }

    /// <summary>The name.</summary>
    public string Name { get; }

    /// <inheritdoc/>
    public override double Evaluate(ParameterBinding binding) => binding[this];
    /// <inheritdoc/>
    public override ParameterExpression Derivative(Symbol symbol) => Equals(symbol) ? Constant.One : Constant.Zero;
    /// <inheritdoc/>
    public override void CollectSymbols(ICollection<Symbol> into) => into.Add(this);
    internal override int Precedence => 5;
    /// <inheritdoc/>
    public override string ToString() => Name;
    /// <inheritdoc/>
    public bool Equals(Symbol? other) => other is not null && other.Name == Name;
    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as Symbol);
    /// <inheritdoc/>
    public override int GetHashCode() => Name.GetHashCode(StringComparison.Ordinal);
}

internal enum UnaryKind { Negate, Sin, Cos, Tan, Exp, Ln, Sqrt }

internal sealed class Unary : ParameterExpression
{
    private Unary(UnaryKind kind, ParameterExpression operand)
    {
        Kind = kind;
        Operand = operand;
        Depth = operand.Depth + 1;
        NodeCount = operand.NodeCount == long.MaxValue ? long.MaxValue : operand.NodeCount + 1;
    }

    internal override int Depth { get; }
    internal override long NodeCount { get; }

    public UnaryKind Kind { get; }
    public ParameterExpression Operand { get; }

    /// <summary>Folds constants so that plain numbers stay plain numbers.</summary>
    public static ParameterExpression Make(UnaryKind kind, ParameterExpression operand)
    {
        if (operand is Constant c) return new Constant(Apply(kind, c.Value));
        if (kind == UnaryKind.Negate && operand is Unary { Kind: UnaryKind.Negate } inner) return inner.Operand;
        return new Unary(kind, operand);
    }

    private static double Apply(UnaryKind kind, double x) => kind switch
    {
        UnaryKind.Negate => -x,
        UnaryKind.Sin => Math.Sin(x),
        UnaryKind.Cos => Math.Cos(x),
        UnaryKind.Tan => Math.Tan(x),
        UnaryKind.Exp => Math.Exp(x),
        UnaryKind.Ln => Math.Log(x),
        UnaryKind.Sqrt => Math.Sqrt(x),
        _ => throw new InvalidOperationException($"Unknown unary operation {kind}."),
    };

    public override double Evaluate(ParameterBinding binding) => Apply(Kind, Operand.Evaluate(binding));

    public override ParameterExpression Derivative(Symbol symbol)
    {
        ParameterExpression inner = Operand.Derivative(symbol);
        if (inner is Constant { Value: 0 }) return Constant.Zero;
        ParameterExpression outer = Kind switch
        {
            UnaryKind.Negate => -1.0,
            UnaryKind.Sin => Cos(Operand),
            UnaryKind.Cos => -Sin(Operand),
            UnaryKind.Tan => 1.0 / (Cos(Operand) * Cos(Operand)),
            UnaryKind.Exp => this,
            UnaryKind.Ln => 1.0 / Operand,
            UnaryKind.Sqrt => 0.5 / this,
            _ => throw new InvalidOperationException($"Unknown unary operation {Kind}."),
        };
        return outer * inner;
    }

    public override void CollectSymbols(ICollection<Symbol> into) => Operand.CollectSymbols(into);
    internal override int Precedence => Kind == UnaryKind.Negate ? 2 : 5;

    public override string ToString()
    {
        if (Kind == UnaryKind.Negate)
            return "-" + (Operand.Precedence <= 2 ? $"({Operand})" : Operand.ToString());
        return $"{Kind.ToString().ToLowerInvariant()}({Operand})";
    }
}

internal enum BinaryKind { Add, Subtract, Multiply, Divide, Power }

internal sealed class Binary : ParameterExpression
{
    private Binary(BinaryKind kind, ParameterExpression left, ParameterExpression right)
    {
        Kind = kind;
        Left = left;
        Right = right;
        Depth = Math.Max(left.Depth, right.Depth) + 1;
        NodeCount = left.NodeCount > long.MaxValue / 2 || right.NodeCount > long.MaxValue / 2 ? long.MaxValue : left.NodeCount + right.NodeCount + 1;
    }

    internal override int Depth { get; }
    internal override long NodeCount { get; }

    public BinaryKind Kind { get; }
    public ParameterExpression Left { get; }
    public ParameterExpression Right { get; }

    /// <summary>Folds constants and the neutral elements 0 and 1 so that derivatives stay small.</summary>
    public static ParameterExpression Make(BinaryKind kind, ParameterExpression left, ParameterExpression right)
    {
        if (left is Constant a && right is Constant b) return new Constant(Apply(kind, a.Value, b.Value));
        switch (kind)
        {
            case BinaryKind.Add when left is Constant { Value: 0 }: return right;
            case BinaryKind.Add or BinaryKind.Subtract when right is Constant { Value: 0 }: return left;
            case BinaryKind.Subtract when left is Constant { Value: 0 }: return -right;
            case BinaryKind.Multiply when left is Constant { Value: 0 } || right is Constant { Value: 0 }: return Constant.Zero;
            case BinaryKind.Multiply when left is Constant { Value: 1 }: return right;
            case BinaryKind.Multiply or BinaryKind.Divide or BinaryKind.Power when right is Constant { Value: 1 }: return left;
        }
        return new Binary(kind, left, right);
    }

    private static double Apply(BinaryKind kind, double x, double y) => kind switch
    {
        BinaryKind.Add => x + y,
        BinaryKind.Subtract => x - y,
        BinaryKind.Multiply => x * y,
        BinaryKind.Divide => x / y,
        BinaryKind.Power => Math.Pow(x, y),
        _ => throw new InvalidOperationException($"Unknown binary operation {kind}."),
    };

    public override double Evaluate(ParameterBinding binding) => Apply(Kind, Left.Evaluate(binding), Right.Evaluate(binding));

    public override ParameterExpression Derivative(Symbol symbol)
    {
        ParameterExpression dl = Left.Derivative(symbol), dr = Right.Derivative(symbol);
        return Kind switch
        {
            BinaryKind.Add => dl + dr,
            BinaryKind.Subtract => dl - dr,
            BinaryKind.Multiply => dl * Right + Left * dr,
            BinaryKind.Divide => (dl * Right - Left * dr) / (Right * Right),
            // d(u^v) = u^v (v' ln u + v u'/u); with a constant exponent this is v u^(v-1) u'.
            BinaryKind.Power when Right.IsConstant => Right * Pow(Left, Right - 1.0) * dl,
            BinaryKind.Power => this * (dr * Ln(Left) + Right * dl / Left),
            _ => throw new InvalidOperationException($"Unknown binary operation {Kind}."),
        };
    }

    public override void CollectSymbols(ICollection<Symbol> into) { Left.CollectSymbols(into); Right.CollectSymbols(into); }

    internal override int Precedence => Kind switch
    {
        BinaryKind.Add or BinaryKind.Subtract => 1,
        BinaryKind.Multiply or BinaryKind.Divide => 3,
        _ => 4,
    };

    public override string ToString()
    {
        string op = Kind switch
        {
            BinaryKind.Add => " + ", BinaryKind.Subtract => " - ", BinaryKind.Multiply => "*",
            BinaryKind.Divide => "/", _ => "^",
        };
        // Left-associative operators need parentheses on the right at equal precedence; ^ is right-associative.
        bool rightAssociative = Kind == BinaryKind.Power;
        string l = Left.Precedence < Precedence || (rightAssociative && Left.Precedence == Precedence) ? $"({Left})" : Left.ToString();
        string r = Right.Precedence < Precedence || (!rightAssociative && Right.Precedence == Precedence) ? $"({Right})" : Right.ToString();
        return l + op + r;
    }
}
