using System.Globalization;
using System.Text;

namespace QSim.Perf.FrontEnd;

/// <summary>A seeded OpenQASM 2 program of a given gate count, shaped like real circuits (rotations with literal angles, CX, H).</summary>
public static class SyntheticQasm
{
    private const int Qubits = 32;

    /// <summary>The program text; the same for the same <paramref name="gates"/>.</summary>
    public static string Generate(int gates)
    {
        var rng = new Random(gates);
        var text = new StringBuilder($"OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[{Qubits}];\n");
        for (int g = 0; g < gates; g++)
        {
            int a = rng.Next(Qubits), b = (a + 1 + rng.Next(Qubits - 1)) % Qubits;
            string angle = (rng.NextDouble() * 2 * Math.PI).ToString("R", CultureInfo.InvariantCulture);
            text.Append((g % 4) switch
            {
                0 => $"rz({angle}) q[{a}];\n",
                1 => $"cx q[{a}], q[{b}];\n",
                2 => $"u3({angle}, pi/2, -pi/4) q[{a}];\n",
                _ => $"h q[{a}];\n",
            });
        }
        return text.ToString();
    }

    /// <summary>Size of the program in UTF-8 bytes, what MB/s figures count.</summary>
    public static long Bytes(int gates) => Encoding.UTF8.GetByteCount(Generate(gates));
}
