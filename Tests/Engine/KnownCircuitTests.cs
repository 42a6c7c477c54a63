using System.Numerics;
using QSim.Backends;
using QSim.Circuits;
using QSim.Execution;
using QSim.Tests.Backends;
using QSim.Tests.Oracles;

namespace QSim.Tests.Engine;

/// <summary>Circuits whose results are known analytically, run through the Simulator on every CPU kernel path.</summary>
[TestFixtureSource(typeof(BackendConfigurations), nameof(BackendConfigurations.CpuNames))]
public sealed class KnownCircuitTests(string configuration) : BackendFixture(configuration)
{
    private Simulator _simulator = null!;

    [OneTimeSetUp] public void CreateSimulator() => _simulator = new Simulator(Backend);

    [Test]
    public void BellCircuit_GivesEqualSuperpositionOf00And11([Values] Precision precision)
    {
        using var state = _simulator.FinalState(new Circuit(2).H(0).CX(0, 1), precision: precision);
        var expected = new Complex[4];
        expected[0] = expected[3] = 1 / Math.Sqrt(2);
        KernelOracleTests.AssertClose(state, expected, precision, "Bell");
    }

    [Test]
    public void GhzCircuit_GivesEqualSuperpositionOfAllZerosAndAllOnes([Values(3, 7, 15)] int qubits, [Values] Precision precision)
    {
        var circuit = new Circuit(qubits).H(0);
        for (int q = 1; q < qubits; q++) circuit.CX(q - 1, q);
        using var state = _simulator.FinalState(circuit, precision: precision);
        var expected = new Complex[1 << qubits];
        expected[0] = expected[^1] = 1 / Math.Sqrt(2);
        KernelOracleTests.AssertClose(state, expected, precision, "GHZ");
    }

    [TestCase(1, 0)]
    [TestCase(1, 1)]
    [TestCase(3, 6)]
    [TestCase(5, 1)]
    [TestCase(5, 19)]
    [TestCase(8, 0)]
    [TestCase(8, 200)]
    public void Qft_OfBasisState_MatchesAnalyticFormula(int qubits, int input)
    {
        var circuit = new Circuit(qubits);
        for (int q = 0; q < qubits; q++) if (((input >> q) & 1) != 0) circuit.X(q);
        AppendQft(circuit);
        using var state = _simulator.FinalState(circuit, precision: Precision.Double);
        // QFT|x⟩ = 2^{-n/2} Σ_k e^{2πi·x·k/2^n} |k⟩.
        int dim = 1 << qubits;
        var expected = Enumerable.Range(0, dim)
            .Select(k => Complex.FromPolarCoordinates(1 / Math.Sqrt(dim), 2 * Math.PI * input * k / dim)).ToArray();
        KernelOracleTests.AssertClose(state, expected, Precision.Double, $"QFT|{input}⟩");
    }

    [Test]
    public void RandomCircuitFollowedByItsInverse_ReturnsToZeroState([Values] Precision precision)
    {
        var circuit = RandomCircuits.Layered(8, depth: 12, seed: 5);
        circuit.Compose(circuit.Inverse());
        using var state = _simulator.FinalState(circuit, precision: precision);
        var expected = new Complex[1 << 8];
        expected[0] = 1;
        KernelOracleTests.AssertClose(state, expected, precision, "U·U†");
    }

    [Test]
    public void RandomCircuit_MatchesDenseReference([Values(2, 5, 8)] int qubits, [Values] Precision precision)
    {
        var circuit = RandomCircuits.Layered(qubits, depth: 10, seed: qubits);
        using var state = _simulator.FinalState(circuit, precision: precision);
        KernelOracleTests.AssertClose(state, ReferenceSimulator.Run(circuit), precision, "random circuit");
    }

    [Test]
    public void Teleportation_WithMidCircuitMeasurement_DeliversTheStateEveryShot()
    {
        // Prepare RY(0.7)·RZ(1.1)|0⟩ on qubit 0, teleport it to qubit 2, undo the preparation there:
        // qubit 2 must then read 0 on every shot, whatever the two mid-circuit outcomes were.
        var circuit = new Circuit(3, 3);
        circuit.RY(0.7, 0).RZ(1.1, 0);
        circuit.H(1).CX(1, 2);
        circuit.CX(0, 1).H(0);
        circuit.Measure(0, 0).Measure(1, 1);
        circuit.If([1], 1, c => c.X(2));
        circuit.If([0], 1, c => c.Z(2));
        circuit.RZ(-1.1, 2).RY(-0.7, 2);
        circuit.Measure(2, 2);
        var counts = _simulator.Counts(circuit, new RunOptions { Shots = 400, Seed = 3 });
        Assert.That(counts.Keys.All(k => k[0] == '0'), Is.True, $"Bob's qubit read 1: {string.Join(", ", counts)}");
        Assert.That(counts.Keys.Select(k => k[1..]).Distinct().Count(), Is.EqualTo(4), "all four Bell outcomes occur");
    }

    private static void AppendQft(Circuit circuit)
    {
        int n = circuit.QubitCount;
        for (int target = n - 1; target >= 0; target--)
        {
            circuit.H(target);
            for (int control = target - 1; control >= 0; control--) circuit.CP(Math.PI / (1 << (target - control)), control, target);
        }
        for (int q = 0; q < n / 2; q++) circuit.Swap(q, n - 1 - q);
    }
}
