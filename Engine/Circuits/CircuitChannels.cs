using QSim.Noise;
using QSim.Numerics;

namespace QSim.Circuits;

// Noise channels at a point of the circuit, one short method per library channel (see ChannelLibrary for each
// channel's parameters and convention). Channel parameters are numbers, checked when appended.
public sealed partial class Circuit
{
    /// <summary>Appends a channel on <paramref name="qubits"/> (in the order of its Kraus operators).</summary>
    /// <exception cref="ArgumentException">A qubit is out of range or repeated, or their count is not the channel's.</exception>
    public Circuit Channel(BoundChannel channel, params ReadOnlySpan<int> qubits) => Append(new ChannelOperation(channel, [.. qubits]));

    /// <summary>Appends <paramref name="channel"/> with the given parameter values on <paramref name="qubits"/>.</summary>
    /// <exception cref="ChannelParameterException">A parameter is out of range, they are inconsistent, or their count is wrong.</exception>
    /// <exception cref="ArgumentException">A qubit is out of range or repeated, or their count is not the channel's.</exception>
    public Circuit Channel(ChannelDefinition channel, ReadOnlySpan<double> parameters, params ReadOnlySpan<int> qubits) =>
        Channel(channel.Bind(parameters), qubits);

    /// <summary>Appends a channel given by Kraus operators (checked to be trace preserving, see <see cref="ChannelLibrary.Kraus"/>).</summary>
    public Circuit Kraus(IReadOnlyList<ComplexMatrix> operators, params ReadOnlySpan<int> qubits) =>
        Channel(ChannelLibrary.Kraus(operators).Bind(), qubits);

    /// <summary>Appends a bit flip on qubit <paramref name="q"/>: X with probability <paramref name="p"/>; returns this circuit.</summary>
    /// <exception cref="ChannelParameterException">A probability is outside [0, 1] (the message names the parameter).</exception>
    /// <exception cref="ArgumentException"><paramref name="q"/> is not a qubit of the circuit.</exception>
    public Circuit BitFlip(double p, int q) => Channel(ChannelLibrary.BitFlip, [p], q);
    /// <summary>Appends a phase flip on qubit <paramref name="q"/>: Z with probability <paramref name="p"/>; returns this circuit.</summary>
    /// <exception cref="ChannelParameterException">A probability is outside [0, 1] (the message names the parameter).</exception>
    /// <exception cref="ArgumentException"><paramref name="q"/> is not a qubit of the circuit.</exception>
    public Circuit PhaseFlip(double p, int q) => Channel(ChannelLibrary.PhaseFlip, [p], q);
    /// <summary>Appends a Pauli channel on qubit <paramref name="q"/>: X, Y and Z with probabilities <paramref name="px"/>, <paramref name="py"/> and <paramref name="pz"/>, the identity otherwise; returns this circuit.</summary>
    /// <exception cref="ChannelParameterException">A probability is outside [0, 1] or the three sum to more than 1 (the message names the parameter).</exception>
    /// <exception cref="ArgumentException"><paramref name="q"/> is not a qubit of the circuit.</exception>
    public Circuit PauliChannel(double px, double py, double pz, int q) => Channel(ChannelLibrary.PauliChannel, [px, py, pz], q);
    /// <summary>One-qubit depolarizing: X, Y, Z each with probability p/3 (Cirq's convention).</summary>
    public Circuit Depolarize(double p, int q) => Channel(ChannelLibrary.Depolarizing, [p], q);
    /// <summary>Two-qubit depolarizing: each non-identity two-qubit Pauli with probability p/15.</summary>
    public Circuit Depolarize(double p, int a, int b) => Channel(ChannelLibrary.Depolarizing2, [p], a, b);
    /// <summary>Appends amplitude damping on qubit <paramref name="q"/> (energy loss |1⟩ → |0⟩ with probability <paramref name="gamma"/>): Kraus operators diag(1, √(1−γ)) and √γ·|0⟩⟨1|; returns this circuit.</summary>
    /// <exception cref="ChannelParameterException">A probability is outside [0, 1] (the message names the parameter).</exception>
    /// <exception cref="ArgumentException"><paramref name="q"/> is not a qubit of the circuit.</exception>
    public Circuit AmplitudeDamp(double gamma, int q) => Channel(ChannelLibrary.AmplitudeDamping, [gamma], q);
    /// <summary>Appends generalized amplitude damping on qubit <paramref name="q"/>: damping with probability <paramref name="gamma"/> towards the thermal state diag(1 − p1, p1), p1 = <paramref name="excitedPopulation"/> (0 gives amplitude damping); returns this circuit.</summary>
    /// <exception cref="ChannelParameterException">A probability is outside [0, 1] (the message names the parameter).</exception>
    /// <exception cref="ArgumentException"><paramref name="q"/> is not a qubit of the circuit.</exception>
    public Circuit GeneralizedAmplitudeDamp(double gamma, double excitedPopulation, int q) =>
        Channel(ChannelLibrary.GeneralizedAmplitudeDamping, [gamma, excitedPopulation], q);
    /// <summary>Appends phase damping on qubit <paramref name="q"/>: coherences multiplied by √(1 − <paramref name="lambda"/>), populations unchanged; returns this circuit.</summary>
    /// <exception cref="ChannelParameterException">A probability is outside [0, 1] (the message names the parameter).</exception>
    /// <exception cref="ArgumentException"><paramref name="q"/> is not a qubit of the circuit.</exception>
    public Circuit PhaseDamp(double lambda, int q) => Channel(ChannelLibrary.PhaseDamping, [lambda], q);
    /// <summary>Thermal relaxation for <paramref name="time"/> (same unit as T1 and T2; T2 ≤ 2·T1).</summary>
    public Circuit ThermalRelax(double t1, double t2, double time, int q) => Channel(ChannelLibrary.ThermalRelaxation, [t1, t2, time], q);
    /// <summary>Resets to |0⟩ with probability p0 and to |1⟩ with p1.</summary>
    public Circuit ResetError(double p0, double p1, int q) => Channel(ChannelLibrary.ResetError, [p0, p1], q);
}
