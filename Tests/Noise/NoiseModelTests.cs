using QSim.Circuits;
using QSim.Noise;
using QSim.Numerics;
using QSim.Tests.Oracles;

namespace QSim.Tests.Noise;

/// <summary>Noise models: where they put channels, which rules win, readout data, and that no noise changes nothing.</summary>
public sealed class NoiseModelTests
{
    private static readonly BoundChannel Small = ChannelLibrary.Depolarizing.Bind(0.01);
    private static readonly BoundChannel Pair = ChannelLibrary.Depolarizing2.Bind(0.02);
    private static readonly BoundChannel Damping = ChannelLibrary.AmplitudeDamping.Bind(0.05);

    private static string[] Listing(Circuit circuit) =>
        [.. circuit.Operations.Select(op => op is MeasureOperation m ? $"measure q[{m.Qubit}] -> c[{m.Clbit}]" : op.ToString()!)];

    [Test]
    public void EmptyModel_GivesTheInputCircuitItself()
    {
        var circuit = new Circuit(2).H(0).CX(0, 1).MeasureAll();
        var noisy = new NoiseModel().Apply(circuit);
        Assert.That(noisy.Circuit, Is.SameAs(circuit));
        Assert.That(noisy.Readout.IsEmpty, Is.True);
    }

    [Test]
    public void ModelOfZeroNoise_GivesTheInputCircuitItself()
    {
        var circuit = new Circuit(2).H(0).CX(0, 1).MeasureAll();
        var model = new NoiseModel()
            .AddGateNoise(ChannelLibrary.Depolarizing.Bind(0), ["h"])
            .AddGateNoise(ChannelLibrary.ThermalRelaxation.Bind(50, 60, 0), ["cx"])
            .AddMeasurementNoise(ChannelLibrary.BitFlip.Bind(0))
            .AddReadoutError(ReadoutError.FromFlipProbabilities(0, 0));
        var noisy = model.Apply(circuit);
        Assert.That(noisy.Circuit, Is.SameAs(circuit));
        Assert.That(noisy.Readout.IsEmpty, Is.True);
    }

    [Test]
    public void GateNoise_FollowsEachNamedGate()
    {
        var model = new NoiseModel().AddGateNoise(Small, ["h", "x"]).AddGateNoise(Pair, ["cx"]);
        var noisy = model.Apply(new Circuit(2).H(0).CX(0, 1).X(1).Z(0)).Circuit;
        Assert.That(Listing(noisy), Is.EqualTo(new[]
        {
            "h q[0]", "depolarizing(p=0.01) q[0]", "cx q[0], q[1]", "depolarizing2(p=0.02) q[0], q[1]",
            "x q[1]", "depolarizing(p=0.01) q[1]", "z q[0]",
        }));
    }

    [Test]
    public void GateNoise_ByAlias_MatchesTheGate()
    {
        var model = new NoiseModel().AddGateNoise(Pair, ["cnot"]);
        Assert.That(model.GateRules[0].Gates, Is.EqualTo(new[] { "cx" }));
        Assert.That(Listing(model.Apply(new Circuit(2).CX(1, 0)).Circuit), Has.Member("depolarizing2(p=0.02) q[1], q[0]"));
    }

    [Test]
    public void OneQubitChannel_AfterATwoQubitGate_ActsOnEachOfItsQubits()
    {
        var model = new NoiseModel().AddGateNoise(Damping, ["cx"]);
        Assert.That(Listing(model.Apply(new Circuit(3).CX(2, 0)).Circuit), Is.EqualTo(new[]
        {
            "cx q[2], q[0]", "amplitude_damping(gamma=0.05) q[2]", "amplitude_damping(gamma=0.05) q[0]",
        }));
    }

    [Test]
    public void RulesForGivenQubits_ReplaceTheRulesForAllQubits_AndSeveralRulesApplyInOrder()
    {
        var model = new NoiseModel()
            .AddGateNoise(Small, ["h"])
            .AddGateNoise(Damping, ["h"])
            .AddGateNoise(ChannelLibrary.BitFlip.Bind(0.3), ["h"], [[1]]);
        Assert.That(Listing(model.Apply(new Circuit(2).H(0).H(1)).Circuit), Is.EqualTo(new[]
        {
            "h q[0]", "depolarizing(p=0.01) q[0]", "amplitude_damping(gamma=0.05) q[0]", "h q[1]", "bit_flip(p=0.3) q[1]",
        }));
    }

