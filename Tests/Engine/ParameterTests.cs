using QSim.Circuits;
using QSim.Parameters;

namespace QSim.Tests.Engine;

/// <summary>Symbolic parameters: evaluation, derivatives, printing, binding checks.</summary>
public sealed class ParameterTests
{
    private static readonly Symbol Theta = new("theta"), Phi = new("phi");

    [Test]
    public void Expression_EvaluatesUnderBinding()
    {
        ParameterExpression e = 2.0 * Theta + ParameterExpression.Sin(Phi) / 4.0;
        var binding = ParameterBinding.From([Theta, Phi], [0.5, 1.0]);
        Assert.That(e.Evaluate(binding), Is.EqualTo(1 + Math.Sin(1) / 4).Within(1e-15));
    }

    [Test]
    public void Derivative_OfProductAndChain_MatchesFiniteDifference()
    {
        ParameterExpression e = ParameterExpression.Pow(Theta, 3.0) * ParameterExpression.Cos(Theta * Phi) + ParameterExpression.Exp(Phi);
        var at = new[] { 0.7, -0.3 };
        double h = 1e-6;
        double numeric = (e.Evaluate(ParameterBinding.From([Theta, Phi], [at[0] + h, at[1]]))
                          - e.Evaluate(ParameterBinding.From([Theta, Phi], [at[0] - h, at[1]]))) / (2 * h);
        Assert.That(e.Derivative(Theta).Evaluate(ParameterBinding.From([Theta, Phi], at)), Is.EqualTo(numeric).Within(1e-8));
    }

    [Test]
    public void ToString_UsesMinimalParentheses()
    {
        ParameterExpression e = (Theta + 1.0) * 2.0 - Theta / (Phi * 3.0);
        Assert.That(e.ToString(), Is.EqualTo("(theta + 1)*2 - theta/(phi*3)"));
    }

    [Test]
    public void Constants_FoldImmediately()
    {
        ParameterExpression e = ParameterExpression.Sqrt(4.0) * Math.PI;
        Assert.That(e.TryGetConstant(out double v) && Math.Abs(v - 2 * Math.PI) < 1e-15, Is.True);
    }

    [TestCase(double.NaN)]
    [TestCase(double.PositiveInfinity)]
    public void Binding_NonFiniteValue_IsRejectedNamingTheParameter(double value)
    {
        Assert.That(() => ParameterBinding.From([Theta], [value]),
            Throws.TypeOf<ParameterBindingException>().With.Message.Contains("'theta' must be a finite number"));
    }

    [Test]
    public void Bind_MissingAndExtraParameters_AreNamed()
    {
        var circuit = new Circuit(1).RX(Theta, 0).RZ(Phi, 0);
        var plan = QSim.Tests.Passes.TestPlans.Plan(circuit);
        Assert.Multiple(() =>
        {
            Assert.That(() => plan.Bind(ParameterBinding.From([Theta], [1.0])),
                Throws.TypeOf<ParameterBindingException>().With.Message.Contains("Missing value for parameter(s): phi"));
            Assert.That(() => plan.Bind(ParameterBinding.FromNames([new("theta", 1), new("phi", 2), new("gamma", 3)])),
                Throws.TypeOf<ParameterBindingException>().With.Message.Contains("Unknown parameter(s): gamma"));
        });
    }
}
