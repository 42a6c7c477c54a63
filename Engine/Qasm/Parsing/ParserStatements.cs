using QSim.Qasm.Lexing;

namespace QSim.Qasm.Parsing;

// Statements: declarations, gate definitions, quantum operations and the OpenQASM 3 features QSim refuses.
public sealed partial class Parser
{
    /// <summary>OpenQASM 3 keywords that start statements QSim does not run, with the feature named in the error.</summary>
    private static readonly Dictionary<string, string> UnsupportedKeywords = new(StringComparer.Ordinal)
    {
        ["for"] = "for loops",
        ["while"] = "while loops",
        ["def"] = "subroutines (def)",
        ["return"] = "subroutines (return)",
        ["extern"] = "extern functions",
        ["defcal"] = "pulse calibrations (defcal)",
        ["cal"] = "pulse calibrations (cal)",
        ["defcalgrammar"] = "pulse calibrations (defcalgrammar)",
        ["delay"] = "timing (delay)",
        ["box"] = "timing (box)",
        ["stretch"] = "timing (stretch)",
        ["duration"] = "timing (duration)",
        ["switch"] = "switch statements",
        ["break"] = "loops (break)",
        ["continue"] = "loops (continue)",
        ["let"] = "aliases (let)",
        ["output"] = "output declarations",
        ["end"] = "end (stopping the program)",
        ["int"] = "classical variables (int)",
        ["uint"] = "classical variables (uint)",
        ["float"] = "classical variables (float); declare a free parameter with 'input float[64] name;'",
        ["angle"] = "classical variables (angle); declare a free parameter with 'input angle name;'",
        ["bool"] = "classical variables (bool)",
        ["complex"] = "classical variables (complex)",
        ["array"] = "arrays",
    };

    private StatementSyntax ParseStatement()
    {
        var token = Current;
        if (token.Kind == TokenKind.At) throw Error(token, "not supported: annotations");
        if (token.Kind != TokenKind.Identifier)
            throw Error(token, $"expected a statement, found {token.Describe()}");
        if (UnsupportedKeywords.TryGetValue(token.Text, out string? feature))
            throw Error(token, $"not supported: {feature}");
        return token.Text switch
        {
            "OPENQASM" => ParseVersion(),
            "include" => ParseInclude(),
            "qreg" => ParseOldRegister(RegisterKind.Quantum),
            "creg" => ParseOldRegister(RegisterKind.Classical),
            "qubit" => ParseNewRegister(RegisterKind.Quantum),
            "bit" => ParseNewRegister(RegisterKind.Classical),
            "input" => ParseInput(),
            "const" => ParseConst(),
            "gate" => ParseGateDefinition(opaque: false),
            "opaque" => ParseGateDefinition(opaque: true),
            "measure" => ParseMeasure(),
            "reset" => ParseReset(),
            "barrier" => ParseBarrier(),
            "if" => ParseIf(),
            "else" => throw Error(token, "not supported: else branches"),
            _ when PeekToken().Kind is TokenKind.Equals or TokenKind.LeftBracket || IsCompoundAssignment(1) => ParseAssignment(),
            _ => ParseGateCall(),
        };
    }

    private StatementSyntax ParseVersion()
    {
        var start = Advance();
        var version = Current.Kind is TokenKind.Integer or TokenKind.Real
            ? Advance()
            : throw Error(Current, $"expected a version number after 'OPENQASM', found {Current.Describe()}");
        ExpectSemicolon();
        return new VersionSyntax(version.Text, version.Span, SpanFrom(start));
    }

    private StatementSyntax ParseInclude()
    {
        var start = Advance();
        var path = Expect(TokenKind.String, "a file name in quotes after 'include'");
        ExpectSemicolon();
        return new IncludeSyntax(path.Text, SpanFrom(start));
    }