    [Test]
    public void RulesForGivenQubits_MatchTheGatesQubitListInOrder()
    {
        var model = new NoiseModel().AddGateNoise(Pair, ["cx"], [[0, 1]]);
        Assert.That(model.Apply(new Circuit(2).CX(1, 0)).Circuit.Operations, Has.Count.EqualTo(1));
        Assert.That(model.Apply(new Circuit(2).CX(0, 1)).Circuit.Operations, Has.Count.EqualTo(2));
    }

    [Test]
    public void MeasurementNoise_PrecedesEachMeasurement_QubitRulesWinning()
    {
        var model = new NoiseModel().AddMeasurementNoise(ChannelLibrary.BitFlip.Bind(0.02)).AddMeasurementNoise(ChannelLibrary.BitFlip.Bind(0.1), [1]);
        Assert.That(Listing(model.Apply(new Circuit(2, 2).H(0).Measure(0, 0).Measure(1, 1)).Circuit), Is.EqualTo(new[]
        {
            "h q[0]", "bit_flip(p=0.02) q[0]", "measure q[0] -> c[0]", "bit_flip(p=0.1) q[1]", "measure q[1] -> c[1]",
        }));
    }

    [Test]
    public void ConditionedGatesAndMeasurements_GetConditionedNoise()
    {
        var model = new NoiseModel().AddGateNoise(Small, ["x"]).AddMeasurementNoise(ChannelLibrary.BitFlip.Bind(0.02));
        var circuit = new Circuit(1, 2).Measure(0, 0).If([0], 1, c => c.X(0).Measure(0, 1));
        var ops = model.Apply(circuit).Circuit.Operations;
        Assert.That(ops.Select(op => op.GetType().Name), Is.EqualTo(new[]
        {
            "ChannelOperation", "MeasureOperation", "ConditionalOperation", "ConditionalOperation", "ConditionalOperation", "ConditionalOperation",
        }));
        var bodies = ops.Skip(2).Cast<ConditionalOperation>().ToArray();
        Assert.That(bodies.Select(c => c.Body.GetType().Name), Is.EqualTo(new[] { "GateOperation", "ChannelOperation", "ChannelOperation", "MeasureOperation" }));
        Assert.That(bodies.Select(c => c.Condition), Is.All.EqualTo(bodies[0].Condition));
    }

    [Test]
    public void Apply_KeepsRegistersAndSymbolsAndLeavesTheInputUnchanged()
    {
        var circuit = new Circuit(2, 1);
        var theta = circuit.DeclareSymbol("theta");
        circuit.RX(theta, 0).CX(0, 1).Measure(1, 0);
        var before = Listing(circuit);
        var noisy = new NoiseModel().AddGateNoise(Small, ["rx"]).Apply(circuit).Circuit;
        Assert.That(Listing(circuit), Is.EqualTo(before));
        Assert.That(noisy.Symbols, Is.EqualTo(circuit.Symbols));
        Assert.That(noisy.QuantumRegisters, Is.EqualTo(circuit.QuantumRegisters));
        Assert.That(noisy.ClassicalRegisters, Is.EqualTo(circuit.ClassicalRegisters));
    }

    [Test]
    public void Readout_QubitErrorsReplaceTheAllQubitError_OnTheCircuitsQubitsOnly()
    {
        var all = ReadoutError.FromFlipProbabilities(0.01, 0.02);
        var third = ReadoutError.FromFlipProbabilities(0.1, 0.2);
        var model = new NoiseModel().AddReadoutError(all).AddReadoutError(third, [2, 7]);
        var readout = model.Apply(new Circuit(4)).Readout;
        Assert.That(readout.ByQubit.Keys, Is.EquivalentTo(new[] { 0, 1, 2, 3 }));
        Assert.That(readout.For(2), Is.SameAs(third));
        Assert.That(readout.For(3), Is.SameAs(all));
        Assert.That(readout.Read(5, true, 0.0), Is.True, "a qubit without error reads its outcome");
    }

