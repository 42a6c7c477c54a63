using QSim.Circuits;
using QSim.Noise;
using QSim.Numerics;
using QSim.Parameters;

namespace QSim.Passes;

/// <summary>
/// For backends of mixed states (the density matrix), where a channel costs one pass whatever it is: a channel absorbs the
/// parameter-free gate or the channel just before it on exactly its qubits (nothing in between touching them), as one
/// channel with Kraus operators K_i·U (or K_j·K_i). A gate on a density matrix is two passes (U on the ket qubits, conj(U)
/// on the bra qubits) and a channel one, so a 1-qubit gate followed by its noise becomes one 4x4 superoperator instead of
/// three passes. Gates with parameters stay (their matrices change with every binding), and so do conditioned operations.
/// State-vector backends do not run this pass: a trajectory applies a sampled operator and the gate would cost a pass anyway.
/// </summary>
public sealed class AbsorbIntoChannels : IPass
{
    /// <inheritdoc/>
    public string Name => "absorb-into-channels";

    /// <inheritdoc/>
    public Circuit Run(Circuit circuit)
    {
        var operations = new List<Operation?>();
        var lastOn = new int[circuit.QubitCount];
        Array.Fill(lastOn, -1);
        foreach (var op in circuit.Operations)
        {
            if (op is ChannelOperation channel && LastOnExactly(operations, lastOn, channel) is int before
                && Absorbable(operations[before]!, channel) is { } earlier)
            {
                operations[before] = null;
                var kraus = channel.Channel.Kraus.SelectMany(k => earlier.Select(e => k * e)).ToArray();
                operations.Add(new ChannelOperation(ChannelLibrary.Kraus(kraus, channel.Channel.Definition.Name).Bind(), channel.Qubits));
            }
            else operations.Add(op);
            foreach (int q in op.Qubits) lastOn[q] = operations.Count - 1;
        }
        return circuit.WithOperations([.. operations.OfType<Operation>()]);
    }

    /// <summary>The index of the last operation on the channel's qubits when it is the same one for all of them, else null.</summary>
    private static int? LastOnExactly(List<Operation?> operations, int[] lastOn, ChannelOperation channel)
    {
        int index = lastOn[channel.Qubits[0]];
        return index >= 0 && channel.Qubits.All(q => lastOn[q] == index) && operations[index] is not null ? index : null;
    }

    /// <summary>
    /// The Kraus operators of <paramref name="earlier"/> when the channel can absorb it (a parameter-free unconditioned gate or
    /// an unconditioned channel on exactly its qubits, in their order, with few enough operators in the product), else null.
    /// </summary>
    private static IReadOnlyList<ComplexMatrix>? Absorbable(Operation earlier, ChannelOperation channel) => earlier switch
    {
        GateOperation { IsParameterized: false } gate when gate.Qubits.SequenceEqual(channel.Qubits) => [gate.Matrix(ParameterBinding.Empty)],
        ChannelOperation previous when previous.Qubits.SequenceEqual(channel.Qubits)
            && previous.Channel.Kraus.Count * channel.Channel.Kraus.Count <= ChannelLibrary.MaxKrausOperators => previous.Channel.Kraus,
        _ => null,
    };
}
