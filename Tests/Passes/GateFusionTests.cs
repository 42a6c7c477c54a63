using QSim.Backends;
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
        Assert.That(Kernels(plan).Sum(s => s.GateCount), Is.EqualTo(circuit.Operations.Count));
    }

    [Test]
    public void Fusion_WithMeasuredCosts_AvoidsBlocksWhoseKernelCostsMoreThanItsGates()
    {
        // A dense 3-qubit kernel costs about 3.5x a 2-qubit one streaming (the CPU's measured table) and replaces two of
        // them here: a CX chain stays in 2-qubit blocks.
        var circuit = new Circuit(4).H(0).CX(0, 1).CX(1, 2).CX(2, 3).H(3);
        var plan = new GateFusion(5, TestPlans.Streaming).Run(circuit);
        Assert.That(Kernels(plan).Max(s => s.Targets.Length + s.Controls.Length), Is.EqualTo(2));
        Assert.That(Kernels(plan), Has.Length.LessThan(5));
    }

    /// <summary>A model whose real and diagonal kernels cost a fraction of a dense one, as the CPU's do in cache.</summary>
    private static readonly KernelCostModel Structured = new("structured", dense: [2, 4, 8], diagonal: [1, 1, 1], real: [1, 2, 4]);

    [Test]
    public void Fusion_KeepsARealRunApartFromAComplexGateWhenTheirSumIsCheaper()
    {
        // RY, CZ, RY fuse into one real 2-qubit block (2); taking RX in would make it complex (4), more than the real
        // block and RX on its own (2 + 1).
        var circuit = new Circuit(2).RY(0.3, 0).RY(0.4, 1).CZ(0, 1).RY(0.5, 0).RX(0.6, 1);
        var kernels = Kernels(new GateFusion(2, Structured).Run(circuit));
        Assert.That(kernels.Select(s => s.GateCount), Is.EqualTo(new[] { 4, 1 }));
        Assert.That(kernels[1].Targets, Is.EqualTo(new[] { 1 }));
    }

    [Test]
    public void Fusion_MergesComplexGatesIntoADenseBlockWhenThatIsCheaper()
    {
        // Four complex 1-qubit gates (2 each) around a CZ cost more than one dense 2-qubit block (4).
        var circuit = new Circuit(2).U(0.1, 0.2, 0.3, 0).U(0.4, 0.5, 0.6, 1).CZ(0, 1).U(0.7, 0.8, 0.9, 0).U(1.0, 1.1, 1.2, 1);
        var kernels = Kernels(new GateFusion(2, Structured).Run(circuit));
        Assert.That(kernels.Select(s => s.GateCount), Is.EqualTo(new[] { 5 }));
    }

    [Test]
    public void CostModel_PricesShapesAndControls()
    {
        Assert.That(Structured.Cost(2, KernelShape.Dense), Is.EqualTo(4));
        Assert.That(Structured.Cost(2, KernelShape.Real), Is.EqualTo(2));
        Assert.That(Structured.Cost(1, KernelShape.Dense, controls: 2), Is.EqualTo(0.5), "each control halves the amplitudes touched");
        Assert.That(Structured.Cost(5, KernelShape.Dense), Is.EqualTo(32), "dense shapes past the table double per target");
        Assert.That(Structured.Cost(5, KernelShape.Diagonal), Is.EqualTo(1), "diagonals past the table stay flat");
        Assert.That(KernelCostModel.PassCount.Cost(1, KernelShape.Dense, controls: 3), Is.EqualTo(1), "a pass is a pass");
        Assert.That(new KernelCostModel("no real table", dense: [3], diagonal: [1]).Cost(1, KernelShape.Real), Is.EqualTo(3));
    }

    [TestCase("ry", KernelShape.Real)]
    [TestCase("h", KernelShape.Real)]
    [TestCase("rx", KernelShape.Real)]
    [TestCase("y", KernelShape.Real)]
    [TestCase("cx", KernelShape.Real)]
    [TestCase("cry", KernelShape.Real)]
    [TestCase("rz", KernelShape.Diagonal)]
    [TestCase("cz", KernelShape.Diagonal)]
    [TestCase("u3", KernelShape.Dense)]
    [TestCase("sx", KernelShape.Dense)]
    [TestCase("crx", KernelShape.Real)]
    [TestCase("cu3", KernelShape.Dense)]
    public void GateShape_AloneIsReadFromTheTargetMatrix(string name, KernelShape expected) =>
        Assert.That(GateShapes.Alone(GateLibrary.All[name]), Is.EqualTo(expected));

    [TestCase("ry", true)]
    [TestCase("cz", true)]
    [TestCase("cx", true)]
    [TestCase("rx", false)]
    [TestCase("rz", false)]
    [TestCase("crx", false)]
    public void GateShape_RealnessOfTheWholeMatrixDecidesWhetherAFusedBlockStaysReal(string name, bool real) =>
        Assert.That(GateShapes.IsReal(GateLibrary.All[name]), Is.EqualTo(real));

    [Test]
    public void Fusion_PassesThroughGatesWiderThanK()
    {
        var circuit = new Circuit(5).H(0).Gate(GateLibrary.C4X, [0, 1, 2, 3, 4]).H(4);
        var plan = new GateFusion(2, KernelCostModel.PassCount).Run(circuit);
        var wide = Kernels(plan).Single(s => s.Targets.Length + s.Controls.Length == 5);
        Assert.That(wide.GateCount, Is.EqualTo(1));
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
    public void Fusion_KIsLimitedToOneThroughFive([Values(0, 6)] int k) =>
        Assert.That(() => new GateFusion(k, TestPlans.Streaming), Throws.InstanceOf<ArgumentOutOfRangeException>());

    [Test]
    public void FusionOfOneQubit_MakesOneStepPerRun_AndLeavesLoneGates()
    {
        var circuit = new Circuit(3).H(0).T(0).X(1).SX(0).CX(0, 2).H(0).Y(2).S(2);
        var plan = new GateFusion(1, TestPlans.Streaming).Run(circuit);
        Assert.That(Kernels(plan).Select(s => s.GateCount).Order(), Is.EqualTo(new[] { 1, 1, 1, 2, 3 }));
        AssertSameUnitary(circuit, plan);
    }

    [Test]
    public void Fusion_KeepsParametersSymbolic_AndTheProductRight()
    {
        var a = new Symbol("a");
        var circuit = new Circuit(1).RY(a, 0).RZ(2 * a, 0).H(0);
        var plan = new GateFusion(1, TestPlans.Streaming).Run(circuit);
        Assert.That(Kernels(plan).Single().IsParameterized);
        foreach (double value in new[] { 0.3, -2.0 })
            AssertSameUnitary(circuit, plan, ParameterBinding.From([a], [value]));
    }

    [Test]
    public void Fusion_FoldsAPhaseIntoTheCoveringGate_WhenEveryPassCosts()
    {
        // CZ after CX (the phase folds back), T before H (the phase folds forward). Under the CPU's measured costs a lone
        // CX and a lone CZ (controlled kernels on half and a quarter of the state) cost less than their product.
        var circuit = new Circuit(3).CX(0, 1).CZ(0, 1).T(2).H(2);
        var plan = new GateFusion(2, KernelCostModel.PassCount).Run(circuit);
        Assert.That(Kernels(plan).Select(s => s.GateCount), Is.EqualTo(new[] { 2, 2 }));
        AssertSameUnitary(circuit, plan);
    }

    [Test]
    public void Fusion_LeavesAPhaseNextToAToffoli_WhenDenseThreeQubitKernelsCostMore()
    {
        var circuit = new Circuit(3).CCX(0, 1, 2).Gate(GateLibrary.CCZ, [0, 1, 2]);
        Assert.That(Kernels(new GateFusion(3, TestPlans.Streaming).Run(circuit)), Has.Length.EqualTo(2));
        Assert.That(Kernels(new GateFusion(3, KernelCostModel.PassCount).Run(circuit)), Has.Length.EqualTo(1));
    }

    [Test]
    public void Fusion_KeepsParameterizedBlocksWithinTheirOwnLimit()
    {
        var theta = new Symbol("theta");
        var circuit = new Circuit(4).RY(theta, 0).CX(0, 1).CX(1, 2).CX(2, 3).H(3).H(0).CX(0, 3);
        var plan = new GateFusion(4, KernelCostModel.PassCount, maxParameterizedQubits: 2).Run(circuit);
        Assert.That(Kernels(plan).Where(s => s.IsParameterized).Max(s => s.Targets.Length + s.Controls.Length), Is.LessThanOrEqualTo(2));
        Assert.That(Kernels(plan).Max(s => s.Targets.Length), Is.EqualTo(4), "parameter-free gates still fill blocks of k");
        AssertSameUnitary(circuit, plan, ParameterBinding.From([theta], [0.7]));
    }

    /// <summary>The plan's state equals the dense reference's on every basis input (so the whole unitary agrees).</summary>
    private static void AssertSameUnitary(Circuit circuit, ExecutionPlan plan, ParameterBinding? binding = null)
    {
        binding ??= ParameterBinding.Empty;
        plan.Bind(binding);
        using var backend = new QSim.Cpu.CpuBackend(new QSim.Cpu.CpuBackendOptions { Threads = 1 });
        for (long basis = 0; basis < 1L << circuit.QubitCount; basis++)
        {
            using var state = backend.CreateState(circuit.QubitCount, QSim.Backends.Precision.Double);
            state.SetBasisState(basis);
            PlanExecutor.ApplyUnitary(plan, state);
            var initial = new System.Numerics.Complex[1L << circuit.QubitCount];
            initial[basis] = 1;
            var expected = QSim.Tests.Oracles.ReferenceSimulator.Run(circuit, initial, binding);
            var actual = new System.Numerics.Complex[state.Length];
            state.GetAmplitudes(actual);
            Assert.That(expected.Zip(actual, (x, y) => (x - y).Magnitude).Max(), Is.LessThan(1e-12), $"basis {basis}");
        }
    }
}
