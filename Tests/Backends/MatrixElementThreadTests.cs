using System.Numerics;
using QSim.Backends;
using QSim.Cpu.Simd;
using QSim.Tests.Oracles;

namespace QSim.Tests.Backends;

/// <summary>The CPU matrix element sums fixed blocks in order: one and two threads give the same bits.</summary>
public sealed class MatrixElementThreadTests
{
    private const int Qubits = 14; // four reduction blocks, so two threads split them

    public static IEnumerable<SimdLevel> Levels => SimdSupport.Available;

    [Test]
    public void MatrixElement_OneAndTwoThreads_AreBitIdentical([ValueSource(nameof(Levels))] SimdLevel level, [Values] Precision precision)
    {
        var bra = ReferenceSimulator.RandomState(Qubits, seed: 140);
        var ket = ReferenceSimulator.RandomState(Qubits, seed: 141);
        var rng = new Random(142);
        var shapes = new (int[] Targets, int[] Controls)[] { ([0], []), ([13], []), ([1], [12]), ([0, 13], []), ([3, 11, 7], [2]), ([5], [0, 13]) };
        using var single = BackendConfigurations.Create($"{level}/1");
        using var pair = BackendConfigurations.Create($"{level}/2");
        using var braOne = Load(single, bra, precision);
        using var ketOne = Load(single, ket, precision);
        using var braTwo = Load(pair, bra, precision);
        using var ketTwo = Load(pair, ket, precision);
        foreach (var (targets, controls) in shapes)
            foreach (bool diagonal in new[] { false, true })
            {
                var matrix = KernelOracleTests.RandomMatrix(1 << targets.Length, rng).Elements.ToArray();
                if (diagonal)
                    for (int i = 0; i < matrix.Length; i++)
                        if (i % ((1 << targets.Length) + 1) != 0) matrix[i] = Complex.Zero;
                Complex one = ketOne.MatrixElement(braOne, targets, matrix, controls);
                Complex two = ketTwo.MatrixElement(braTwo, targets, matrix, controls);
                Assert.That(two, Is.EqualTo(one), $"targets [{string.Join(",", targets)}] controls [{string.Join(",", controls)}] diagonal {diagonal}");
            }
    }

    [Test]
    public void MatrixElements_OneQubitDiagonals_OneAndTwoThreadsAreBitIdentical([ValueSource(nameof(Levels))] SimdLevel level, [Values] Precision precision)
    {
        var bra = ReferenceSimulator.RandomState(Qubits, seed: 143);
        var ket = ReferenceSimulator.RandomState(Qubits, seed: 144);
        var terms = Enumerable.Range(0, Qubits)
            .Select(q => new MatrixApplication([q], [], [new Complex(0.5, -0.1 * q), 0, 0, new Complex(-0.3, 0.2)], false))
            .ToArray();
        using var single = BackendConfigurations.Create($"{level}/1");
        using var pair = BackendConfigurations.Create($"{level}/2");
        using var braOne = Load(single, bra, precision);
        using var ketOne = Load(single, ket, precision);
        using var braTwo = Load(pair, bra, precision);
        using var ketTwo = Load(pair, ket, precision);
        var one = new Complex[Qubits];
        var two = new Complex[Qubits];
        ketOne.MatrixElements(braOne, terms, 10, one);
        ketTwo.MatrixElements(braTwo, terms, 10, two);
        Assert.That(two, Is.EqualTo(one));
    }

    private static IStateVector Load(IBackend backend, Complex[] amplitudes, Precision precision)
    {
        var state = backend.CreateState(Qubits, precision);
        state.SetAmplitudes(amplitudes);
        return state;
    }
}
