using System.Numerics;
using QSim.Gates;
using QSim.Numerics;

namespace QSim.Tests.Engine;

/// <summary>The gate table: unitary rows, correct inverses, exact derivatives, named conventions.</summary>
public sealed class GateLibraryTests
{
    private static IEnumerable<TestCaseData> AllGates() =>
        GateLibrary.All.Values.Distinct().OrderBy(g => g.Name).Select(g => new TestCaseData(g).SetArgDisplayNames(g.Name));

    private static double[] RandomParameters(GateDefinition gate, int seed)
    {
        var rng = new Random(seed);
        return Enumerable.Range(0, gate.ParameterCount).Select(_ => rng.NextDouble() * 6 - 3).ToArray();
    }

    [TestCaseSource(nameof(AllGates))]
    public void Matrix_ForRandomParameters_IsUnitaryOfTheRightSize(GateDefinition gate)
    {
        var m = gate.Matrix(RandomParameters(gate, 1));
        Assert.That(m.Dimension, Is.EqualTo(1 << gate.QubitCount));
        Assert.That(m.UnitarityError(), Is.LessThan(1e-12));
    }

    [TestCaseSource(nameof(AllGates))]
    public void Inverse_TimesGate_IsIdentity(GateDefinition gate)
    {
        var p = RandomParameters(gate, 2);
        var product = gate.Inverse().Matrix(p) * gate.Matrix(p);
        Assert.That(product.MaxDistance(ComplexMatrix.Identity(product.Dimension)), Is.LessThan(1e-12));
    }

    [TestCaseSource(nameof(AllGates))]
    public void Derivative_MatchesCentralFiniteDifference(GateDefinition gate)
    {
        var p = RandomParameters(gate, 3);
        for (int j = 0; j < gate.ParameterCount; j++)
        {
            const double h = 1e-5;
            var plus = (double[])p.Clone();
            var minus = (double[])p.Clone();
            plus[j] += h;
            minus[j] -= h;
            var numeric = gate.Matrix(plus).Add(gate.Matrix(minus).Scale(-1)).Scale(1 / (2 * h));
            Assert.That(gate.Derivative(p, j).MaxDistance(numeric), Is.LessThan(1e-8), $"parameter {gate.ParameterNames[j]}");
        }
    }

    private static IEnumerable<TestCaseData> ControlledGates() =>
        AllGates().Where(c => ((GateDefinition)c.Arguments[0]!).ControlCount > 0);

    [TestCaseSource(nameof(ControlledGates))]
    public void ControlledGate_MatrixIsIdentityUnlessAllControlsAreOne(GateDefinition gate)
    {
        var p = RandomParameters(gate, 4);
        var expected = GateDefinition.ControlledMatrix(gate.ControlCount, gate.Target!.Matrix(p));
        Assert.That(gate.Matrix(p).MaxDistance(expected), Is.EqualTo(0));
    }

    [Test]
    public void Library_HasEveryQelib1AndStdgatesGate()
    {
        string[] names =
        [
            "id", "x", "y", "z", "h", "s", "sdg", "t", "tdg", "sx", "sxdg", "rx", "ry", "rz", "p", "u1", "u2", "u3", "U", "u", "u0",
            "cx", "CX", "cy", "cz", "ch", "csx", "swap", "crx", "cry", "crz", "cp", "cu1", "cphase", "phase", "cu3", "cu",
            "rxx", "ryy", "rzz", "rzx", "ccx", "cswap", "c3x", "c3sqrtx", "c4x", "rccx", "rc3x", "iswap", "ecr", "fsim", "gphase",
        ];
        Assert.That(names.Where(n => GateLibrary.Find(n) is null), Is.Empty);
    }

    [Test]
    public void CX_ControlIsFirstQubit_InLittleEndianOrder()
    {
        // Index = bit(control) + 2·bit(target): |control=1, target=0⟩ = index 1 goes to index 3.
        var cx = GateLibrary.CX.Matrix([]);
        Assert.That(cx[3, 1], Is.EqualTo(Complex.One));
        Assert.That(cx[2, 2], Is.EqualTo(Complex.One));
    }

    [Test]
    public void U3_MatchesOpenQasmDefinition()
    {
        double theta = 0.3, phi = 1.2, lambda = -0.4;
        var u = GateLibrary.U3.Matrix([theta, phi, lambda]);
        Assert.That((u[1, 1] - Complex.FromPolarCoordinates(Math.Cos(theta / 2), phi + lambda)).Magnitude, Is.LessThan(1e-15));
        Assert.That((u[0, 1] + Complex.FromPolarCoordinates(Math.Sin(theta / 2), lambda)).Magnitude, Is.LessThan(1e-15));
    }

    [Test]
    public void MultiControlledX_WithFiveControls_FlipsOnlyWhenAllAreOne()
    {
        var m = GateLibrary.MultiControlledX(5).Matrix([]);
        Assert.Multiple(() =>
        {
            Assert.That(m[63, 31], Is.EqualTo(Complex.One));
            Assert.That(m[30, 30], Is.EqualTo(Complex.One));
        });
    }

    [Test]
    public void Unitary_NonUnitaryMatrix_IsRejectedWithItsError()
    {
        var bad = ComplexMatrix.FromRows([1, 1], [0, 1]);
        Assert.That(() => GateLibrary.Unitary(bad), Throws.ArgumentException.With.Message.Contains("not unitary"));
    }

    [Test]
    public void Unitary_FourQubitMatrix_IsRejected()
    {
        Assert.That(() => GateLibrary.Unitary(ComplexMatrix.Identity(16)), Throws.ArgumentException.With.Message.Contains("1 to 3 qubits"));
    }
}
