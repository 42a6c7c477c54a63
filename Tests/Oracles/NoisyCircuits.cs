using QSim.Circuits;
using QSim.Noise;
using QSim.Numerics;

namespace QSim.Tests.Oracles;

/// <summary>Seeded random circuits with noise channels of every kind (mixed-unitary, state-dependent, 1 to 3 qubits).</summary>
public static class NoisyCircuits
{
    /// <summary>A layered random circuit (<see cref="RandomCircuits.Layered"/>) with a random channel after each gate.</summary>
    public static Circuit Layered(int qubits, int depth, int seed)
    {
        var rng = new Random(seed + 1000);
        var noisy = new Circuit(qubits);
        foreach (var op in RandomCircuits.Layered(qubits, depth, seed).Operations)
        {
            noisy.Append(op);
            var channel = RandomChannel(rng, op.Qubits.Length);
            if (channel.QubitCount == op.Qubits.Length) noisy.Channel(channel, [.. op.Qubits]);
            else noisy.Channel(channel, op.Qubits[rng.Next(op.Qubits.Length)]);
        }
        return noisy;
    }

    /// <summary>A channel on 1 qubit, or on <paramref name="gateQubits"/> (2 or 3) qubits now and then, at moderate strength.</summary>
    public static BoundChannel RandomChannel(Random rng, int gateQubits)
    {
        if (gateQubits == 2 && rng.Next(3) == 0) return ChannelLibrary.Depolarizing2.Bind(0.05 + 0.2 * rng.NextDouble());
        if (gateQubits == 3 && rng.Next(2) == 0) return ThreeQubitKraus(rng.NextDouble());
        double p = 0.05 + 0.25 * rng.NextDouble();
        return rng.Next(8) switch
        {
            0 => ChannelLibrary.BitFlip.Bind(p),
            1 => ChannelLibrary.Depolarizing.Bind(p),
            2 => ChannelLibrary.AmplitudeDamping.Bind(p),
            3 => ChannelLibrary.GeneralizedAmplitudeDamping.Bind(p, 0.3),
            4 => ChannelLibrary.PhaseDamping.Bind(p),
            5 => ChannelLibrary.ThermalRelaxation.Bind(10, 15, 10 * p),
            6 => ChannelLibrary.ResetError.Bind(p / 2, p / 3),
            _ => ChannelLibrary.PauliChannel.Bind(p / 3, p / 4, p / 5),
        };
    }

    /// <summary>A 3-qubit user channel: amplitude damping on the first qubit, controlled by the others being 1.</summary>
    public static BoundChannel ThreeQubitKraus(double gamma)
    {
        var k0 = new System.Numerics.Complex[64];
        var k1 = new System.Numerics.Complex[64];
        for (int i = 0; i < 8; i++) k0[i * 8 + i] = 1;
        k0[7 * 8 + 7] = Math.Sqrt(1 - gamma);
        k1[6 * 8 + 7] = Math.Sqrt(gamma);
        return ChannelLibrary.Kraus([new ComplexMatrix(k0), new ComplexMatrix(k1)], "controlled_damping").Bind();
    }
}
