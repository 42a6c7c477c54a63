namespace QSim.Cpu.Simd;

/// <summary>
/// Which halves of a lane-wise complex coefficient a kernel term multiplies, fixed when the JIT compiles the loop. A
/// coefficient c is stored as the pair (re, re) and (−im, im) so that c·v = pair[0]⊙v + pair[1]⊙swapReIm(v)
/// (<see cref="VectorGeometry{TVec, TOps}.WriteCoefficient"/>): a real c needs only the first product, a purely imaginary
/// one only the second, a zero one neither. A real matrix (RY, H, products of them) thus costs half the FMAs of a complex
/// one, and RX = cos·I − i·sin·X costs the same as a real one plus a shuffle.
/// </summary>
internal interface ITermHalves
{
    /// <summary>True when the term multiplies the amplitudes as they are (the coefficient's real part).</summary>
    static abstract bool Straight { get; }

    /// <summary>True when the term multiplies the re/im-swapped amplitudes (the coefficient's imaginary part).</summary>
    static abstract bool Swapped { get; }

    /// <summary>True when the coefficient is 1 in every lane: the term adds the amplitudes as they are, with no product.</summary>
    static virtual bool One => false;
}

/// <summary>A complex coefficient: both products.</summary>
internal readonly struct ComplexTerm : ITermHalves
{
    public static bool Straight => true;
    public static bool Swapped => true;
}

/// <summary>A real coefficient.</summary>
internal readonly struct RealTerm : ITermHalves
{
    public static bool Straight => true;
    public static bool Swapped => false;
}

/// <summary>A purely imaginary coefficient.</summary>
internal readonly struct ImaginaryTerm : ITermHalves
{
    public static bool Straight => false;
    public static bool Swapped => true;
}

/// <summary>
/// A coefficient of 1 in every lane: a kernel adds the term instead of multiplying it, so a sum with one such term takes
/// one FMA less (RX/cos: v0 − i·tan·X·v1 is one FMA and a shuffle per output, against two FMAs and a shuffle).
/// </summary>
internal readonly struct OneTerm : ITermHalves
{
    public static bool Straight => true;
    public static bool Swapped => false;
    public static bool One => true;
}

/// <summary>A zero coefficient (the diagonal of a permutation such as X).</summary>
internal readonly struct ZeroTerm : ITermHalves
{
    public static bool Straight => false;
    public static bool Swapped => false;
}

/// <summary>The halves a term's coefficients need, as found in a prepared table.</summary>
[Flags]
internal enum TermHalves
{
    /// <summary>Every lane zero.</summary>
    Zero = 0,
    /// <summary>Some lane has a real part.</summary>
    Real = 1,
    /// <summary>Some lane has an imaginary part.</summary>
    Imaginary = 2,
    /// <summary>Both.</summary>
    Complex = Real | Imaginary,
}