    [Test]
    public void NoisyBellCircuit_ThroughTheReference_MatchesTheHandBuiltNoisyCircuit()
    {
        var model = new NoiseModel().AddGateNoise(Small, ["h"]).AddGateNoise(Pair, ["cx"]).AddGateNoise(Damping, ["cx"]);
        var noisy = model.Apply(new Circuit(2).H(0).CX(0, 1)).Circuit;
        var byHand = new Circuit(2).H(0).Depolarize(0.01, 0).CX(0, 1).Depolarize(0.02, 0, 1).AmplitudeDamp(0.05, 0).AmplitudeDamp(0.05, 1);
        Assert.That(DensityMatrixReference.MaxDistance(DensityMatrixReference.Run(noisy), DensityMatrixReference.Run(byHand)), Is.EqualTo(0));
    }

    [Test]
    public void AddGateNoise_WithAChannelThatFitsNoGate_Throws()
    {
        Assert.That(() => new NoiseModel().AddGateNoise(Pair, ["h"]),
            Throws.ArgumentException.With.Message.Contains("a 2-qubit channel cannot follow gate 'h' on 1 qubit(s)"));
        Assert.That(() => new NoiseModel().AddGateNoise(Pair, ["ccx"]), Throws.ArgumentException);
        Assert.That(() => new NoiseModel().AddGateNoise(Small, ["gphase"]), Throws.ArgumentException);
    }

    [Test]
    public void AddGateNoise_WithBadQubitLists_Throws()
    {
        Assert.That(() => new NoiseModel().AddGateNoise(Pair, ["cx"], [[0]]), Throws.ArgumentException.With.Message.Contains("qubits[0]: has 1 qubit(s); gate 'cx' acts on 2"));
        Assert.That(() => new NoiseModel().AddGateNoise(Pair, ["cx"], [[0, 1], [2, 2]]), Throws.ArgumentException.With.Message.Contains("qubits[1]: repeats a qubit"));
        Assert.That(() => new NoiseModel().AddGateNoise(Small, ["h"], [[-1]]), Throws.ArgumentException.With.Message.Contains("negative"));
        Assert.That(() => new NoiseModel().AddGateNoise(Small, []), Throws.ArgumentException.With.Message.Contains("at least one gate"));
    }

    [Test]
    public void UnknownGateWithAMisfitChannel_ThrowsWhenApplied()
    {
        var custom = QSim.Gates.GateLibrary.Unitary(ComplexMatrix.Identity(2), "mine");
        var model = new NoiseModel().AddGateNoise(Pair, ["mine"]);
        var circuit = new Circuit(1).Gate(custom, [0]);
        Assert.That(() => model.Apply(circuit), Throws.ArgumentException.With.Message.Contains("gives a 2-qubit channel; the gate acts on 1 qubit(s)"));
    }

    [Test]
    public void MeasurementAndReadoutRules_RejectWhatCannotApply()
    {
        Assert.That(() => new NoiseModel().AddMeasurementNoise(Pair), Throws.ArgumentException.With.Message.Contains("acts on 1 qubit"));
        var error = ReadoutError.FromFlipProbabilities(0.1, 0.1);
        Assert.That(() => new NoiseModel().AddReadoutError(error).AddReadoutError(error), Throws.ArgumentException.With.Message.Contains("already has a readout error for all qubits"));
        Assert.That(() => new NoiseModel().AddReadoutError(error, [1, 2]).AddReadoutError(error, [3, 2]),
            Throws.ArgumentException.With.Message.Contains("qubits[1]: qubit 2 already has a readout error"));
    }

    [Test]
    public void ReadoutError_NotAProbabilityTable_NamesTheElementOrRow()
    {
        Assert.That(() => new ReadoutError(new[,] { { 0.9, 0.2 }, { 0, 1 } }),
            Throws.TypeOf<ReadoutErrorException>().With.Message.EqualTo("Readout error row 0 must sum to 1 (P(read 0 | true 0) + P(read 1 | true 0)); got 1.1."));
        Assert.That(() => ReadoutError.FromFlipProbabilities(-0.1, 0),
            Throws.TypeOf<ReadoutErrorException>().With.Message.EqualTo("Readout error element [0, 1] must be in [0, 1]; got -0.1."));
        Assert.That(() => new ReadoutError(new double[3, 2]), Throws.ArgumentException.With.Message.Contains("2x2"));
    }
}
