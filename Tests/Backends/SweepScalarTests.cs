using System.Collections.Immutable;
using System.Numerics;
using QSim.Backends;
using QSim.Cpu.Kernels;
using QSim.Gates;
using QSim.Numerics;
using QSim.Tests.Oracles;

namespace QSim.Tests.Backends;

/// <summary>
/// Sweeps whose matrices have scalar factors the CPU backend pulls out (RX, RY, RZ, uncontrolled diagonals above the SIMD
/// vector) and puts into another matrix of the run: the state they leave matches the dense reference on every kernel
/// path, whichever matrix takes the factors.
/// </summary>
[TestFixtureSource(typeof(BackendConfigurations), nameof(BackendConfigurations.All))]
public sealed class SweepScalarTests(string configuration) : BackendFixture(configuration)
{
    private const int Qubits = 8;

    private static IEnumerable<TestCaseData> Mixes()
    {
        yield return new TestCaseData("rx ry rz h diagonals cz", new[] { "rx", "ry", "rz", "h", "diag2", "diag3", "cz", "u" }).SetArgDisplayNames("every kind");
        // No complex matrix to take RZ's phases: only the real factors move, into an H or an RY too steep to factor.
        yield return new TestCaseData("rx ry rz h", new[] { "rx", "ry", "rz", "h" }).SetArgDisplayNames("real taker only");
        // Every matrix has a factor: one of them keeps its own and takes the others'.
        yield return new TestCaseData("rx rz", new[] { "rx", "rz" }).SetArgDisplayNames("candidates only");
    }

    /// <summary>Random runs of 60 gates from the named kinds, on every qubit, in both precisions.</summary>
    [TestCaseSource(nameof(Mixes))]
    public void ApplySweep_GatesWithScalarFactors_MatchesOracle(string name, string[] kinds)
    {
        var rng = new Random(name.Length * 97);
        for (int trial = 0; trial < 3; trial++)
        {
            var run = Enumerable.Range(0, 60).Select(_ => RandomGate(kinds[rng.Next(kinds.Length)], rng)).ToArray();
            AssertSweepMatchesOracle(run, rng, $"{name}, trial {trial}");
        }
    }

    /// <summary>
    /// 300 RX gates near a quarter turn (each factor about 0.7) and one H: the product of the factors would fall to 1e-46,
    /// past single precision's range, were it not kept within bounds.
    /// </summary>
    [Test]
    public void ApplySweep_ManySmallFactors_StaysInRange()
    {
        var rng = new Random(77);
        var run = new List<MatrixApplication> { Dense(GateLibrary.H.Matrix([]), 6) };
        for (int i = 0; i < 300; i++) run.Add(Dense(GateLibrary.RX.Matrix([1.5 + 0.05 * rng.NextDouble()]), 2 + rng.Next(Qubits - 3)));
        AssertSweepMatchesOracle([.. run], rng, "300 rx");
    }

    /// <summary>RX and RZ lose their factor (RX its diagonal cos, RZ its first entry); the complex diagonal takes the product.</summary>
    [Test]
    public void Plan_RxRzAndComplexDiagonal_MovesFactorsToTheDiagonal()
    {
        double theta = 0.8, phi = 1.9;
        var rx = Dense(GateLibrary.RX.Matrix([theta]), 5);
        var rz = Diagonal(GateLibrary.RZ.Matrix([phi]), 4);
        Complex[] phases = [Complex.FromPolarCoordinates(1, 0.3), Complex.FromPolarCoordinates(1, 1.1), Complex.FromPolarCoordinates(1, 2.0), Complex.FromPolarCoordinates(1, -0.7)];
        var taker = new MatrixApplication([6, 7], [], phases, true);
        var scalars = new SweepScalars();
        scalars.Plan([rx, rz, taker], lowQubits: 1);

        Complex[] factoredRx = scalars.Matrix(0, rx.Matrix).ToArray(), factoredRz = scalars.Matrix(1, rz.Matrix).ToArray();
        Assert.That(factoredRx[0], Is.EqualTo(Complex.One));
        Assert.That(factoredRx[3], Is.EqualTo(Complex.One));
        Assert.That(factoredRz[0], Is.EqualTo(Complex.One));
        Complex product = Math.Cos(theta / 2) * rz.Matrix[0];
        var scaled = scalars.Matrix(2, taker.Matrix).ToArray();
        for (int k = 0; k < phases.Length; k++)
            Assert.That(Complex.Abs(scaled[k] - phases[k] * product), Is.LessThan(1e-15), $"entry {k}");
    }

