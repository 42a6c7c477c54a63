using QSim.Circuits;
using QSim.Noise;
using QSim.Perf.Circuits;

namespace QSim.Perf.Noise;

/// <summary>
/// The noisy workloads of the noise suite and of the comparison with qsim's trajectory simulator and Qulacs' density matrix:
/// the random brickwork of shared/bench-circuits (an H layer, then 20 cycles of a random RX/RY/RZ on every qubit and CZ on
/// alternating neighbour pairs, seed 1) with a 1-qubit depolarizing channel after every gate on each of its qubits, as qsim's
/// MakeNoisy and cirq's with_noise place them.
/// </summary>
public static class NoisyWorkloads
{
    /// <summary>The depolarizing probability of every channel (X, Y, Z with p/3 each).</summary>
    public const double DepolarizingProbability = 0.01;

    /// <summary>Cycles of the brickwork.</summary>
    public const int Cycles = 20;

    /// <summary>The circuit without noise (what the peers read, adding their own channels).</summary>
    public static Circuit Clean(int qubits) => GeneratedCircuits.RandomBrickwork(qubits, Cycles, seed: 1);

    /// <summary>Depolarizing after every gate of the brickwork, on each of its qubits.</summary>
    public static NoiseModel Model(double p = DepolarizingProbability) =>
        new NoiseModel().AddGateNoise(ChannelLibrary.Depolarizing.Bind(p), ["h", "rx", "ry", "rz", "cz"]);

    /// <summary>The circuit with its channels.</summary>
    public static Circuit Noisy(int qubits, double p = DepolarizingProbability) => Model(p).Apply(Clean(qubits)).Circuit;
}
