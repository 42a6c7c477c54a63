using System.Globalization;
using QSim.Qasm.Lexing;

namespace QSim.Qasm.Parsing;

// The fast path for the statement that fills large files, `name(literals) reg[i], reg[j];`: read straight from the
// characters into a SimpleGateCall, with no tokens or syntax nodes. It takes a statement only when every character
// is one it knows, so the lexer would report nothing in it and the general rules would parse it to exactly what
// SimpleGateCall.ToSyntax builds; at anything else (a comment, an expression, a keyword, an odd character or a
// malformed number) it gives up without having changed anything, and the general parser reads the statement.
public sealed partial class Parser
{
    /// <summary>
    /// Names that start something other than a plain gate call (besides <see cref="UnsupportedKeywords"/>): statement
    /// keywords, gate modifiers, and <c>gphase</c>, which may have no operands.
    /// </summary>
    private static readonly HashSet<string> NotSimpleCallNames = new(
        ["OPENQASM", "include", "qreg", "creg", "qubit", "bit", "input", "const", "gate", "opaque", "measure", "reset",
         "barrier", "if", "else", "pragma", "#pragma", "ctrl", "negctrl", "inv", "pow", "gphase"],
        StringComparer.Ordinal);

    /// <summary>The longest integer read on the fast path: 18 digits always fit in a long, so the lexer would not refuse it.</summary>
    private const int MaxFastIntegerDigits = 18;

    /// <summary>
    /// Reads the statement at the current token into <paramref name="call"/> when it has the simple shape, and moves past
    /// its <c>;</c>; else leaves everything as it was and returns false.
    /// </summary>
    private bool TryReadSimpleGateCall(SimpleGateCall call)
    {
        // Only with nothing looked at beyond the statement's first token, which the lexer has already read.
        if (_lookaheadCount != 1) return false;
        var name = Current;
        if (name.Kind != TokenKind.Identifier || NotSimpleCallNames.Contains(name.Text) || UnsupportedKeywords.ContainsKey(name.Text)) return false;
        string text = _source.Text;
        int p = SkipSpaces(text, name.Span.End);
        call.Start(_source, name.Text, name.Span);
        if (At(text, p) == '(')
        {
            p = SkipSpaces(text, p + 1);
            if (At(text, p) == ')') return false; // "rz()": the general parser says what is wrong
            while (true)
            {
                if (!TryReadLiteral(text, ref p, out var parameter) || !call.TryAdd(parameter)) return false;
                p = SkipSpaces(text, p);
                if (At(text, p) == ')') break;
                if (At(text, p) != ',') return false;
                p = SkipSpaces(text, p + 1);
            }
            p = SkipSpaces(text, p + 1);
        }
        while (true)
        {
            if (!TryReadOperand(text, ref p, out var operand) || !call.TryAdd(operand)) return false;
            p = SkipSpaces(text, p);
            if (At(text, p) == ';') break;
            if (At(text, p) != ',') return false;
            p = SkipSpaces(text, p + 1);
        }
        call.End(p);
        // Consume the statement as if token by token: the next token is lexed from just past its ';'.
        _previous = new Token(TokenKind.Semicolon, ";", new SourceSpan(_source, p, 1));
        _lookaheadCount = 0;
        _consumed++;
        _lexer.MoveTo(p + 1);
        return true;
    }

    /// <summary>The character at <paramref name="p"/>, or <c>'\0'</c> at the end (which no rule here accepts, like a NUL in the text).</summary>
    private static char At(string text, int p) => p < text.Length ? text[p] : '\0';

    /// <summary>Past spaces, tabs and line breaks from <paramref name="p"/> (other whitespace is left to the lexer).</summary>
    private static int SkipSpaces(string text, int p)
    {
        while (At(text, p) is ' ' or '\t' or '\r' or '\n') p++;
        return p;
    }

    /// <summary>A number literal, with an optional minus before it, that ends where the lexer would end it without complaint.</summary>
    private static bool TryReadLiteral(string text, ref int p, out SimpleGateCall.Literal literal)
    {
        literal = default;
        int minus = -1;
        if (At(text, p) == '-')
        {
            minus = p;
            p = SkipSpaces(text, p + 1);
        }
        int start = p;
        bool integer = true;
        p = SkipDigits(text, p);
        int integerDigits = p - start;
        if (At(text, p) == '.')
        {
            integer = false;
            p = SkipDigits(text, p + 1);
        }
        if (p - start == (integer ? 0 : 1)) return false; // no digits (a name, an expression, a lone '.')
        if (At(text, p) is 'e' or 'E')
        {
            integer = false;
            int exponent = p + 1;
            if (At(text, exponent) is '+' or '-') exponent++;
            int end = SkipDigits(text, exponent);
            if (end == exponent) return false; // "1e": the lexer reports it
            p = end;
        }
        if (integer && integerDigits > MaxFastIntegerDigits || p - start > QasmLimits.MaxTokenLength) return false;
        if (At(text, p) is not (' ' or '\t' or '\r' or '\n' or ',' or ')')) return false; // "2pi", "1.5x", "1.2.3", the end, ...
        double value = NumberLiteral.Value(text.AsSpan(start, p - start));
        literal = new SimpleGateCall.Literal(minus < 0 ? value : -value, integer, start, p - start, minus);
        return true;
    }

    /// <summary><c>name</c> or <c>name[digits]</c>, with an ASCII name the lexer reads as one identifier.</summary>
    private bool TryReadOperand(string text, ref int p, out SimpleGateCall.Operand operand)
    {
        operand = default;
        int start = p;
        if (!(char.IsAsciiLetter(At(text, p)) || At(text, p) == '_')) return false;
        while (char.IsAsciiLetterOrDigit(At(text, p)) || At(text, p) == '_') p++;
        if (At(text, p) == '$' || !char.IsAscii(At(text, p)) || p - start > QasmLimits.MaxTokenLength) return false;
        string register = _lexer.Name(text.AsSpan(start, p - start));
        int afterName = p;
        p = SkipSpaces(text, p);
        if (At(text, p) != '[')
        {
            p = afterName;
            operand = new SimpleGateCall.Operand(register, start, -1, 0, 0, afterName);
            return true;
        }
        int indexStart = p = SkipSpaces(text, p + 1);
        p = SkipDigits(text, p);
        int digits = p - indexStart;
        if (digits == 0 || digits > MaxFastIntegerDigits || !int.TryParse(text.AsSpan(indexStart, digits), NumberStyles.None, CultureInfo.InvariantCulture, out int index)) return false;
        p = SkipSpaces(text, p);
        if (At(text, p) != ']') return false; // "q[1.5]", "q[0:2]", "q[i]", ...
        p++;
        operand = new SimpleGateCall.Operand(register, start, index, indexStart, digits, p);
        return true;
    }

    private static int SkipDigits(string text, int p)
    {
        while (char.IsAsciiDigit(At(text, p))) p++;
        return p;
    }
}
