using System.Globalization;

namespace QSim.Observables;

/// <summary>Text that is not a Pauli sum, with the 1-based line and column where reading stopped.</summary>
public sealed class PauliSumFormatException(string message, int line, int column) : FormatException(message)
{
    /// <summary>1-based line of the error.</summary>
    public int Line { get; } = line;

    /// <summary>1-based column of the error.</summary>
    public int Column { get; } = column;
}

/// <summary>
/// Reads Pauli sums. A sum is terms joined by <c>+</c> or <c>-</c>; a term is an optional coefficient
/// (a number, followed by <c>*</c> or by spaces) and Pauli factors, each a letter I, X, Y or Z (any case)
/// and a qubit index, separated by <c>*</c> or spaces: <c>0.5*Z0*Z1 - 1.2*X3 + Y0 Y1</c>, <c>2 Z0 Z1</c>,
/// <c>-X 3</c>. A bare number is a multiple of the identity. The <c>.pauli</c> file format is one term per
/// line, <c># comments</c> and blank lines skipped.
/// </summary>
public static class PauliSumParser
{
    /// <summary>Parses one sum.</summary>
    /// <exception cref="PauliSumFormatException">The text is not a Pauli sum.</exception>
    public static PauliSum Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var reader = new Reader(text, line: 1);
        var terms = new List<PauliTerm>();
        reader.SkipSpaces();
        if (reader.AtEnd) throw reader.Error("expected a Pauli term, found nothing");
        terms.Add(reader.ReadTerm(reader.ReadSign()));
        while (!reader.AtEnd)
        {
            char c = reader.Peek;
            if (c is not ('+' or '-')) throw reader.Error($"expected '+' or '-' between terms, found '{c}'");
            terms.Add(reader.ReadTerm(reader.ReadSign()));
        }
        return new PauliSum(terms);
    }

    /// <summary>Parses one term per line (the bench-circuits <c>.pauli</c> format).</summary>
    /// <exception cref="PauliSumFormatException">A line is not one term.</exception>
    public static PauliSum ParseLines(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var terms = new List<PauliTerm>();
        string[] lines = text.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i].TrimEnd('\r');
            int comment = line.IndexOf('#');
            if (comment >= 0) line = line[..comment];
            if (string.IsNullOrWhiteSpace(line)) continue;
            var reader = new Reader(line, line: i + 1);
            reader.SkipSpaces();
            terms.Add(reader.ReadTerm(reader.ReadSign()));
            if (!reader.AtEnd) throw reader.Error($"expected one term per line, found '{reader.Peek}'");
        }
        return new PauliSum(terms);
    }

    /// <summary>A cursor over one line of text; every Read skips the spaces after what it reads.</summary>
    private sealed class Reader(string text, int line)
    {
        private int _at;

        public bool AtEnd => _at >= text.Length;
        public char Peek => text[_at];

        public void SkipSpaces()
        {
            while (!AtEnd && char.IsWhiteSpace(Peek)) _at++;
        }

        public double ReadSign()
        {
            double sign = 1;
            if (!AtEnd && Peek is '+' or '-')
            {
                sign = Peek == '-' ? -1 : 1;
                _at++;
                SkipSpaces();
            }
            return sign;
        }

        public PauliTerm ReadTerm(double sign)
        {
            if (AtEnd) throw Error("expected a Pauli term after the sign");
            double coefficient = sign;
            bool hasCoefficient = char.IsAsciiDigit(Peek) || Peek == '.';
            if (hasCoefficient)
            {
                coefficient *= ReadNumber();
                if (!AtEnd && Peek == '*')
                {
                    _at++;
                    SkipSpaces();
                    if (AtEnd || !IsPauliLetter(Peek)) throw Error("expected a Pauli factor after '*'");
                }
            }
            var pauli = PauliString.Identity;
            bool hasFactor = false;
            while (!AtEnd && IsPauliLetter(Peek))
            {
                int start = _at;
                char letter = Peek;
                _at++;
                SkipSpaces();
                if (char.ToUpperInvariant(letter) == 'I' && (AtEnd || !char.IsAsciiDigit(Peek)))
                {
                    hasFactor = true; // A bare I is the identity.
                }
                else
                {
                    int qubit = ReadQubit(letter);
                    if (((pauli.SupportMask >> qubit) & 1) != 0)
                        throw Error($"qubit {qubit} appears twice in one term", start);
                    pauli = pauli.With(letter, qubit);
                    hasFactor = true;
                }
                if (!AtEnd && Peek == '*')
                {
                    _at++;
                    SkipSpaces();
                    if (AtEnd || !IsPauliLetter(Peek)) throw Error("expected a Pauli factor after '*'");
                }
            }
            if (!hasCoefficient && !hasFactor)
                throw Error($"expected a coefficient or a Pauli factor (I, X, Y or Z and a qubit), found '{Peek}'");
            return new PauliTerm(coefficient, pauli);
        }

        private double ReadNumber()
        {
            int start = _at;
            while (!AtEnd && (char.IsAsciiDigit(Peek) || Peek == '.')) _at++;
            if (!AtEnd && Peek is 'e' or 'E')
            {
                _at++;
                if (!AtEnd && Peek is '+' or '-') _at++;
                while (!AtEnd && char.IsAsciiDigit(Peek)) _at++;
            }
            string token = text[start.._at];
            if (!double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value))
                throw Error($"'{token}' is not a number", start);
            SkipSpaces();
            return value;
        }

        private int ReadQubit(char letter)
        {
            int start = _at;
            while (!AtEnd && char.IsAsciiDigit(Peek)) _at++;
            if (start == _at) throw Error($"expected a qubit index after '{letter}'");
            string digits = text[start.._at];
            if (!int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out int qubit) || qubit >= PauliString.MaxQubits)
                throw Error($"qubit index {digits} is out of range (0-{PauliString.MaxQubits - 1})", start);
            SkipSpaces();
            return qubit;
        }

        private static bool IsPauliLetter(char c) => char.ToUpperInvariant(c) is 'I' or 'X' or 'Y' or 'Z';

        public PauliSumFormatException Error(string what, int? at = null)
        {
            int column = (at ?? _at) + 1;
            return new PauliSumFormatException($"Pauli sum, line {line}, column {column}: {what}.", line, column);
        }
    }
}
