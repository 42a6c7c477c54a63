using QSim.Circuits;
using QSim.Gates;
using QSim.Parameters;

namespace QSim.Tests.Passes;

/// <summary>
/// Seeded random circuits over every library gate, with symbolic parameters and the patterns the
/// passes look for (inverse pairs, repeated rotations, identities, diagonal neighbours).
/// </summary>
public static class RandomGateCircuits
{
    public static readonly Symbol Alpha = new("alpha");
    public static readonly Symbol Beta = new("beta");

    /// <summary>Values of <see cref="Alpha"/> and <see cref="Beta"/>.</summary>
    public static ParameterBinding Binding(double alpha, double beta) => ParameterBinding.From([Alpha, Beta], [alpha, beta]);

    private static readonly GateDefinition[] Gates = GateLibrary.All.Values.Distinct().OrderBy(g => g.Name, StringComparer.Ordinal).ToArray();

    /// <summary>A unitary circuit of <paramref name="gates"/> gates on <paramref name="qubits"/> qubits.</summary>
    public static Circuit Unitary(int qubits, int gates, int seed)
    {
        var circuit = new Circuit(qubits);
        circuit.DeclareSymbol(Alpha.Name);
        circuit.DeclareSymbol(Beta.Name);
        var rng = new Random(seed);
        while (circuit.Operations.Count < gates) AppendRandom(circuit, rng);
        return circuit;
    }

    /// <summary>Like <see cref="Unitary"/>, with measurements, resets, barriers and conditioned gates among the gates.</summary>
    public static Circuit WithMeasurements(int qubits, int gates, int seed)
    {
        var circuit = new Circuit(qubits, qubits);
        circuit.DeclareSymbol(Alpha.Name);
        circuit.DeclareSymbol(Beta.Name);
        var rng = new Random(seed);
        while (circuit.Operations.Count < gates)
        {
            switch (rng.Next(12))
            {
                case 0: circuit.Measure(rng.Next(qubits), rng.Next(qubits)); break;
                case 1: circuit.Reset(rng.Next(qubits)); break;
                case 2: circuit.Barrier(rng.Next(qubits)); break;
                case 3: circuit.If([rng.Next(qubits)], 1, body => AppendRandom(body, rng)); break;
                default: AppendRandom(circuit, rng); break;
            }
        }
        return circuit;
    }

    private static void AppendRandom(Circuit circuit, Random rng)
    {
        int n = circuit.QubitCount;
        GateDefinition gate;
        do gate = Gates[rng.Next(Gates.Length)]; while (gate.QubitCount > n);
        int[] qubits = Enumerable.Range(0, n).OrderBy(_ => rng.Next()).Take(gate.QubitCount).ToArray();
        var parameters = Enumerable.Range(0, gate.ParameterCount).Select(_ => Parameter(rng)).ToArray();
        circuit.Gate(gate, qubits, parameters);
        switch (rng.Next(6))
        {
            case 0: circuit.Gate(gate.Inverse(), qubits, parameters); break;              // an inverse pair
            case 1: circuit.Gate(gate, qubits, [.. parameters.Select(_ => Parameter(rng))]); break; // a repeat (same-axis merge)
            case 2 when n > 1: circuit.Id(rng.Next(n)); break;                               // an identity
            case 3: circuit.RZ(Parameter(rng), qubits.Length > 0 ? qubits[0] : 0); break;   // a diagonal neighbour
        }
    }

    private static ParameterExpression Parameter(Random rng) => rng.Next(4) switch
    {
        0 => Alpha,
        1 => 2 * Beta - 0.5,
        2 => 0.0,
        _ => rng.NextDouble() * 4 * Math.PI - 2 * Math.PI,
    };
}
