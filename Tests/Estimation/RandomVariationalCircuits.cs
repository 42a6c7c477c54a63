using QSim.Circuits;
using QSim.Parameters;

namespace QSim.Tests.Estimation;

/// <summary>
/// Seeded random circuits whose parameters are symbols shared by several gates and expressions of them
/// (2*a + b, sin(c), a*b), over rotations, controlled rotations, phases, U, RZZ/RXX, fsim and fixed gates.
/// </summary>
public static class RandomVariationalCircuits
{
    public static Circuit Create(int qubits, int gates, int seed, out Symbol[] symbols)
    {
        var rng = new Random(seed);
        var circuit = new Circuit(qubits);
        symbols = new[] { "a", "b", "c", "d" }.Select(circuit.DeclareSymbol).ToArray();
        var s = symbols;
        ParameterExpression Angle() => rng.Next(6) switch
        {
            0 => s[rng.Next(s.Length)],
            1 => 2.0 * s[rng.Next(s.Length)] + s[rng.Next(s.Length)],
            2 => ParameterExpression.Sin(s[rng.Next(s.Length)]) - 0.3,
            3 => s[rng.Next(s.Length)] * s[rng.Next(s.Length)],
            4 => rng.NextDouble() * 6,
            _ => -0.5 * s[rng.Next(s.Length)],
        };
        for (int g = 0; g < gates; g++)
        {
            int a = rng.Next(qubits), b = (a + 1 + rng.Next(qubits - 1)) % qubits;
            switch (rng.Next(13))
            {
                case 0: circuit.RX(Angle(), a); break;
                case 1: circuit.RY(Angle(), a); break;
                case 2: circuit.RZ(Angle(), a); break;
                case 3: circuit.P(Angle(), a); break;
                case 4: circuit.U(Angle(), Angle(), Angle(), a); break;
                case 5: circuit.CRX(Angle(), a, b); break;
                case 6: circuit.CP(Angle(), a, b); break;
                case 7: circuit.RZZ(Angle(), a, b); break;
                case 8: circuit.RXX(Angle(), a, b); break;
                case 9: circuit.FSim(Angle(), Angle(), a, b); break;
                case 10: circuit.CX(a, b); break;
                case 11: circuit.H(a); break;
                default: circuit.CRY(Angle(), a, b); break;
            }
        }
        return circuit;
    }
}
