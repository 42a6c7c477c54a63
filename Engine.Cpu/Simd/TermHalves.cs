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