    /// <summary><c>qreg q[n];</c> / <c>creg c[n];</c></summary>
    private StatementSyntax ParseOldRegister(RegisterKind kind)
    {
        var start = Advance();
        var name = ExpectIdentifier("a register name");
        Expect(TokenKind.LeftBracket, $"'[' and a size after register '{name.Text}'");
        var size = ParseExpression();
        Expect(TokenKind.RightBracket, "']'");
        ExpectSemicolon();
        return new RegisterSyntax(kind, name.Text, size, name.Span, SpanFrom(start));
    }

    /// <summary><c>qubit[n] q;</c>, <c>qubit q;</c>, <c>bit[n] c;</c>, <c>bit c;</c></summary>
    private StatementSyntax ParseNewRegister(RegisterKind kind)
    {
        var start = Advance();
        ExpressionSyntax? size = null;
        if (Match(TokenKind.LeftBracket))
        {
            size = ParseExpression();
            Expect(TokenKind.RightBracket, "']'");
        }
        var name = ExpectIdentifier("a register name");
        if (Current.Kind == TokenKind.Equals) throw Error(Current, "not supported: initialising a declaration; declare the register, then assign to it");
        ExpectSemicolon();
        return new RegisterSyntax(kind, name.Text, size, name.Span, SpanFrom(start));
    }

    /// <summary><c>input float[64] theta;</c> or <c>input angle theta;</c></summary>
    private StatementSyntax ParseInput()
    {
        var start = Advance();
        var type = ExpectIdentifier("a type after 'input'");
        if (type.Text is not ("float" or "angle"))
            throw Error(type, $"not supported: input of type '{type.Text}' (only float and angle inputs are circuit parameters)");
        SkipTypeWidth();
        var name = ExpectIdentifier("an input name");
        ExpectSemicolon();
        return new InputSyntax(name.Text, name.Span, SpanFrom(start));
    }

    /// <summary><c>const float x = expr;</c> (any scalar type; the value is a number).</summary>
    private StatementSyntax ParseConst()
    {
        var start = Advance();
        ExpectIdentifier("a type after 'const'");
        SkipTypeWidth();
        var name = ExpectIdentifier("a constant name");
        Expect(TokenKind.Equals, "'=' and a value");
        var value = ParseExpression();
        ExpectSemicolon();
        return new ConstSyntax(name.Text, value, name.Span, SpanFrom(start));
    }

    private void SkipTypeWidth()
    {
        if (!Match(TokenKind.LeftBracket)) return;
        Expect(TokenKind.Integer, "a bit width");
        Expect(TokenKind.RightBracket, "']'");
    }

    /// <summary><c>gate name(params) a, b { body }</c> or <c>opaque name(params) a, b;</c></summary>
    private StatementSyntax ParseGateDefinition(bool opaque)
    {
        var start = Advance();
        var name = ExpectIdentifier("a gate name");
        var parameters = new List<IdentifierSyntax>();
        if (Match(TokenKind.LeftParen) && !Match(TokenKind.RightParen))
        {
            do parameters.Add(Identifier(ExpectIdentifier("a parameter name")));
            while (Match(TokenKind.Comma));
            Expect(TokenKind.RightParen, "',' or ')'");
        }
        var qubits = new List<IdentifierSyntax>();
        do qubits.Add(Identifier(ExpectIdentifier("a qubit argument name")));
        while (Match(TokenKind.Comma));
        if (opaque)
        {
            ExpectSemicolon();
            return new GateDefinitionSyntax(name.Text, name.Span, parameters, qubits, null, SpanFrom(start));
        }
        Expect(TokenKind.LeftBrace, "'{' to open the gate body");
        var body = new List<StatementSyntax>();
        while (Current.Kind is not (TokenKind.RightBrace or TokenKind.EndOfFile))
        {
            long before = _consumed;
            if (TryParseBodyStatement() is { } statement) body.Add(statement);
            if (_consumed == before) Advance();
        }
        Expect(TokenKind.RightBrace, $"'}}' to close the body of gate '{name.Text}'");
        return new GateDefinitionSyntax(name.Text, name.Span, parameters, qubits, body, SpanFrom(start));
    }

