using QSim.Circuits;
using QSim.Parameters;
using QSim.Qasm;

namespace QSim.Tests.Qasm;

/// <summary>Parameter expressions, evaluated through a one-gate program so that the whole pipeline is exercised.</summary>
public class ExpressionTests
{
    private static ParameterExpression ParameterOf(string expression, string declarations = "")
    {
        var circuit = QasmParser.Parse($"OPENQASM 3.0;\ninclude \"stdgates.inc\";\n{declarations}\nqubit[1] q;\nrz({expression}) q[0];\n");
        return ((GateOperation)circuit.Operations[^1]).Parameters[0];
    }

    private static double Evaluate(string expression) => ParameterOf(expression).Evaluate(ParameterBinding.Empty);

    [TestCase("-pi/2^2", -Math.PI / 4)]
    [TestCase("-2^2", -4.0)]
    [TestCase("2^3^2", 512.0)]
    [TestCase("2**-1", 0.5)]
    [TestCase("1 - 2 - 3", -4.0)]
    [TestCase("8 / 4 / 2", 1.0)]
    [TestCase("1 + 2 * 3", 7.0)]
    [TestCase("(1 + 2) * 3", 9.0)]
    [TestCase("--1", 1.0)]
    public void Evaluate_Operators_FollowQiskitPrecedenceAndAssociativity(string expression, double expected) =>
        Assert.That(Evaluate(expression), Is.EqualTo(expected).Within(1e-15));

    [TestCase("sin(pi/2)", 1.0)]
    [TestCase("cos(0)", 1.0)]
    [TestCase("tan(0)", 0.0)]
    [TestCase("exp(0)", 1.0)]
    [TestCase("ln(1)", 0.0)]
    [TestCase("sqrt(4)", 2.0)]
    [TestCase("tau/2", Math.PI)]
    [TestCase("π", Math.PI)]
    [TestCase("euler", Math.E)]
    [TestCase("1e-3 + .5", 0.501)]
    public void Evaluate_FunctionsAndConstants_GiveTheirValues(string expression, double expected) =>
        Assert.That(Evaluate(expression), Is.EqualTo(expected).Within(1e-15));

    [Test]
    public void Evaluate_InputInExpression_StaysSymbolic()
    {
        var parameter = ParameterOf("2*theta + pi", "input float[64] theta;");

        Assert.That(parameter.Symbols.Select(s => s.Name), Is.EqualTo(new[] { "theta" }));
        Assert.That(parameter.Evaluate(ParameterBinding.FromNames([new("theta", 0.5)])), Is.EqualTo(1 + Math.PI).Within(1e-15));
    }

    [Test]
    public void Evaluate_Const_FoldsToItsValue()
    {
        Assert.That(ParameterOf("half * 2", "const float half = 0.25;").IsConstant, Is.True);
    }

    [Test]
    public void Evaluate_DivisionByZero_ReportsNotFinite()
    {
        var error = Assert.Throws<QasmException>(() => Evaluate("1/0"))!;

        Assert.That(error.Diagnostics[0].Message, Does.Contain("not a finite number"));
    }
}
