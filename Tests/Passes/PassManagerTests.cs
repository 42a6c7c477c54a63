using QSim.Backends;
using QSim.Circuits;
using QSim.Passes;

namespace QSim.Tests.Passes;

/// <summary>Levels and the statistics a CLI prints.</summary>
public sealed class PassManagerTests
{
    private static Circuit Layers(int qubits, int depth)
    {
        var circuit = new Circuit(qubits);
        var rng = new Random(3);
        for (int layer = 0; layer < depth; layer++)
        {
            for (int q = 0; q < qubits; q++) circuit.RY(rng.NextDouble(), q).RZ(rng.NextDouble(), q);
            for (int q = layer % 2; q + 1 < qubits; q += 2) circuit.CZ(q, q + 1);
        }
        return circuit;
    }

    [Test]
    public void LevelZero_IsOneSweepPerGate()
    {
        var circuit = Layers(8, 4);
        var stats = TestPlans.Compile(circuit, 0).Statistics;
        Assert.That(stats.Sweeps, Is.EqualTo(circuit.Operations.Count));
        Assert.That(stats.FusedBlocksBySize, Is.Empty);
    }

    [Test]
    public void HigherLevels_NeedFewerSweeps()
    {
        var circuit = Layers(10, 8);
        var options = new OptimizerOptions { BlockQubits = 7 };
        int[] sweeps = Enumerable.Range(0, 4).Select(level => TestPlans.Compile(circuit, level, options).Statistics.Sweeps).ToArray();
        Assert.That(sweeps, Is.Ordered.Descending);
        Assert.That(sweeps[3], Is.LessThan(sweeps[2]));
        Assert.That(sweeps[2], Is.LessThan(sweeps[0] / 2));
    }

    [Test]
    public void Statistics_ReportEveryPassBlocksAndSweeps()
    {
        var result = TestPlans.Compile(Layers(10, 6), 3, new OptimizerOptions { BlockQubits = 7, MaxFusedQubits = 3, Costs = KernelCostModel.PassCount });
        var stats = result.Statistics;
        Assert.That(stats.Passes.Select(p => p.Name), Does.Contain("cancel-inverses").And.Contain("fuse(k=3, pass-count)").And.Contain("sweeps(block=2^7)"));
        Assert.That(stats.FusedBlocksBySize.Keys.Max(), Is.EqualTo(3));
        Assert.That(stats.RelabelSweeps, Is.GreaterThan(0));
        Assert.That(stats.GatesIn, Is.EqualTo(Layers(10, 6).Operations.Count));
        string text = stats.ToString();
        Assert.That(text, Does.Contain("optimization level 3").And.Contain("fused blocks by size: ").And.Contain("sweeps over the state"));
    }

    [Test]
    public void Levels_OutsideZeroToThree_AreRejected([Values(-1, 4)] int level) =>
        Assert.That(() => new PassManager(level, TestPlans.Cpu), Throws.InstanceOf<ArgumentOutOfRangeException>());
}