    private StatementSyntax? TryParseBodyStatement()
    {
        try
        {
            if (Current.IsKeyword("barrier")) return ParseBarrier();
            if (Current.Kind == TokenKind.Identifier && Current.Text is "measure" or "reset" or "if" or "qreg" or "creg" or "qubit" or "bit" or "gate")
                throw Error(Current, $"'{Current.Text}' is not allowed in a gate body (only gate calls and barriers are)");
            return ParseGateCall();
        }
        catch (StatementError error)
        {
            _diagnostics.Report(error.Span, error.Message);
            SkipToStatementEnd();
            return null;
        }
    }

    private static IdentifierSyntax Identifier(Token token) => new(token.Text, token.Span);

    /// <summary><c>modifiers name(params) operands;</c></summary>
    private StatementSyntax ParseGateCall()
    {
        var start = Current;
        List<ModifierSyntax>? modifiers = null;
        while (Current.Kind == TokenKind.Identifier && Current.Text is "ctrl" or "negctrl" or "inv" or "pow")
            (modifiers ??= []).Add(ParseModifier());
        var name = ExpectIdentifier("a gate name");
        ExpressionSyntax[] parameters = [];
        if (Match(TokenKind.LeftParen) && !Match(TokenKind.RightParen))
        {
            parameters = CommaSeparated(_parseExpression);
            Expect(TokenKind.RightParen, "',' or ')' in the parameter list");
        }
        OperandSyntax[] operands = Current.Kind != TokenKind.Semicolon || name.Text != "gphase" ? CommaSeparated(_parseOperand) : [];
        ExpectSemicolon();
        return new GateCallSyntax(modifiers is null ? [] : modifiers, name.Text, name.Span, parameters, operands, SpanFrom(start));
    }

    /// <summary>
    /// One or more items separated by commas, as an array of their exact length: a large file has millions of gate calls,
    /// each with a list or two of one or two items.
    /// </summary>
    private T[] CommaSeparated<T>(Func<T> parseItem)
    {
        var first = parseItem();
        if (!Match(TokenKind.Comma)) return [first];
        var items = new List<T> { first };
        do items.Add(parseItem());
        while (Match(TokenKind.Comma));
        return [.. items];
    }

    private ModifierSyntax ParseModifier()
    {
        var keyword = Advance();
        ExpressionSyntax? argument = null;
        if (keyword.Text != "inv" && Match(TokenKind.LeftParen))
        {
            argument = ParseExpression();
            Expect(TokenKind.RightParen, "')'");
        }
        else if (keyword.Text == "pow")
            throw Error(Current, "expected '(' and an exponent after 'pow'");
        Expect(TokenKind.At, $"'@' after the '{keyword.Text}' modifier");
        return new ModifierSyntax(keyword.Text, argument, SpanFrom(keyword));
    }

    /// <summary><c>q</c> or <c>q[i]</c>.</summary>
    private OperandSyntax ParseOperand()
    {
        var name = ExpectIdentifier("a qubit or register");
        ExpressionSyntax? index = null;
        if (Match(TokenKind.LeftBracket))
        {
            index = ParseExpression();
            if (Current.Kind is TokenKind.Colon or TokenKind.Comma)
                throw Error(Current, "not supported: index ranges and lists; index one bit, or use the whole register");
            Expect(TokenKind.RightBracket, "']'");
        }
        return new OperandSyntax(name.Text, index, SpanFrom(name));
    }

    /// <summary><c>measure q -> c;</c> or <c>measure q;</c></summary>
    private StatementSyntax ParseMeasure()
    {
        var start = Advance();
        var qubits = ParseOperand();
        OperandSyntax? target = null;
        if (Match(TokenKind.Arrow)) target = ParseOperand();
        ExpectSemicolon();
        return new MeasureSyntax(qubits, target, SpanFrom(start));
    }