    /// <summary>A matrix on a target inside the SIMD vector or under a control keeps its factor; the first may take the others'.</summary>
    [Test]
    public void Plan_LowTargetOrControlled_KeepsItsFactor()
    {
        var lowRx = Dense(GateLibrary.RX.Matrix([0.4]), 0);
        var controlledRx = new MatrixApplication([5], [3], GateLibrary.RX.Matrix([0.4]).Elements.ToArray(), false);
        var highRx = Dense(GateLibrary.RX.Matrix([0.6]), 6);
        var scalars = new SweepScalars();
        scalars.Plan([lowRx, controlledRx, highRx], lowQubits: 1);
        var scaledLow = scalars.Matrix(0, lowRx.Matrix).ToArray();
        Assert.Multiple(() =>
        {
            for (int k = 0; k < 4; k++) Assert.That(Complex.Abs(scaledLow[k] - lowRx.Matrix[k] * Math.Cos(0.3)), Is.LessThan(1e-15), $"entry {k}");
            Assert.That(scalars.Matrix(1, controlledRx.Matrix).ToArray(), Is.EqualTo(controlledRx.Matrix));
            Assert.That(scalars.Matrix(2, highRx.Matrix)[0], Is.EqualTo(Complex.One));
        });
    }

    /// <summary>When every matrix has a factor, the one that gains least from its own (here RZ's phase) keeps it and takes the others'.</summary>
    [Test]
    public void Plan_OnlyCandidates_TheLeastGainingTakesTheOthers()
    {
        var rz = Diagonal(GateLibrary.RZ.Matrix([0.7]), 4);
        var rx = Dense(GateLibrary.RX.Matrix([0.5]), 5);
        var rx2 = Dense(GateLibrary.RX.Matrix([0.9]), 6);
        var scalars = new SweepScalars();
        scalars.Plan([rx, rz, rx2], lowQubits: 1);
        var scaled = scalars.Matrix(1, rz.Matrix).ToArray();
        Assert.Multiple(() =>
        {
            for (int k = 0; k < 2; k++)
                Assert.That(Complex.Abs(scaled[k] - rz.Matrix[k] * Math.Cos(0.25) * Math.Cos(0.45)), Is.LessThan(1e-15), $"entry {k}");
            Assert.That(scalars.Matrix(0, rx.Matrix)[0], Is.EqualTo(Complex.One));
            Assert.That(scalars.Matrix(2, rx2.Matrix)[0], Is.EqualTo(Complex.One));
        });
    }

    private void AssertSweepMatchesOracle(MatrixApplication[] run, Random rng, string what)
    {
        var initial = ReferenceSimulator.RandomState(Qubits, rng.Next());
        var expected = initial;
        foreach (var a in run)
        {
            var matrix = a.IsDiagonal ? ComplexMatrix.Diagonal(a.Matrix) : new ComplexMatrix(a.Matrix);
            expected = ReferenceSimulator.Apply(expected, GateDefinition.ControlledMatrix(a.Controls.Length, matrix), [.. a.Controls, .. a.Targets]);
        }
        foreach (var precision in new[] { Precision.Single, Precision.Double })
        {
            using var state = Backend.CreateState(Qubits, precision);
            state.SetAmplitudes(initial);
            state.ApplySweep(run, blockQubits: Qubits - 1);
            KernelOracleTests.AssertClose(state, expected, precision, what);
        }
    }

    /// <summary>A gate of the named kind on random qubits below the sweep's block (qubit 7 stays outside it).</summary>
    private static MatrixApplication RandomGate(string kind, Random rng)
    {
        // Angles include the quarter and half turns where cos or sin of the half angle is 0 or the two are equal.
        double angle = rng.Next(4) == 0 ? Math.PI * rng.Next(-4, 5) / 2 : rng.NextDouble() * 4 * Math.PI - 2 * Math.PI;
        int[] qubits = [.. Enumerable.Range(0, Qubits - 1).OrderBy(_ => rng.Next()).Take(3)];
        Complex Phase() => Complex.FromPolarCoordinates(1, rng.NextDouble() * 2 * Math.PI);
        return kind switch
        {
            "rx" => Dense(GateLibrary.RX.Matrix([angle]), qubits[0]),
            "ry" => Dense(GateLibrary.RY.Matrix([angle]), qubits[0]),
            "rz" => Diagonal(GateLibrary.RZ.Matrix([angle]), qubits[0]),
            "h" => Dense(GateLibrary.H.Matrix([]), qubits[0]),
            "u" => Dense(KernelOracleTests.RandomMatrix(2, rng), qubits[0]),
            "diag2" => new MatrixApplication([qubits[0], qubits[1]], [], [Phase(), Phase(), Phase(), Phase()], true),
            "diag3" => new MatrixApplication([.. qubits], [], [.. Enumerable.Range(0, 8).Select(_ => Phase())], true),
            "cz" => new MatrixApplication([qubits[0], qubits[1]], [], [1, 1, 1, -1], true),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };
    }

    private static MatrixApplication Dense(ComplexMatrix matrix, int target) => new([target], [], matrix.Elements.ToArray(), false);

    private static MatrixApplication Diagonal(ComplexMatrix matrix, int target) =>
        new([target], [], [matrix[0, 0], matrix[1, 1]], true);
}
