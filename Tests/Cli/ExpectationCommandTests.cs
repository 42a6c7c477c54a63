using System.Text.Json;
using static QSim.Tests.Cli.CliHarness;

namespace QSim.Tests.Cli;

/// <summary>
/// <c>--observable</c>, <c>--output expectation</c> and <c>--gradient</c> on examples/rotations.qasm, whose values
/// have closed forms: RY(θ) on qubit 0 and RX(φ) on qubit 1 give ⟨Z0⟩ = cos θ, ⟨X0⟩ = sin θ, ⟨Z1⟩ = cos φ.
/// </summary>
public class ExpectationCommandTests
{
    private const double Theta = 0.5, Phi = 1.0;
    private static readonly string[] Observables = ["Z0", "X0", "Z0*Z1", "0.5*Z0 + 2*Z1"];

    private static readonly double[] ExpectedValues =
        [Math.Cos(Theta), Math.Sin(Theta), Math.Cos(Theta) * Math.Cos(Phi), 0.5 * Math.Cos(Theta) + 2 * Math.Cos(Phi)];

    /// <summary>[observable][parameter]: d/dθ, d/dφ.</summary>
    private static readonly double[][] ExpectedGradient =
    [
        [-Math.Sin(Theta), 0],
        [Math.Cos(Theta), 0],
        [-Math.Sin(Theta) * Math.Cos(Phi), -Math.Cos(Theta) * Math.Sin(Phi)],
        [-0.5 * Math.Sin(Theta), -2 * Math.Sin(Phi)],
    ];

    private static Result RunRotations(params string[] options) => Run(
        ["run", Example("rotations.qasm"), "--param", $"theta={Theta}", "--param", $"phi={Phi}",
         .. Observables.SelectMany(o => new[] { "--observable", o }), .. options]);

