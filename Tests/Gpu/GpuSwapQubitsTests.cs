using System.Numerics;
using QSim.Backends;
using QSim.Cpu;
using QSim.Gpu.Kernels;
using QSim.Tests.Backends;
using QSim.Tests.Oracles;

namespace QSim.Tests.Gpu;

/// <summary>The GPU's one-pass qubit relabelling against the CPU backend and against SWAP matrices on the dense oracle.</summary>
[TestFixtureSource(typeof(BackendConfigurations), nameof(BackendConfigurations.Gpu))]
public sealed class GpuSwapQubitsTests(string configuration) : BackendFixture(configuration)
{
    private static readonly Complex[] Swap = QubitPairs.SwapMatrix.ToArray();

    private static IEnumerable<TestCaseData> Pairings()
    {
        yield return new TestCaseData(new[] { 0 }, new[] { 1 }).SetArgDisplayNames("neighbours");
        yield return new TestCaseData(new[] { 6 }, new[] { 0 }).SetArgDisplayNames("highest and lowest");
        yield return new TestCaseData(new[] { 0, 2, 5 }, new[] { 4, 6, 1 }).SetArgDisplayNames("three crossing pairs");
        yield return new TestCaseData(new[] { 0, 1, 2 }, new[] { 3, 4, 5 }).SetArgDisplayNames("block below with block above");
        yield return new TestCaseData(Array.Empty<int>(), Array.Empty<int>()).SetArgDisplayNames("no pairs");
    }

    [TestCaseSource(nameof(Pairings))]
    public void SwapQubits_OnRandomState_MatchesSwapMatricesOnTheOracleAndTheCpuBackend(int[] first, int[] second)
    {
        const int qubits = 7;
        var initial = ReferenceSimulator.RandomState(qubits, first.Sum() + 17);
        var expected = initial;
        for (int i = 0; i < first.Length; i++) expected = ReferenceSimulator.Apply(expected, new Numerics.ComplexMatrix(Swap), [first[i], second[i]]);
        using var cpuBackend = new CpuBackend(new CpuBackendOptions { Threads = 1 });
        foreach (var precision in new[] { Precision.Single, Precision.Double })
        {
            using var gpu = Backend.CreateState(qubits, precision);
            using var cpu = cpuBackend.CreateState(qubits, precision);
            gpu.SetAmplitudes(initial);
            cpu.SetAmplitudes(initial);
            gpu.SwapQubits(first, second);
            cpu.SwapQubits(first, second);
            KernelOracleTests.AssertClose(gpu, expected, precision, "against the oracle");
            var fromCpu = new Complex[1 << qubits];
            cpu.GetAmplitudes(fromCpu);
            KernelOracleTests.AssertClose(gpu, fromCpu, precision, "against the CPU backend");
        }
    }

    [Test]
    public void SwapQubits_RepeatedOrMismatchedQubits_Throw()
    {
        using var state = Backend.CreateState(4, Precision.Single);
        Assert.Throws<ArgumentException>(() => state.SwapQubits([0, 1], [1, 2]));
        Assert.Throws<ArgumentException>(() => state.SwapQubits([0], [1, 2]));
        Assert.Throws<ArgumentException>(() => state.SwapQubits([0], [4]));
    }

    [Test]
    public void QubitPairList_Partner_ExchangesEveryPairsBits()
    {
        // Ten pairs, the most one pass takes, over 20 of the index bits.
        int[] first = [.. Enumerable.Range(0, QubitPairList.MaxPairs).Select(j => 2 * j)];
        int[] second = [.. Enumerable.Range(0, QubitPairList.MaxPairs).Select(j => 33 - j)];
        var pairs = QubitPairList.Create(first, second);
        var rng = new Random(4);
        for (int trial = 0; trial < 200; trial++)
        {
            long index = rng.NextInt64(1L << 34), expected = index;
            for (int j = 0; j < first.Length; j++)
            {
                long a = (index >> first[j]) & 1, b = (index >> second[j]) & 1;
                expected = expected & ~(1L << first[j]) & ~(1L << second[j]) | (b << first[j]) | (a << second[j]);
            }
            Assert.That(pairs.Partner(index), Is.EqualTo(expected), $"index {index}");
            Assert.That(pairs.Partner(pairs.Partner(index)), Is.EqualTo(index), "an involution");
        }
    }
}
