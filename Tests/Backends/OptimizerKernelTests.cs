using System.Numerics;
using QSim.Backends;
using QSim.Gates;
using QSim.Numerics;
using QSim.Tests.Oracles;

namespace QSim.Tests.Backends;

/// <summary>The optimizer's kernels (blocked sweeps, qubit swaps) against the dense reference, on every CPU path.</summary>
[TestFixtureSource(typeof(BackendConfigurations), nameof(BackendConfigurations.CpuNames))]
public sealed class OptimizerKernelTests(string configuration) : BackendFixture(configuration)
{
    [Test]
    public void ApplySweep_RunOfDenseDiagonalAndControlledMatrices_MatchesOracle([Values(1, 3, 5, 8)] int blockQubits)
    {
        const int qubits = 9;
        var rng = new Random(40 + blockQubits);
        var run = new List<MatrixApplication>();
        var expected = ReferenceSimulator.RandomState(qubits, rng.Next());
        var initial = expected;
        for (int i = 0; i < 12; i++)
        {
            int width = Math.Min(blockQubits, 1 + rng.Next(3));
            var qubitsInBlock = Enumerable.Range(0, blockQubits).OrderBy(_ => rng.Next()).ToArray();
            int[] targets = qubitsInBlock[..width];
            int[] controls = qubitsInBlock[width..Math.Min(blockQubits, width + i % 2)];
            bool diagonal = i % 3 == 0;
            var matrix = diagonal
                ? ComplexMatrix.Diagonal(Enumerable.Range(0, 1 << width).Select(_ => Complex.FromPolarCoordinates(1, rng.NextDouble() * 6)).ToArray())
                : KernelOracleTests.RandomMatrix(1 << width, rng);
            run.Add(new MatrixApplication([.. targets], [.. controls], diagonal ? matrix.GetDiagonal() : matrix.Elements.ToArray(), diagonal));
            expected = ReferenceSimulator.Apply(expected, GateDefinition.ControlledMatrix(controls.Length, matrix), [.. controls, .. targets]);
        }
        foreach (var precision in new[] { Precision.Single, Precision.Double })
        {
            using var state = Backend.CreateState(qubits, precision);
            state.SetAmplitudes(initial);
            state.ApplySweep(run.ToArray(), blockQubits);
            KernelOracleTests.AssertClose(state, expected, precision, $"sweep with blocks of 2^{blockQubits}");
        }
    }

    [Test]
    public void ApplySweep_MatrixOutsideTheBlock_Throws()
    {
        using var state = Backend.CreateState(6, Precision.Single);
        MatrixApplication[] run = [new([4], [], [0, 1, 1, 0], false)];
        Assert.That(() => state.ApplySweep(run, 4), Throws.ArgumentException.With.Message.Contains("qubit 4"));
    }

    [Test]
    public void SwapQubits_ExchangesIndexBits_MatchesSwapGates()
    {
        const int qubits = 8;
        var initial = ReferenceSimulator.RandomState(qubits, 77);
        foreach (var (first, second) in new[] { (new[] { 0 }, new[] { 7 }), (new[] { 5, 6 }, new[] { 7, 2 }), (new[] { 3, 4, 1 }, new[] { 6, 7, 0 }) })
        {
            var expected = initial;
            for (int i = 0; i < first.Length; i++)
                expected = ReferenceSimulator.Apply(expected, new ComplexMatrix(QubitPairs.SwapMatrix), [first[i], second[i]]);
            foreach (var precision in new[] { Precision.Single, Precision.Double })
            {
                using var state = Backend.CreateState(qubits, precision);
                state.SetAmplitudes(initial);
                state.SwapQubits(first, second);
                KernelOracleTests.AssertClose(state, expected, precision, $"swap [{string.Join(",", first)}] with [{string.Join(",", second)}]");
            }
        }
    }

