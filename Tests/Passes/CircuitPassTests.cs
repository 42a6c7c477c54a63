using QSim.Circuits;
using QSim.Gates;
using QSim.Passes;
using QSim.Tests.Oracles;

namespace QSim.Tests.Passes;

/// <summary>Each gate-level pass on small circuits whose result is known, checked against the dense reference too.</summary>
public sealed class CircuitPassTests
{
    private static string[] Names(Circuit circuit) => circuit.Operations.Select(op => op switch
    {
        GateOperation g => g.Gate.Name,
        _ => op.GetType().Name,
    }).ToArray();

    private static void AssertEquivalent(Circuit before, Circuit after)
    {
        var expected = ReferenceSimulator.Run(before);
        var actual = ReferenceSimulator.Run(after);
        double worst = expected.Zip(actual, (a, b) => (a - b).Magnitude).Max();
        Assert.That(worst, Is.LessThan(1e-12), "the rewrite changed the state");
    }

    [Test]
    public void RemoveIdentities_DropsIdAndZeroAngles_KeepsGlobalPhaseAndSymbols()
    {
        var theta = new Parameters.Symbol("theta");
        var circuit = new Circuit(2).Id(0).RX(0, 1).P(0, 0).RZ(2 * Math.PI, 0).RY(theta, 1).H(0);
        var result = new RemoveIdentities().Run(circuit);
        Assert.That(Names(result), Is.EqualTo(new[] { "rz", "ry", "h" }), "rz(2π) = −I is a phase, not the identity");
    }

    [Test]
    public void CancelInversePairs_RemovesPairsAcrossOtherQubitsAndCommutingGates()
    {
        var circuit = new Circuit(3).H(0).X(1).H(0).S(2).CZ(1, 2).Sdg(2).CX(0, 1).T(2).CX(0, 1);
        var result = new CancelInversePairs().Run(circuit);
        Assert.That(Names(result), Is.EqualTo(new[] { "x", "cz", "t" }));
        AssertEquivalent(circuit, result);
    }

    [Test]
    public void Passes_KeepEverySymbol_DeclaredOnesFirstThenInOrderOfFirstUse()
    {
        var circuit = new Circuit(2);
        var declared = circuit.DeclareSymbol("declared");
        Parameters.Symbol b = new("b"), a = new("a");
        circuit.RX(b, 0);
        circuit.Gate(GateLibrary.RX.Inverse(), [0], b);
        circuit.RY(a, 1).RZ(declared, 1);
        Assert.That(circuit.Symbols, Is.EqualTo(new[] { declared, b, a }));
        var result = new CancelInversePairs().Run(circuit);
        Assert.That(result.Operations, Has.Count.EqualTo(2), "b's gates cancel");
        Assert.That(result.Symbols, Is.EqualTo(new[] { declared, b, a }));
        Assert.That(circuit.Inverse().Symbols, Is.EqualTo(new[] { declared, a, b }), "the inverse meets a first");
    }

    [Test]
    public void CancelInversePairs_KeepsPairsSplitByANonCommutingGate()
    {
        var circuit = new Circuit(2).H(0).CX(0, 1).H(0).S(1).X(1).Sdg(1);
        Assert.That(Names(new CancelInversePairs().Run(circuit)), Is.EqualTo(Names(circuit)));
    }

    [Test]
    public void CancelInversePairs_RemovesParameterizedGateAndItsAdjoint_KeepingTheSymbolBindable()
    {
        var theta = new Parameters.Symbol("theta");
        var circuit = new Circuit(1).RX(theta, 0);
        circuit.Gate(GateLibrary.RX.Inverse(), [0], theta);
        var result = new CancelInversePairs().Run(circuit);
        Assert.That(result.Operations, Is.Empty);
        Assert.That(result.Symbols, Is.EqualTo(new[] { theta }));
    }

    [Test]
    public void MergeRotations_SumsAnglesSymbolically_AcrossCommutingGates()
    {
        var a = new Parameters.Symbol("a");
        var circuit = new Circuit(2).RZ(a, 0).CZ(0, 1).RZ(0.5, 0).RX(1, 1).RX(a, 1);
        var result = new MergeRotations().Run(circuit);
        Assert.That(Names(result), Is.EqualTo(new[] { "rz", "cz", "rx" }));
        var rz = (GateOperation)result.Operations[0];
        Assert.That(rz.Parameters[0].ToString(), Is.EqualTo("a + 0.5"));
        var binding = Parameters.ParameterBinding.From([a], [0.7]);
        var expected = ReferenceSimulator.Run(circuit, binding);
        var actual = ReferenceSimulator.Run(result, binding);
        Assert.That(expected.Zip(actual, (x, y) => (x - y).Magnitude).Max(), Is.LessThan(1e-12));
    }

    [Test]
    public void MergeRotations_DoesNotMergeAcrossANonCommutingGateOrAMeasurement()
    {
        var circuit = new Circuit(1, 1).RX(1, 0).H(0).RX(2, 0).Measure(0, 0).RX(3, 0);
        Assert.That(Names(new MergeRotations().Run(circuit)), Is.EqualTo(Names(circuit)));
    }

    [Test]
    public void Passes_DoNotMoveGatesAcrossBarriersResetsOrConditions()
    {
        var circuit = new Circuit(2, 1).H(0).Barrier(0).H(0).X(1).Reset(1).X(1).S(0);
        circuit.If([0], 1, c => c.Sdg(0));
        IPass[] passes = [new RemoveIdentities(), new CancelInversePairs(), new MergeRotations()];
        foreach (var pass in passes)
            Assert.That(Names(pass.Run(circuit)), Is.EqualTo(Names(circuit)), pass.Name);
    }
}