    /// <summary><c>c = measure q;</c> or <c>c[0] = measure q[0];</c></summary>
    private StatementSyntax ParseAssignment()
    {
        var start = Current;
        var target = ParseOperand();
        if (IsCompoundAssignment(0)) throw Error(Current, $"not supported: classical assignment ('{Current.Text}{PeekToken().Text}')");
        var equals = Expect(TokenKind.Equals, "'='");
        if (!Current.IsKeyword("measure")) throw Error(Current.Kind == TokenKind.EndOfFile ? equals : Current, "not supported: classical assignment (only 'c = measure q;' is)");
        Advance();
        var qubits = ParseOperand();
        ExpectSemicolon();
        return new MeasureSyntax(qubits, target, SpanFrom(start));
    }

    /// <summary>True when the tokens from <paramref name="ahead"/> on are a compound assignment operator such as <c>+=</c> or <c>&lt;&lt;=</c>.</summary>
    private bool IsCompoundAssignment(int ahead) => (PeekToken(ahead).Kind, PeekToken(ahead + 1).Kind) switch
    {
        (TokenKind.Plus or TokenKind.Minus or TokenKind.Star or TokenKind.Slash or TokenKind.Percent or TokenKind.DoubleStar
            or TokenKind.Caret or TokenKind.Ampersand or TokenKind.Pipe, TokenKind.Equals) => true,
        (TokenKind.Less, TokenKind.LessEquals) or (TokenKind.Greater, TokenKind.GreaterEquals) => true,
        _ => false,
    };

    private StatementSyntax ParseReset()
    {
        var start = Advance();
        var qubits = ParseOperand();
        ExpectSemicolon();
        return new ResetSyntax(qubits, SpanFrom(start));
    }

    private StatementSyntax ParseBarrier()
    {
        var start = Advance();
        var operands = new List<OperandSyntax>();
        if (Current.Kind != TokenKind.Semicolon)
        {
            do operands.Add(ParseOperand());
            while (Match(TokenKind.Comma));
        }
        ExpectSemicolon();
        return new BarrierSyntax(operands, SpanFrom(start));
    }

    /// <summary><c>if (c == n) stmt</c>, <c>if (c[i]) stmt</c>, <c>if (!c[i]) stmt</c>, or a braced block of statements.</summary>
    private StatementSyntax ParseIf()
    {
        var start = Current;
        Enter(ref _blockNesting, QasmLimits.MaxBlockDepth, "'if' statements");
        try
        {
            Advance();
            Expect(TokenKind.LeftParen, "'(' after 'if'");
            bool negated = Match(TokenKind.Bang);
            var register = ParseOperand();
            ExpressionSyntax? value = null;
            if (!negated && Match(TokenKind.EqualsEquals)) value = ParseExpression();
            else if (Current.Kind is TokenKind.NotEquals or TokenKind.Less or TokenKind.Greater or TokenKind.LessEquals or TokenKind.GreaterEquals or TokenKind.Ampersand or TokenKind.Pipe)
                throw Error(Current, $"not supported: '{Current.Text}' in a condition (only '==' is)");
            if (negated) value = new NumberSyntax(0, true, register.Span);
            Expect(TokenKind.RightParen, "')' to close the condition");
            var body = new List<StatementSyntax>();
            if (Match(TokenKind.LeftBrace))
            {
                while (Current.Kind is not (TokenKind.RightBrace or TokenKind.EndOfFile))
                {
                    long before = _consumed;
                    if (TryParseStatement() is { } statement) body.Add(statement);
                    if (_consumed == before) Advance();
                }
                Expect(TokenKind.RightBrace, "'}' to close the if block");
            }
            else body.Add(ParseStatement());
            if (Current.IsKeyword("else")) throw Error(Current, "not supported: else branches");
            return new IfSyntax(register, value, body, SpanFrom(start));
        }
        finally
        {
            _blockNesting--;
        }
    }
}
