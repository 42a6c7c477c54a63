using QSim.Circuits;

namespace QSim.Perf.Circuits;

/// <summary>The circuit families the suite generates at any size, seeded.</summary>
public static class GeneratedCircuits
{
    /// <summary>
    /// The brickwork of shared/bench-circuits/rqc_*: an H layer, then per cycle a random RX/RY/RZ on every
    /// qubit and CZ on alternating neighbour pairs.
    /// </summary>
    public static Circuit RandomBrickwork(int qubits, int layers, int seed)
    {
        var rng = new Random(seed);
        var circuit = new Circuit(qubits);
        for (int q = 0; q < qubits; q++) circuit.H(q);
        for (int layer = 0; layer < layers; layer++)
        {
            for (int q = 0; q < qubits; q++)
            {
                double angle = rng.NextDouble() * 2 * Math.PI;
                _ = rng.Next(3) switch { 0 => circuit.RX(angle, q), 1 => circuit.RY(angle, q), _ => circuit.RZ(angle, q) };
            }
            for (int q = layer % 2; q + 1 < qubits; q += 2) circuit.CZ(q, q + 1);
        }
        return circuit;
    }

    /// <summary>
    /// The optimizer's random circuits (issue 5): <paramref name="depth"/> layers, each a random RX/RY/RZ on
    /// every qubit then CZ or CX (at random) on neighbour pairs, the pairs shifted by one every other layer.
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

    /// <summary>The textbook QFT: H and controlled phases from the top qubit down, then the reversing swaps.</summary>
    public static Circuit Qft(int qubits)
    {
        var circuit = new Circuit(qubits);
        for (int target = qubits - 1; target >= 0; target--)
        {
            circuit.H(target);
            for (int control = target - 1; control >= 0; control--)
                circuit.CP(Math.PI / (1L << (target - control)), control, target);
        }
        for (int q = 0; q < qubits / 2; q++) circuit.Swap(q, qubits - 1 - q);
        return circuit;
    }

    /// <summary>GHZ: H on qubit 0 and a CX chain.</summary>
    public static Circuit Ghz(int qubits)
    {
        var circuit = new Circuit(qubits).H(0);
        for (int q = 1; q < qubits; q++) circuit.CX(q - 1, q);
        return circuit;
    }
}
