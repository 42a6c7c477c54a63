using QSim.Circuits;
using QSim.Gates;
using QSim.Numerics;
using QSim.Parameters;

namespace QSim.Tests.Engine;

/// <summary><see cref="Circuit.Draw"/> and <see cref="Circuit.ToString"/>: exact drawings of circuits that use every kind of symbol.</summary>
public sealed class CircuitDrawingTests
{
    [Test]
    public void Draw_Bell_ShowsControlTargetAndMeasurementsIntoTheirBits()
    {
        var bell = new Circuit(2, 2).H(0).CX(0, 1).Measure(0, 0).Measure(1, 1);

        Assert.That(bell.Draw(), Is.EqualTo("""
            q[0]: ──H──●──M→c[0]──
                       │
            q[1]: ─────⊕──M→c[1]──

            """));
    }

    [Test]
    public void Draw_Parameters_ShowsMultiplesOfPiSymbolsAndFourDigitsAndTheGlobalPhase()
    {
        var theta = new Symbol("theta");
        var circuit = new Circuit(2).RX(Math.PI / 2, 0).RY(theta, 1).U(Math.PI, 0, -Math.PI / 4, 0).P(0.1234567, 1)
            .CRZ(3 * Math.PI / 4, 1, 0).GlobalPhase(Math.PI / 4);

        Assert.That(circuit.Draw(), Is.EqualTo("""
            global phase: π/4
            q[0]: ───Rx(π/2)───U(π,0,-π/4)──Rz(3π/4)──
                                               │
            q[1]: ──Ry(theta)───P(0.1235)──────●──────

            """));
    }

    [Test]
    public void Draw_MultiQubitGates_CrossTheWiresBetweenAndNumberTheQubitsOfAsymmetricGates()
    {
        var circuit = new Circuit(3).CCX(0, 2, 1).Swap(0, 2).CSwap(1, 0, 2).CZ(2, 0).MCX([0, 1], 2).RZZ(0.5, 0, 2).Ecr(1, 2)
            .Unitary(ComplexMatrix.Identity(8), 2, 0, 1);

        Assert.That(circuit.Draw(), Is.EqualTo("""
            q[0]: ──●──×──×──●──●──Rzz(0.5)─────────#2─────
                    │  │  │  │  │     │              │
            q[1]: ──⊕──┼──●──┼──●─────┼──────ecr────#3─────
                    │  │  │  │  │     │       │      │
            q[2]: ──●──×──×──●──⊕──Rzz(0.5)──#2───unitary──

            """));
    }

    [Test]
    public void Draw_ClassicalControl_ShowsResetsBarriersConditionsAndRegisterNames()
    {
        var circuit = new Circuit();
        circuit.AddQuantumRegister("q", 2);
        circuit.AddQuantumRegister("anc", 1);
        circuit.AddClassicalRegister("c", 2);
        circuit.AddClassicalRegister("flag", 1);
        circuit.H(0).Barrier(0, 1).Measure(0, 0).Reset(2).If([0, 1], 1, b => b.X(1)).If([2], 1, b => b.CX(0, 2)).Barrier().Measure(2, 2);

        // The conditioned X waits for the measurement into c[0], which its condition reads.
        Assert.That(circuit.Draw(), Is.EqualTo("""
              q[0]: ───H───░──M→c[0]──────────────────●────────░─────────────
                           ░                          │        ░
              q[1]: ───────░──────────X if c==1───────┼────────░─────────────
                                                      │        ░
            anc[0]: ──|0⟩────────────────────────⊕ if flag==1──░──M→flag[0]──

            """));
    }

    [Test]
    public void Draw_ConditionOnPartOfARegister_NamesItsBits()
    {
        var circuit = new Circuit(1, 3).If([0, 2], 2, b => b.Z(0));

        Assert.That(circuit.Draw(), Is.EqualTo("q[0]: ──Z if {c[0],c[2]}==2──\n"));
    }

    [Test]
    public void Draw_WiderThanTheWidth_FoldsIntoPagesMarkedWithGuillemets()
    {
        var circuit = new Circuit(2);
        for (int i = 0; i < 12; i++) circuit.RX(0.1 * (i + 1), i % 2);

        string drawing = circuit.Draw(40);

        Assert.That(drawing, Is.EqualTo("""
            q[0]: ──Rx(0.1)──Rx(0.3)──Rx(0.5)──»

            q[1]: ──Rx(0.2)──Rx(0.4)──Rx(0.6)──»

            q[0]: «──Rx(0.7)──Rx(0.9)──Rx(1.1)──

            q[1]: «──Rx(0.8)───Rx(1)───Rx(1.2)──

            """));
        Assert.That(drawing.Split('\n').Max(line => line.Length), Is.LessThanOrEqualTo(40));
        Assert.That(circuit.Draw(0).Split('\n')[0], Is.EqualTo("q[0]: ──Rx(0.1)──Rx(0.3)──Rx(0.5)──Rx(0.7)──Rx(0.9)──Rx(1.1)──"));
    }

    [Test]
    public void Draw_DaggeredAndRootGates_UseTheirSymbols()
    {
        var circuit = new Circuit(1).Sdg(0).SX(0).Gate(GateLibrary.RX.Inverse(), [0], 0.5).T(0);

        Assert.That(circuit.Draw(), Is.EqualTo("q[0]: ──S†──√X──Rx†(0.5)──T──\n"));
    }

    [Test]
    public void Draw_NoOperations_DrawsBareWires()
    {
        Assert.That(new Circuit(2).Draw(), Is.EqualTo("q[0]: ──\n\nq[1]: ──\n"));
    }

    [TestCase(-1)]
    [TestCase(19)]
    public void Draw_WidthBelowTheMinimum_Throws(int width)
    {
        Assert.That(() => new Circuit(1).H(0).Draw(width), Throws.TypeOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public void ToString_IsAOneLineSummary()
    {
        var theta = new Symbol("theta");
        var phi = new Symbol("phi");
        var circuit = new Circuit(3, 3).H(0).CX(0, 1).RY(theta, 2).RZ(phi * 2, 2).If([0], 1, b => b.X(1)).MeasureAll();

        Assert.That(circuit.ToString(), Is.EqualTo("Circuit(3 qubits, 3 clbits, 5 gates, depth 4, parameters: theta, phi)"));
        Assert.That(new Circuit(1).X(0).ToString(), Is.EqualTo("Circuit(1 qubit, 0 clbits, 1 gate, depth 1, no parameters)"));
    }
}
