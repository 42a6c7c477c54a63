using QSim.Circuits;
using QSim.Gates;

namespace QSim.Tests.Engine;

/// <summary>The circuit IR and its fluent builder.</summary>
public sealed class CircuitTests
{
    [Test]
    public void Depth_CountsLayersOfOverlappingOperations()
    {
        var c = new Circuit(3, 1).H(0).H(1).CX(0, 1).X(2).Barrier().Measure(1, 0);
        Assert.That(c.Depth(), Is.EqualTo(3));
    }

    [Test]
    public void GateCounts_AreByName()
    {
        var c = new Circuit(2, 2).H(0).H(1).CX(0, 1).MeasureAll();
        Assert.That(c.GateCounts(), Is.EquivalentTo(new Dictionary<string, int> { ["h"] = 2, ["cx"] = 1, ["measure"] = 2 }));
    }

    [Test]
    public void Builder_QubitOutOfRange_ThrowsNamingTheQubit()
    {
        Assert.That(() => new Circuit(2).CX(0, 2), Throws.ArgumentException.With.Message.Contains("Qubit 2 is out of range"));
    }

    [Test]
    public void Builder_RepeatedQubit_Throws()
    {
        Assert.That(() => new Circuit(2).CX(1, 1), Throws.ArgumentException.With.Message.Contains("more than once"));
    }

    [Test]
    public void Builder_WrongParameterCount_Throws()
    {
        Assert.That(() => new Circuit(1).Gate(GateLibrary.U3, [0], 1.0), Throws.ArgumentException.With.Message.Contains("takes 3 parameter(s)"));
    }

    [Test]
    public void Symbols_DeclaredFirstThenInOrderOfUse()
    {
        var c = new Circuit(2);
        var beta = c.DeclareSymbol("beta");
        c.RX(new QSim.Parameters.Symbol("alpha"), 0).RY(beta * 2.0, 1);
        Assert.That(c.Symbols.Select(s => s.Name), Is.EqualTo(new[] { "beta", "alpha" }));
    }

    [Test]
    public void HasOnlyTerminalMeasurements_DistinguishesMidCircuitMeasurement()
    {
        Assert.Multiple(() =>
        {
            Assert.That(new Circuit(2, 2).H(0).MeasureAll().HasOnlyTerminalMeasurements, Is.True);
            Assert.That(new Circuit(2, 2).Measure(0, 0).H(0).HasOnlyTerminalMeasurements, Is.False);
        });
    }
}
