using QSim.Circuits;

namespace QSim.Perf.Circuits;

/// <summary>The circuits of the optimizer benchmarks, seeded.</summary>
public static class BenchmarkCircuits
{
    /// <summary>
    /// <paramref name="depth"/> layers, each a random RX/RY/RZ on every qubit then CZ or CX (at random) on
    /// neighbour pairs, the pairs shifted by one every other layer.
    /// </summary>
    public static Circuit RandomLayers(int qubits, int depth, int seed)
    {
        var rng = new Random(seed);
        var circuit = new Circuit(qubits);
        for (int layer = 0; layer < depth; layer++)
        {
            for (int q = 0; q < qubits; q++)
            {
                double angle = rng.NextDouble() * 2 * Math.PI;
                _ = rng.Next(3) switch { 0 => circuit.RX(angle, q), 1 => circuit.RY(angle, q), _ => circuit.RZ(angle, q) };
            }
            for (int q = layer % 2; q + 1 < qubits; q += 2)
                _ = rng.Next(2) == 0 ? circuit.CZ(q, q + 1) : circuit.CX(q, q + 1);
        }
        return circuit;
    }

    /// <summary>The textbook QFT: H and controlled phases per qubit, then the qubit-order reversal by swaps.</summary>
    public static Circuit Qft(int qubits)
    {
        var circuit = new Circuit(qubits);
        for (int target = qubits - 1; target >= 0; target--)
        {
            circuit.H(target);
            for (int control = target - 1; control >= 0; control--)
                circuit.CP(Math.PI / (1 << (target - control)), control, target);
        }
        for (int q = 0; q < qubits / 2; q++) circuit.Swap(q, qubits - 1 - q);
        return circuit;
    }
}
