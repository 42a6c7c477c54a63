using QSim.Backends;
using QSim.Cpu.Simd;
using QSim.Tests.Backends;
using QSim.Tests.Oracles;

namespace QSim.Tests.Observables;

/// <summary>The CPU Pauli-group passes sum fixed blocks in order and write each amplitude once: one and two threads give the same bits.</summary>
public sealed class PauliGroupThreadTests
{
    private const int Qubits = 14; // four reduction blocks, so two threads split them

    public static IEnumerable<SimdLevel> Levels => SimdSupport.Available;

    [Test]
    public void PauliGroup_OneAndTwoThreads_AreBitIdentical([ValueSource(nameof(Levels))] SimdLevel level, [Values] Precision precision)
    {
        var amplitudes = ReferenceSimulator.RandomState(Qubits, seed: 150);
        using var single = BackendConfigurations.Create($"{level}/1");
        using var pair = BackendConfigurations.Create($"{level}/2");
        using var one = single.CreateState(Qubits, precision);
        using var two = pair.CreateState(Qubits, precision);
        using var oneTo = single.CreateState(Qubits, precision);
        using var twoTo = pair.CreateState(Qubits, precision);
        one.SetAmplitudes(amplitudes);
        two.SetAmplitudes(amplitudes);
        ulong[] z = [0b11, 0b11_0000_0000_0000, 0b1010_0110_0001, 0b10_0000_0000_0001];
        double[] c = [0.5, -1.25, 0.75, 2];
        var oneAmplitudes = new System.Numerics.Complex[1 << Qubits];
        var twoAmplitudes = new System.Numerics.Complex[1 << Qubits];
        foreach (ulong x in new ulong[] { 0, 0b101, 1UL << 13, (1UL << 12) | 0b11 })
        {
            Assert.That(two.ExpectationPauliGroup(x, z, c), Is.EqualTo(one.ExpectationPauliGroup(x, z, c)), $"x = {x:b}");
            oneTo.SetBasisState(0);
            twoTo.SetBasisState(0);
            oneTo.AddPauliGroup(one, x, z, c);
            twoTo.AddPauliGroup(two, x, z, c);
            oneTo.GetAmplitudes(oneAmplitudes);
            twoTo.GetAmplitudes(twoAmplitudes);
            Assert.That(twoAmplitudes, Is.EqualTo(oneAmplitudes), $"x = {x:b}");
        }
    }
}
