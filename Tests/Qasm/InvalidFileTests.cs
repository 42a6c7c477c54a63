using QSim.Qasm;

namespace QSim.Tests.Qasm;

/// <summary>
/// Every malformed file in <c>Qasm/Invalid</c>: its first diagnostic must have the expected line, column
/// and wording. A new file without a row here fails, so the table and the folder stay in step.
/// </summary>
public class InvalidFileTests
{
    private static readonly Dictionary<string, (int Line, int Column, string Message)> Expected = new()
    {
        ["undeclared_register"] = (4, 3, "undeclared quantum register 'r'"),
        ["redeclared_register"] = (4, 6, "'q' is already declared (at line 3)"),
        ["index_out_of_range"] = (4, 5, "index 2 is out of range for register 'q' of size 2"),
        ["wrong_qubit_count"] = (4, 4, "gate 'cx' acts on 2 qubit(s); got 1"),
        ["wrong_parameter_count"] = (4, 1, "gate 'rx' takes 1 parameter(s); got 2"),
        ["unknown_gate"] = (4, 1, "unknown gate 'foo'"),
        ["duplicate_qubit"] = (4, 10, "qubit q[1] is used twice in one gate call"),
        ["unsupported_version"] = (1, 10, "OpenQASM version 4.0 is not supported"),
        ["missing_semicolon"] = (3, 10, "expected ';', found 'h'"),
        ["missing_include"] = (3, 1, "unknown gate 'h' (did you forget 'include \"qelib1.inc\";'"),
        ["opaque_applied"] = (5, 1, "gate 'magic' is opaque: it has no definition, so it cannot be applied"),
        ["register_size_mismatch"] = (5, 7, "registers of different sizes in one statement: 'a' has 2, 'b' has 3"),
        ["measure_size_mismatch"] = (5, 14, "measure: 'q' has 2 qubit(s) but 'c' has 3 bit(s)"),
        ["measure_into_quantum_register"] = (5, 14, "'r' is a quantum register; expected classical bits"),
        ["gate_on_classical_register"] = (4, 3, "'c' is a classical register; expected qubits"),
        ["unexpected_character"] = (4, 9, "unexpected character '#'"),
        ["unterminated_string"] = (2, 9, "unterminated string"),
        ["unterminated_comment"] = (3, 1, "unterminated comment"),
        ["malformed_number"] = (4, 5, "malformed number '1e'"),
        ["undeclared_identifier"] = (4, 4, "undeclared identifier 'theta'"),
        ["unknown_function"] = (4, 4, "unknown function 'arcsin'"),
        ["gate_body_unknown_argument"] = (3, 14, "'b' is not a qubit argument of gate 'g'"),
        ["gate_redefined"] = (3, 6, "gate 'h' is already defined"),
        ["gate_body_measure"] = (3, 12, "'measure' is not allowed in a gate body"),
        ["for_loop"] = (4, 1, "not supported: for loops"),
        ["subroutine"] = (4, 1, "not supported: subroutines (def)"),
        ["delay"] = (4, 1, "not supported: timing (delay)"),
        ["include_not_found"] = (3, 1, "include file 'missing.inc' not found"),
        ["include_cycle"] = (2, 1, "include cycle: cycle_a.inc -> cycle_b.inc -> cycle_a.inc"),
        ["version_not_first"] = (2, 1, "'OPENQASM' must be the first statement of the file"),
        ["condition_value_too_large"] = (5, 10, "condition value 4 does not fit in 2 bit(s) of 'c'"),
        ["register_size_negative"] = (3, 8, "register size must be at least 1; got -1"),
        ["input_of_unsupported_type"] = (3, 7, "not supported: input of type 'int'"),
        ["pow_non_integer"] = (4, 5, "not supported: pow with a non-integer exponent (0.5)"),
        ["missing_parenthesis"] = (4, 8, "expected ',' or ')' in the parameter list, found 'q'"),
        ["else_branch"] = (5, 21, "not supported: else branches"),
        ["classical_assignment"] = (4, 8, "not supported: classical assignment"),
        ["several_errors"] = (4, 3, "undeclared quantum register 'r'"),
        ["unsupported_minor_version"] = (1, 10, "OpenQASM version 2.5 is not supported (use 2.0 or 3.0)"),
        ["empty_program"] = (1, 1, "the program is empty: expected 'OPENQASM 2.0;' or 'OPENQASM 3.0;'"),
        ["pragma"] = (3, 1, "not supported: pragmas"),
        ["end_statement"] = (4, 1, "not supported: end"),
        ["compound_assignment"] = (3, 3, "not supported: classical assignment ('+=')"),
        ["for_loop_over_set"] = (4, 1, "not supported: for loops"),
        ["lexer_error_after_syntax_error"] = (3, 10, "expected ';', found 'h'"),
        // Found by the coverage-guided fuzzer: a definition before any register crashed while naming the qubit.
        ["gate_body_duplicate_qubit"] = (3, 21, "qubit argument 'b' is used twice in one gate call"),
    };

