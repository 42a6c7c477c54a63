using System.Numerics;
using QSim.Backends;
using QSim.Numerics;

namespace QSim.Execution;

/// <summary>
/// Decides what a noise channel does to a state vector while a plan runs: a quantum trajectory follows one of its Kraus
/// operators. (A mixed state, <see cref="IMixedState"/>, applies the whole channel and needs no policy.)
/// </summary>
public interface IChannelPolicy
{
    /// <summary>Applies one Kraus operator of <paramref name="channel"/> (top-level step <paramref name="step"/>) to <paramref name="state"/>, renormalised.</summary>
    void Apply(int step, ChannelStep channel, IStateVector state);
}

/// <summary>
/// Quantum trajectories: at each channel, one Kraus operator K_k drawn with probability ‖K_k·ψ‖² and the state replaced by
/// K_k·ψ/‖K_k·ψ‖, so that the average of |ψ⟩⟨ψ| over trajectories is the channel's output ρ. Operators whose probability
/// does not depend on the state (K_i†K_i = p_i·I: every operator of a mixed-unitary channel) are drawn by p_i alone, without
/// reading the state; the others by ⟨ψ|K_i†K_i|ψ⟩, a matrix element that leaves the state unchanged. One uniform number
/// per channel: from <paramref name="random"/> for a mixed-unitary channel, from <paramref name="stateDependent"/> (when
/// given, else <paramref name="random"/>) for one whose draw reads the state. Keeping the two apart lets runs that should
/// share their noise (shifted evaluations of one trajectory) share the draws that do not depend on the state, and draw the
/// others afresh. One policy per thread (it keeps a scratch matrix).
/// </summary>
public sealed class SampledChannels(SeededRandom random, SeededRandom? stateDependent = null) : IChannelPolicy
{
    private readonly Complex[] _scaled = new Complex[1 << (2 * Noise.ChannelLibrary.MaxQubits)];
    private double[] _weights = new double[8];

    /// <summary>The generator of the draws of mixed-unitary channels (and of every draw without a second generator).</summary>
    public SeededRandom Random { get; } = random;

    /// <inheritdoc/>
    public void Apply(int step, ChannelStep channel, IStateVector state)
    {
        var operators = channel.Operators;
        var qubits = channel.Qubits.AsSpan();
        double u = (operators.IsUnitaryMixture ? Random : stateDependent ?? Random).NextDouble();
        if (u < operators.FixedMass || operators.Kraus.Length == 0)
        {
            int k = operators.PickFixed(u);
            if (operators.FixedUnitaries[k] is not { } unitary) return;
            if (operators.FixedDiagonal[k]) state.ApplyDiagonal(qubits, unitary, []);
            else state.ApplyMatrix(qubits, unitary, []);
            return;
        }
        // Conditional on no state-independent operator, K_i is drawn in proportion to ⟨ψ|K_i†K_i|ψ⟩: exact whatever ψ's norm.
        int count = operators.Kraus.Length;
        if (_weights.Length < count) _weights = new double[count];
        double total = 0;
        for (int i = 0; i < count; i++)
        {
            _weights[i] = Math.Max(0, state.MatrixElement(state, qubits, operators.Grams[i], []).Real);
            total += _weights[i];
        }
        if (!(total > 0))
            throw new InvalidOperationException($"Channel '{channel.Channel}' on a state of zero norm: no Kraus operator has a probability.");
        double threshold = (u - operators.FixedMass) / (1 - operators.FixedMass) * total;
        int chosen = count - 1;
        double cumulative = 0;
        for (int i = 0; i < count; i++)
        {
            cumulative += _weights[i];
            if (threshold < cumulative && _weights[i] > 0)
            {
                chosen = i;
                break;
            }
        }
        while (_weights[chosen] <= 0) chosen--;
        var kraus = operators.Kraus[chosen];
        double scale = 1 / Math.Sqrt(_weights[chosen]);
        var scaled = _scaled.AsSpan(0, kraus.Length);
        for (int e = 0; e < kraus.Length; e++) scaled[e] = kraus[e] * scale;
        state.ApplyMatrix(qubits, scaled, []);
    }
}