    [Test]
    public void SwapQubits_AcrossLayoutSegments_MatchesSwapMatrices()
    {
        // 2^23 amplitudes span several layout segments: chunks inside one, chunks of whole segments, and tiny chunks.
        const int qubits = 23;
        foreach (var (first, second) in new[] { (new[] { 21 }, new[] { 22 }), (new[] { 20 }, new[] { 22 }), (new[] { 3, 21 }, new[] { 22, 10 }) })
        {
            using var expected = Backend.CreateState(qubits, Precision.Single);
            using var actual = Backend.CreateState(qubits, Precision.Single);
            foreach (var state in new[] { expected, actual })
            {
                state.ApplyMatrix([0], [0.6, 0.8, 0.8, -0.6], []);
                state.ApplyMatrix([22], [0.28, 0.96, 0.96, -0.28], [0]);
                state.ApplyMatrix([21], [0, 1, 1, 0], [22]);
                state.ApplyMatrix([3], [0.6, 0.8, 0.8, -0.6], [21]);
            }
            for (int i = 0; i < first.Length; i++) expected.ApplyMatrix([first[i], second[i]], QubitPairs.SwapMatrix, []);
            actual.SwapQubits(first, second);
            Assert.That(expected.InnerProduct(actual).Real, Is.EqualTo(1).Within(1e-5), $"swap [{string.Join(",", first)}] with [{string.Join(",", second)}]");
            Assert.That(actual.ProbabilityOfOne(second[0]), Is.EqualTo(expected.ProbabilityOfOne(second[0])).Within(1e-6));
        }
    }

    [Test]
    public void SwapQubits_LowQubitsMixedWithHighOnes_MatchesIndexPermutation([Values(0, 1, 2, 3, 4, 5, 6)] int lowPairs)
    {
        // 2^21 amplitudes span two layout segments; qubits 0..5 lie inside the kernel's 64-amplitude units.
        const int qubits = 21;
        var rng = new Random(300 + lowPairs);
        var low = Enumerable.Range(0, 6).OrderBy(_ => rng.Next()).Take(lowPairs);
        var high = new Queue<int>(Enumerable.Range(6, qubits - 6).OrderBy(_ => rng.Next()));
        var pairs = low.Select(q => (q, high.Dequeue())).Concat([(high.Dequeue(), high.Dequeue())]).ToList();
        // Mixed orders within a pair, and pairs with both qubits low.
        int[] first = [.. pairs.Select((p, i) => i % 2 == 0 ? p.Item1 : p.Item2)];
        int[] second = [.. pairs.Select((p, i) => i % 2 == 0 ? p.Item2 : p.Item1)];
        AssertSwapPermutes(qubits, first, second, rng.Next());
    }

    [TestCase(new[] { 0, 2 }, new[] { 3, 5 })]
    [TestCase(new[] { 1, 20, 0 }, new[] { 3, 2, 13 })]
    [TestCase(new[] { 0, 1, 2, 3, 4, 5, 6 }, new[] { 14, 15, 16, 17, 18, 19, 20 })]
    public void SwapQubits_PairsWithinAndAcrossUnits_MatchesIndexPermutation(int[] first, int[] second) =>
        AssertSwapPermutes(21, first, second, 9);

    private void AssertSwapPermutes(int qubits, int[] first, int[] second, int seed)
    {
        var initial = ReferenceSimulator.RandomState(qubits, seed);
        var actual = new Complex[initial.Length];
        foreach (var precision in new[] { Precision.Single, Precision.Double })
        {
            using var state = Backend.CreateState(qubits, precision);
            state.SetAmplitudes(initial);
            // The amplitudes as stored (rounded in single precision), so a permutation compares exactly.
            var stored = new Complex[initial.Length];
            state.GetAmplitudes(stored);
            state.SwapQubits(first, second);
            state.GetAmplitudes(actual);
            for (long i = 0; i < stored.Length; i++)
            {
                long moved = i;
                for (int p = 0; p < first.Length; p++)
                {
                    if ((((i >> first[p]) ^ (i >> second[p])) & 1) != 0) moved ^= (1L << first[p]) | (1L << second[p]);
                }
                if (actual[moved] != stored[i])
                    Assert.Fail($"{precision}, swap [{string.Join(",", first)}] with [{string.Join(",", second)}]: amplitude {i} should be at {moved}");
            }
        }
    }

    [Test]
    public void SwapQubits_RepeatedQubit_Throws()
    {
        using var state = Backend.CreateState(4, Precision.Single);
        Assert.That(() => state.SwapQubits([0, 1], [1, 2]), Throws.ArgumentException.With.Message.Contains("more than once"));
    }
}
