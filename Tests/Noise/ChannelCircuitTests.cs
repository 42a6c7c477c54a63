using QSim.Circuits;
using QSim.Execution;
using QSim.Noise;
using QSim.Numerics;
using QSim.Passes;
using QSim.Qasm;

namespace QSim.Tests.Noise;

/// <summary>Channels in the circuit IR: appended at a point, checked, and never dropped or moved across by passes or lowering.</summary>
public sealed class ChannelCircuitTests
{
    [Test]
    public void Builder_AppendsEachLibraryChannelWithItsParametersAndQubits()
    {
        var circuit = new Circuit(3).BitFlip(0.1, 0).PhaseFlip(0.2, 1).PauliChannel(0.1, 0.2, 0.3, 2).Depolarize(0.01, 0)
            .Depolarize(0.02, 2, 1).AmplitudeDamp(0.3, 1).GeneralizedAmplitudeDamp(0.3, 0.1, 2).PhaseDamp(0.4, 0)
            .ThermalRelax(50, 70, 0.5, 1).ResetError(0.01, 0.02, 2);
        var channels = circuit.Operations.Cast<ChannelOperation>().ToArray();
        Assert.That(channels.Select(c => c.Channel.Definition.Name), Is.EqualTo(new[]
        {
            "bit_flip", "phase_flip", "pauli", "depolarizing", "depolarizing2", "amplitude_damping",
            "generalized_amplitude_damping", "phase_damping", "thermal_relaxation", "reset_error",
        }));
        Assert.That(channels[4].Qubits, Is.EqualTo(new[] { 2, 1 }));
        Assert.That(channels[8].Channel.Parameters, Is.EqualTo(new[] { 50, 70, 0.5 }));
    }

    [Test]
    public void Channel_FromDefinitionAndParameters_EqualsTheBoundForm()
    {
        var a = new Circuit(2).Channel(ChannelLibrary.AmplitudeDamping, [0.25], 1);
        var b = new Circuit(2).Channel(ChannelLibrary.AmplitudeDamping.Bind(0.25), 1);
        Assert.That(a.Operations[0], Is.EqualTo(b.Operations[0]));
        Assert.That(a.Operations[0].ToString(), Is.EqualTo("amplitude_damping(gamma=0.25) q[1]"));
    }

    [Test]
    public void Kraus_AppendsAUserChannel()
    {
        var circuit = new Circuit(1).Kraus(ChannelLibrary.PhaseDamping.Kraus([0.3]), 0);
        Assert.That(((ChannelOperation)circuit.Operations[0]).Channel.Definition.Name, Is.EqualTo("kraus"));
    }

    [Test]
    public void Channel_WithBadParameters_ThrowsNamingTheParameter()
    {
        Assert.That(() => new Circuit(1).ThermalRelax(10, 30, 1, 0),
            Throws.TypeOf<ChannelParameterException>().With.Message.Contains("parameter 't2' must be at most 2·t1 = 20; got 30"));
    }

    [Test]
    public void Channel_OnWrongQubits_Throws()
    {
        Assert.That(() => new Circuit(2).Depolarize(0.1, 2), Throws.ArgumentException.With.Message.Contains("Qubit 2 is out of range"));
        Assert.That(() => new Circuit(2).Depolarize(0.1, 1, 1), Throws.ArgumentException.With.Message.Contains("more than once"));
        Assert.That(() => new Circuit(2).Channel(ChannelLibrary.Depolarizing2.Bind(0.1), 0),
            Throws.ArgumentException.With.Message.Contains("Channel 'depolarizing2' acts on 2 qubit(s); got 1"));
    }

    [Test]
    public void Channel_UnderACondition_IsAccepted()
    {
        var circuit = new Circuit(1, 1).Measure(0, 0).If([0], 1, c => c.BitFlip(0.1, 0));
        Assert.That(circuit.Operations[1], Is.TypeOf<ConditionalOperation>());
    }

    [Test]
    public void CircuitQueries_CountChannelsAndTreatThemAsNonUnitary()
    {
        var circuit = new Circuit(2).H(0).Depolarize(0.01, 0).CX(0, 1).Depolarize(0.01, 0).Depolarize(0.02, 0, 1);
        Assert.That(circuit.GateCounts(), Is.EquivalentTo(new Dictionary<string, int> { ["h"] = 1, ["cx"] = 1, ["depolarizing"] = 2, ["depolarizing2"] = 1 }));
        Assert.That(circuit.IsUnitary, Is.False);
        Assert.That(circuit.Depth(), Is.EqualTo(5));
        Assert.That(() => circuit.Inverse(), Throws.InvalidOperationException.With.Message.Contains("ChannelOperation"));
        Assert.That(() => QasmExporter.Export(circuit), Throws.TypeOf<QasmExportException>().With.Message.Contains("depolarizing(p=0.01) q[0]"));
    }

