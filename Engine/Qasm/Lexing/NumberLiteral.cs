using System.Globalization;

namespace QSim.Qasm.Lexing;

/// <summary>The value of a number token (<c>42</c>, <c>0.9811</c>, <c>.5</c>, <c>2.</c>, <c>1e-3</c>), read from the source without a copy.</summary>
internal static class NumberLiteral
{
    /// <summary>Powers of ten that a double holds exactly (10^22 is the last).</summary>
    private static readonly double[] ExactPowersOfTen =
        [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];

    private const long MaxExactMantissa = 1L << 53;

    /// <summary>
    /// The double nearest to the decimal <paramref name="chars"/>, exactly as <see cref="double.TryParse(ReadOnlySpan{char}, NumberStyles, IFormatProvider?, out double)"/>
    /// gives it; 0 when it is not a number (a malformed token, already reported by the lexer).
    /// </summary>
    /// <remarks>
    /// Literals with at most 15 significant digits and a small exponent, which is nearly every angle in a file, take
    /// Clinger's fast path: their digits and the power of ten are both exact doubles, so one multiplication or division
    /// rounds correctly. The rest go to the runtime's parser.
    /// </remarks>
    public static double Value(ReadOnlySpan<char> chars) =>
        TryExact(chars, out double value) ? value
        : double.TryParse(chars, NumberStyles.Float, CultureInfo.InvariantCulture, out value) ? value
        : 0;

    private static bool TryExact(ReadOnlySpan<char> chars, out double value)
    {
        value = 0;
        long mantissa = 0;
        int scale = 0, i = 0;
        bool fraction = false, digits = false;
        for (; i < chars.Length; i++)
        {
            char c = chars[i];
            if (char.IsAsciiDigit(c))
            {
                digits = true;
                mantissa = mantissa * 10 + (c - '0');
                if (mantissa >= MaxExactMantissa) return false;
                if (fraction) scale--;
            }
            else if (c == '.' && !fraction) fraction = true;
            else break;
        }
        if (!digits) return false;
        if (i < chars.Length)
        {
            if (chars[i] is not ('e' or 'E') || !TryExponent(chars[(i + 1)..], out int exponent)) return false;
            scale += exponent;
        }
        if (scale < -22 || scale > 22) return false;
        value = scale >= 0 ? mantissa * ExactPowersOfTen[scale] : mantissa / ExactPowersOfTen[-scale];
        return true;
    }

    private static bool TryExponent(ReadOnlySpan<char> chars, out int exponent)
    {
        exponent = 0;
        bool negative = chars.Length > 0 && chars[0] == '-';
        if (chars.Length > 0 && chars[0] is '+' or '-') chars = chars[1..];
        if (chars.IsEmpty || chars.Length > 3) return false;
        foreach (char c in chars)
        {
            if (!char.IsAsciiDigit(c)) return false;
            exponent = exponent * 10 + (c - '0');
        }
        if (negative) exponent = -exponent;
        return true;
    }
}
