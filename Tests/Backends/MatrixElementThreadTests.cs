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
        using var states = new StatesOnOneAndTwoThreads(level, precision, bra, ket);
        foreach (var (targets, controls) in shapes)
            foreach (bool diagonal in new[] { false, true })
            {
                var matrix = KernelOracleTests.RandomMatrix(1 << targets.Length, rng).Elements.ToArray();
                if (diagonal)
                    for (int i = 0; i < matrix.Length; i++)
                        if (i % ((1 << targets.Length) + 1) != 0) matrix[i] = Complex.Zero;
                Complex one = states.KetOne.MatrixElement(states.BraOne, targets, matrix, controls);
                Complex two = states.KetTwo.MatrixElement(states.BraTwo, targets, matrix, controls);
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
        using var states = new StatesOnOneAndTwoThreads(level, precision, bra, ket);
        var one = new Complex[Qubits];
        var two = new Complex[Qubits];
        states.KetOne.MatrixElements(states.BraOne, terms, 10, one);
        states.KetTwo.MatrixElements(states.BraTwo, terms, 10, two);
        Assert.That(two, Is.EqualTo(one));
    }

    /// <summary>The same bra and ket on a backend of one thread and on one of two.</summary>
    private sealed class StatesOnOneAndTwoThreads : IDisposable
    {
        private readonly IBackend _single, _pair;

        public StatesOnOneAndTwoThreads(SimdLevel level, Precision precision, Complex[] bra, Complex[] ket)
        {
            _single = BackendConfigurations.Create($"{level}/1");
            _pair = BackendConfigurations.Create($"{level}/2");
            (BraOne, KetOne) = (Load(_single, bra, precision), Load(_single, ket, precision));
            (BraTwo, KetTwo) = (Load(_pair, bra, precision), Load(_pair, ket, precision));
        }

        public IStateVector BraOne { get; }
        public IStateVector KetOne { get; }
        public IStateVector BraTwo { get; }
        public IStateVector KetTwo { get; }

        public void Dispose()
        {
            foreach (var state in new[] { BraOne, KetOne, BraTwo, KetTwo }) state.Dispose();
            _single.Dispose();
            _pair.Dispose();
        }

        private static IStateVector Load(IBackend backend, Complex[] amplitudes, Precision precision)
        {
            var state = backend.CreateState(Qubits, precision);
            state.SetAmplitudes(amplitudes);
            return state;
        }
    }
}
