using QSim.Circuits;
using QSim.Execution;
using QSim.Passes;

namespace QSim.Tests.Passes;

/// <summary>How the scheduler groups steps into blocked sweeps and relabels qubits.</summary>
public sealed class SweepSchedulerTests
{
    private static ExecutionPlan Schedule(Circuit circuit, int block) => new SweepScheduler(block).Run(TestPlans.Plan(circuit));

    [Test]
    public void Scheduler_PutsEveryLowQubitGateInOneSweep()
    {
        var circuit = new Circuit(10);
        for (int layer = 0; layer < 3; layer++)
            for (int q = 0; q < 6; q++) circuit.H(q).CX(q, (q + 1) % 6);
        var plan = Schedule(circuit, 6);
        Assert.That(plan.Steps, Has.Count.EqualTo(1));
        Assert.That(((SweepStep)plan.Steps[0]).Steps, Has.Length.EqualTo(circuit.Operations.Count));
    }

    [Test]
    public void Scheduler_BringsHighQubitsLowAndRestoresTheOrderAtTheEnd()
    {
        var circuit = new Circuit(9).H(0).H(8).CX(8, 7).H(1);
        var plan = Schedule(circuit, 6);
        var swaps = plan.Steps.OfType<QubitSwapStep>().ToArray();
        Assert.That(swaps, Is.Not.Empty);
        // Replaying the swaps on a labelling gives the identity again.
        var at = Enumerable.Range(0, 9).ToArray();
        foreach (var swap in swaps)
            for (int i = 0; i < swap.First.Length; i++) (at[swap.First[i]], at[swap.Second[i]]) = (at[swap.Second[i]], at[swap.First[i]]);
        Assert.That(at, Is.EqualTo(Enumerable.Range(0, 9)));
        foreach (var step in plan.Steps.OfType<SweepStep>())
            Assert.That(step.Steps.SelectMany(s => s.Targets.Concat(s.Controls)).Max(), Is.LessThan(6));
    }

    [Test]
    public void Scheduler_RestoresTheOrderBeforeAMeasurement()
    {
        var circuit = new Circuit(8, 1).H(7).Measure(7, 0).H(0);
        var plan = Schedule(circuit, 6);
        int measure = plan.Steps.ToList().FindIndex(s => s is MeasureStep);
        Assert.That(plan.Steps[measure - 1], Is.InstanceOf<QubitSwapStep>(), "the relabelling is undone first");
        Assert.That(((MeasureStep)plan.Steps[measure]).Qubit, Is.EqualTo(7));
    }

    [Test]
    public void Scheduler_LeavesAStateThatFitsInOneBlockAlone()
    {
        var plan = TestPlans.Plan(new Circuit(6).H(0).H(5));
        Assert.That(new SweepScheduler(6).Run(plan), Is.SameAs(plan));
    }
}