    [Test]
    public void SegmentPasses_DoNotCancelOrMergeAcrossAChannel()
    {
        // Each pair would cancel or merge without the channel between them.
        var circuit = new Circuit(2).X(0).Depolarize(0.1, 0).X(0).PhaseFlip(0.2, 1).RZ(0.3, 0).AmplitudeDamp(0.1, 0).RZ(0.4, 0).CZ(0, 1).BitFlip(0.1, 1).CZ(0, 1);
        foreach (IPass pass in new PassManager(2, QSim.Tests.Passes.TestPlans.Cpu).CircuitPasses)
        {
            var result = pass.Run(circuit);
            Assert.That(result.Operations, Is.EqualTo(circuit.Operations), pass.Name);
        }
    }

    [Test]
    public void Split_MakesEachChannelABoundary()
    {
        var circuit = new Circuit(2).H(0).CX(0, 1).Depolarize(0.1, 1).H(1);
        var parts = SegmentPass.Split(circuit).ToList();
        Assert.That(parts.Select(p => (p.Segment.Count, p.Boundary?.GetType().Name)),
            Is.EqualTo(new (int, string?)[] { (2, null), (0, nameof(ChannelOperation)), (1, null) }));
    }

    [TestCase(0)]
    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    public void Lowering_ACircuitWithAChannel_MakesAChannelStepAtItsPlace(int level)
    {
        // The H and the X on qubit 0 would fuse without the channel between them; the CX lies on both sides.
        var circuit = new Circuit(2).H(0).AmplitudeDamp(0.1, 0).X(0).CX(0, 1);
        var steps = QSim.Tests.Passes.TestPlans.Plan(circuit, level).Steps;
        int channel = steps.ToList().FindIndex(s => s is ChannelStep);
        Assert.That(steps.OfType<ChannelStep>().Single().ToString(), Is.EqualTo("amplitude_damping(gamma=0.1) on [0]"));
        Assert.That(steps.Take(channel).OfType<KernelStep>().Sum(k => k.GateCount), Is.EqualTo(1), "only the H before the channel");
        Assert.That(steps.Skip(channel + 1).OfType<KernelStep>().Sum(k => k.GateCount), Is.EqualTo(2));
    }

    [Test]
    public void Lowering_AConditionedChannel_MakesAConditionedChannelStep()
    {
        var circuit = new Circuit(1, 1).Measure(0, 0).If([0], 1, c => c.BitFlip(0.1, 0));
        Assert.That(QSim.Tests.Passes.TestPlans.Plan(circuit, 3).Steps[1], Is.TypeOf<ConditionalStep>().With.Property("Body").TypeOf<ChannelStep>());
    }

    [Test]
    public void AbsorbIntoChannels_MergesAGateOrChannelIntoTheChannelAfterIt_AndNothingElse()
    {
        var circuit = new Circuit(2).H(0).Depolarize(0.1, 0).AmplitudeDamp(0.2, 0).RY(new Parameters.Symbol("t"), 1).BitFlip(0.1, 1)
            .CX(0, 1).Depolarize(0.1, 0).Barrier().PhaseFlip(0.3, 1);
        var result = new AbsorbIntoChannels().Run(circuit);
        Assert.That(result.Operations.Select(op => op.GetType().Name), Is.EqualTo(new[]
        {
            nameof(ChannelOperation), nameof(GateOperation), nameof(ChannelOperation), nameof(GateOperation), nameof(ChannelOperation),
            nameof(BarrierOperation), nameof(ChannelOperation),
        }), "H, depolarizing and damping become one channel; the parameterized RY, the CX on two qubits and the barrier stay");
        var merged = ((ChannelOperation)result.Operations[0]).Channel;
        Assert.That(merged.Kraus, Has.Count.EqualTo(8));
        var expected = ChannelLibrary.AmplitudeDamping.Bind(0.2).Superoperator() * ChannelLibrary.Depolarizing.Bind(0.1).Superoperator()
            * ComplexMatrix.Kron(ComplexMatrix.FromRows([1, 1], [1, -1]).Scale(1 / Math.Sqrt(2)), ComplexMatrix.FromRows([1, 1], [1, -1]).Scale(1 / Math.Sqrt(2)));
        Assert.That(merged.Superoperator().MaxDistance(expected), Is.LessThan(1e-12));
    }
}