    private static string Folder => Path.Combine(TestContext.CurrentContext.TestDirectory, "Qasm", "Invalid");

    private static IEnumerable<string> Names() =>
        Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Qasm", "Invalid"), "*.qasm").Select(Path.GetFileNameWithoutExtension).Order()!;

    [TestCaseSource(nameof(Names))]
    public void Parse_InvalidFile_ReportsExpectedLineColumnAndMessage(string name)
    {
        Assert.That(Expected, Does.ContainKey(name), $"Add the expected diagnostic of Invalid/{name}.qasm to the table.");
        var (line, column, message) = Expected[name];

        var error = Assert.Throws<QasmException>(() => QasmParser.ParseFile(Path.Combine(Folder, name + ".qasm")))!;

        var first = error.Diagnostics[0];
        Assert.That((first.Line, first.Column), Is.EqualTo((line, column)), first.Format());
        Assert.That(first.Message, Does.Contain(message));
    }

    [Test]
    public void Table_HasAtLeastThirtyInvalidFiles() => Assert.That(Names().Count(), Is.GreaterThanOrEqualTo(30));

    [Test]
    public void Parse_IncludeCycle_ReportsInTheIncludedFile()
    {
        var error = Assert.Throws<QasmException>(() => QasmParser.ParseFile(Path.Combine(Folder, "include_cycle.qasm")))!;

        Assert.That(error.Diagnostics[0].File, Does.EndWith("cycle_b.inc"));
    }

    [Test]
    public void Parse_SeveralIndependentErrors_ReportsThemAllInOrder()
    {
        var error = Assert.Throws<QasmException>(() => QasmParser.ParseFile(Path.Combine(Folder, "several_errors.qasm")))!;

        Assert.That(error.Diagnostics.Select(d => d.Line), Is.EqualTo(new[] { 4, 5, 6 }));
    }

    [TestCase("lexer_error_after_syntax_error", new[] { 3, 4 })]
    [TestCase("pragma", new[] { 3, 4 })]
    [TestCase("for_loop_over_set", new[] { 4 })]
    public void Parse_InvalidFile_ReportsEachErrorOnceInSourceOrder(string name, int[] lines)
    {
        var error = Assert.Throws<QasmException>(() => QasmParser.ParseFile(Path.Combine(Folder, name + ".qasm")))!;

        Assert.That(error.Diagnostics.Select(d => d.Line), Is.EqualTo(lines), error.Message);
    }

    [TestCase("OPENQASM 2.0;")]
    [TestCase("OPENQASM 3;")]
    [TestCase("OPENQASM 3.0;")]
    public void Parse_SupportedVersion_IsAccepted(string version) => Assert.That(QasmParser.Parse(version).QubitCount, Is.Zero);

    [Test]
    public void Format_Diagnostic_ShowsFileLineColumnSourceLineAndCaret()
    {
        var error = Assert.Throws<QasmException>(() => QasmParser.Parse("OPENQASM 2.0;\nqreg q[2];\nCX q[0], q[7];\n", "bell.qasm"))!;

        Assert.That(error.Diagnostics[0].Format(), Is.EqualTo(
            "bell.qasm:3:12: error: index 7 is out of range for register 'q' of size 2\nCX q[0], q[7];\n           ^"));
    }
}