    [Test]
    public void Expectation_Json_HasOneValuePerObservableInOrder()
    {
        var result = RunRotations("--output", "expectation", "--precision", "double", "--format", "json");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.Error);
        Assert.That(result.Error, Is.Empty);
        using var json = JsonDocument.Parse(result.Out);
        var root = json.RootElement;
        Assert.That(root.EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "qubits", "clbits", "shots", "seed", "expectation" }));
        Assert.That(root.GetProperty("expectation").EnumerateArray().Select(v => v.GetDouble()), Is.EqualTo(ExpectedValues).Within(1e-12));
    }

    [Test]
    public void Expectation_SinglePrecision_IsCloseToTheExactValue()
    {
        var result = RunRotations("--format", "json");

        using var json = JsonDocument.Parse(result.Out);
        Assert.That(json.RootElement.GetProperty("expectation").EnumerateArray().Select(v => v.GetDouble()), Is.EqualTo(ExpectedValues).Within(1e-6));
    }

    [TestCase("adjoint", 1e-12)]
    [TestCase("shift", 1e-12)]
    [TestCase("fd", 1e-8)]
    public void Gradient_Json_MatchesTheClosedFormForEveryObservableAndParameter(string method, double tolerance)
    {
        var result = RunRotations("--gradient", method, "--precision", "double", "--format", "json");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.Error);
        using var json = JsonDocument.Parse(result.Out);
        var root = json.RootElement;
        Assert.That(root.EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "qubits", "clbits", "shots", "seed", "expectation", "parameters", "gradient" }));
        Assert.That(root.GetProperty("parameters").EnumerateArray().Select(p => p.GetString()), Is.EqualTo(new[] { "theta", "phi" }));
        var gradient = root.GetProperty("gradient").EnumerateArray().Select(row => row.EnumerateArray().Select(v => v.GetDouble()).ToArray()).ToArray();
        Assert.That(gradient, Has.Length.EqualTo(Observables.Length));
        for (int o = 0; o < Observables.Length; o++)
            Assert.That(gradient[o], Is.EqualTo(ExpectedGradient[o]).Within(tolerance), Observables[o]);
        Assert.That(root.GetProperty("expectation").EnumerateArray().Select(v => v.GetDouble()), Is.EqualTo(ExpectedValues).Within(1e-12));
    }

    [Test]
    public void Expectation_Text_AlignsObservablesAndValues()
    {
        var result = RunRotations("--precision", "double");

        Assert.That(result.Out, Does.Contain(
            "expectation:\n" +
            "  Z0             0.877582562\n" +
            "  X0             0.479425539\n" +
            "  Z0*Z1          0.474159882\n" +
            "  0.5*Z0 + 2*Z1  1.519395893\n"));
    }

    [Test]
    public void Gradient_Text_IsATableWithOneColumnPerParameter()
    {
        var result = RunRotations("--precision", "double", "--gradient", "adjoint");

        Assert.That(result.Out, Does.Contain(
            "gradient (adjoint), d<observable>/d<parameter>:\n" +
            "  observable            theta           phi\n" +
            "  Z0             -0.479425539   0.000000000\n" +
            "  X0              0.877582562   0.000000000\n" +
            "  Z0*Z1          -0.259034724  -0.738460263\n" +
            "  0.5*Z0 + 2*Z1  -0.239712769  -1.682941970\n"));
    }

    [Test]
    public void Expectation_IgnoresTerminalMeasurements()
    {
        // vqe_ansatz.qasm measures both qubits at the end; qubit 0 sees only ry(theta): <Z0> = cos(theta), independent of phi.
        var result = Run("run", Example("vqe_ansatz.qasm"), "-p", "theta=0.3", "-p", "phi=1.2", "--observable", "Z0",
            "--gradient", "adjoint", "--precision", "double", "--format", "json");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.Error);
        using var json = JsonDocument.Parse(result.Out);
        Assert.That(json.RootElement.GetProperty("expectation")[0].GetDouble(), Is.EqualTo(Math.Cos(0.3)).Within(1e-12));
        var gradient = json.RootElement.GetProperty("gradient")[0];
        Assert.That((gradient[0].GetDouble(), gradient[1].GetDouble()), Is.EqualTo((-Math.Sin(0.3), 0.0)).Within(1e-12));
    }

    [Test]
    public void Expectation_WithOtherOutputs_PrintsEach()
    {
        var result = RunWithStdin(Unmeasured, "run", "-", "-o", "probabilities,expectation", "--observable", "Z0", "--format", "json");

        using var json = JsonDocument.Parse(result.Out);
        Assert.That(json.RootElement.GetProperty("probabilities").GetProperty("01").GetDouble(), Is.EqualTo(1.0).Within(1e-6));
        Assert.That(json.RootElement.GetProperty("expectation")[0].GetDouble(), Is.EqualTo(-1.0).Within(1e-6));
    }

    [TestCase(new[] { "--observable", "Z0*Q1" }, "--observable \"Z0*Q1\": Pauli sum, line 1, column 4: expected a Pauli factor after '*'.\n  Z0*Q1\n     ^\n")]
    [TestCase(new[] { "--observable", "Z0 + Z5" }, "--observable \"Z0 + Z5\": Observable term '1*Z5' acts on qubit 5, but the circuit has 2 qubit(s)")]
    [TestCase(new[] { "--output", "expectation" }, "--output expectation needs at least one --observable")]
    [TestCase(new[] { "--output", "probabilities", "--observable", "Z0" }, "--observable is only used by --output expectation")]
    [TestCase(new[] { "--gradient", "adjoint" }, "--gradient adjoint differentiates expectation values: give --observable")]
    [TestCase(new[] { "--observable", "Z0", "--gradient", "newton" }, "--gradient: Argument 'newton' not recognized")]
    public void ExpectationOptions_Invalid_ExitTwoWithMessageAndNoOutput(string[] options, string message)
    {
        var result = RunWithStdin(Unmeasured, ["run", "-", .. options]);

        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.Error, Does.Contain(message));
        Assert.That(result.Out, Is.Empty);
    }

    [Test]
    public void Gradient_OfCircuitWithoutInputs_ExitsTwo()
    {
        var result = RunWithStdin(Unmeasured, "run", "-", "--observable", "Z0", "--gradient", "fd");

        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.Error, Does.Contain("--gradient fd: the circuit has no input parameters to differentiate"));
    }

    [Test]
    public void Expectation_OfMidCircuitMeasurement_ExitsTwoWithoutSingleFinalState()
    {
        var result = RunWithStdin(Bell + "if (c == 3) x q[0];\n", "run", "-", "--observable", "Z0");

        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.Error, Does.Contain("--output expectation: the circuit has mid-circuit measurement, reset or if, so there is no single final state"));
    }
}
