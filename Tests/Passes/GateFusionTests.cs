using QSim.Circuits;
using QSim.Execution;
using QSim.Gates;
using QSim.Parameters;
using QSim.Passes;

namespace QSim.Tests.Passes;

/// <summary>Block choice of the fusion pass under different cost models and block sizes.</summary>
public sealed class GateFusionTests
{
    private static KernelStep[] Kernels(ExecutionPlan plan) => plan.Steps.OfType<KernelStep>().ToArray();

    [Test]
    public void Fusion_WithPassCountCosts_FillsBlocksUpToK([Values(2, 3, 4, 5)] int k)
    {
        var circuit = new Circuit(6);
        for (int layer = 0; layer < 4; layer++)
        {
            for (int q = 0; q < 6; q++) circuit.H(q);
            for (int q = layer % 2; q + 1 < 6; q += 2) circuit.CZ(q, q + 1);
        }
        var plan = new GateFusion(k, KernelCostModel.PassCount).Run(circuit);
        Assert.That(Kernels(plan).Max(s => s.Targets.Length), Is.EqualTo(k));
        Assert.That(Kernels(plan).All(s => s.Targets.Length + s.Controls.Length <= k));
        Assert.That(Kernels(plan).Sum(s => s.Gates.Length), Is.EqualTo(circuit.Operations.Count));
    }

    [Test]
    public void Fusion_WithMeasuredCosts_AvoidsBlocksWhoseKernelCostsMoreThanItsGates()
    {
        // A dense 3-qubit kernel costs about 3.5x a 2-qubit one streaming (KernelCostModel.Streaming) and replaces two of
        // them here: a CX chain stays in 2-qubit blocks.
        var circuit = new Circuit(4).H(0).CX(0, 1).CX(1, 2).CX(2, 3).H(3);
        var plan = new GateFusion(5, KernelCostModel.Streaming).Run(circuit);
        Assert.That(Kernels(plan).Max(s => s.Targets.Length + s.Controls.Length), Is.EqualTo(2));
        Assert.That(Kernels(plan), Has.Length.LessThan(5));
    }

    [Test]
    public void Fusion_PassesThroughGatesWiderThanK()
    {
        var circuit = new Circuit(5).H(0).Gate(GateLibrary.C4X, [0, 1, 2, 3, 4]).H(4);
        var plan = new GateFusion(2, KernelCostModel.PassCount).Run(circuit);
        var wide = Kernels(plan).Single(s => s.Gates.Any(g => g.Gate == GateLibrary.C4X));
        Assert.That(wide.Gates, Has.Length.EqualTo(1));
        Assert.That(wide.Controls, Has.Length.EqualTo(4), "a passed-through gate keeps its controls apart");
    }

    [Test]
    public void Fusion_NeverCrossesAMeasurement()
    {
        var circuit = new Circuit(1, 1).H(0).T(0).Measure(0, 0).H(0).T(0);
        var plan = new GateFusion(2, KernelCostModel.PassCount).Run(circuit);
        Assert.That(plan.Steps.Select(s => s.GetType().Name), Is.EqualTo(new[] { "KernelStep", "MeasureStep", "KernelStep" }));
    }

    [Test]
    public void FusedPlan_RebindsParametersWithoutRecompiling()
    {
        var theta = new Symbol("theta");
        var circuit = new Circuit(2).RY(theta, 0).CX(0, 1).RZ(2 * theta, 1);
        var plan = new GateFusion(2, KernelCostModel.PassCount).Run(circuit);
        var step = Kernels(plan).Single();
        Assert.That(step.IsParameterized);
        plan.Bind(ParameterBinding.From([theta], [0.4]));
        var first = step.Matrix.ToArray();
        plan.Bind(ParameterBinding.From([theta], [1.3]));
        Assert.That(step.Matrix, Is.Not.EqualTo(first));
        Assert.That(Kernels(plan).Single(), Is.SameAs(step), "the same plan serves every binding");
    }

    [Test]
    public void Fusion_KIsLimitedToTwoThroughFive([Values(1, 6)] int k) =>
        Assert.That(() => new GateFusion(k, KernelCostModel.Streaming), Throws.InstanceOf<ArgumentOutOfRangeException>());
}
