using QSim.Circuits;
using QSim.Gates;

namespace QSim.Tests.Oracles;

/// <summary>Seeded random circuits for property tests.</summary>
public static class RandomCircuits
{
    /// <summary>Layers of random 1-qubit rotations and entangling gates on shuffled pairs.</summary>
    public static Circuit Layered(int qubits, int depth, int seed)
    {
        var rng = new Random(seed);
        var circuit = new Circuit(qubits);
        GateDefinition[] rotations = [GateLibrary.RX, GateLibrary.RY, GateLibrary.RZ, GateLibrary.U3, GateLibrary.H, GateLibrary.T];
        GateDefinition[] entanglers = [GateLibrary.CX, GateLibrary.CZ, GateLibrary.ISwap, GateLibrary.RZZ, GateLibrary.CCX];
        for (int layer = 0; layer < depth; layer++)
        {
            for (int q = 0; q < qubits; q++) Append(circuit, rotations[rng.Next(rotations.Length)], [q], rng);
            var order = Enumerable.Range(0, qubits).OrderBy(_ => rng.Next()).ToArray();
            for (int i = 0; i + 1 < qubits; i += 2)
            {
                var gate = entanglers[rng.Next(entanglers.Length)];
                if (gate.QubitCount == 3 && i + 2 >= qubits) gate = GateLibrary.CX;
                Append(circuit, gate, order[i..(i + gate.QubitCount)], rng);
            }
        }
        return circuit;
    }

    private static void Append(Circuit circuit, GateDefinition gate, int[] qubits, Random rng) =>
        circuit.Gate(gate, qubits, Enumerable.Range(0, gate.ParameterCount).Select(_ => (QSim.Parameters.ParameterExpression)(rng.NextDouble() * 2 * Math.PI)).ToArray());
}
