using System.Numerics;
using QSim.Circuits;
using QSim.Numerics;
using QSim.Parameters;

namespace QSim.Tests.Oracles;

/// <summary>
/// The independent reference: a plain double-precision state as a Complex[], gates applied by an
/// explicit loop over every amplitude with the gate's full matrix (controls included, as the gate
/// library's own Matrix gives it). No SIMD, no folding, no shortcuts shared with the engine.
/// </summary>
public static class ReferenceSimulator
{
    /// <summary>|0…0⟩.</summary>
    public static Complex[] ZeroState(int qubits)
    {
        var state = new Complex[1 << qubits];
        state[0] = Complex.One;
        return state;
    }

    /// <summary>A normalised state with random amplitudes from a seeded generator.</summary>
    public static Complex[] RandomState(int qubits, int seed)
    {
        var rng = new Random(seed);
        var state = new Complex[1 << qubits];
        double norm = 0;
        for (int i = 0; i < state.Length; i++)
        {
            state[i] = new Complex(rng.NextDouble() * 2 - 1, rng.NextDouble() * 2 - 1);
            norm += state[i].Magnitude * state[i].Magnitude;
        }
        for (int i = 0; i < state.Length; i++) state[i] /= Math.Sqrt(norm);
        return state;
    }

    /// <summary>new[row] = Σ_col M[rowBits, colBits]·old[col], summed over every index that agrees off the gate's qubits.</summary>
    public static Complex[] Apply(Complex[] state, ComplexMatrix matrix, IReadOnlyList<int> qubits)
    {
        var result = new Complex[state.Length];
        for (int row = 0; row < state.Length; row++)
        {
            int gateRow = GateIndex(row, qubits);
            for (int gateCol = 0; gateCol < matrix.Dimension; gateCol++)
            {
                int col = row;
                for (int j = 0; j < qubits.Count; j++)
                    col = (col & ~(1 << qubits[j])) | (((gateCol >> j) & 1) << qubits[j]);
                result[row] += matrix[gateRow, gateCol] * state[col];
            }
        }
        return result;
    }

    /// <summary>Runs a unitary circuit from |0…0⟩.</summary>
    public static Complex[] Run(Circuit circuit, ParameterBinding? binding = null) =>
        Run(circuit, ZeroState(circuit.QubitCount), binding);

    /// <summary>Runs a unitary circuit from <paramref name="initial"/>.</summary>
    public static Complex[] Run(Circuit circuit, Complex[] initial, ParameterBinding? binding = null)
    {
        var state = initial;
        foreach (var op in circuit.Operations)
        {
            if (op is BarrierOperation) continue;
            var gate = (GateOperation)op;
            state = Apply(state, gate.Matrix(binding ?? ParameterBinding.Empty), gate.Qubits);
        }
        return state;
    }

    private static int GateIndex(int index, IReadOnlyList<int> qubits)
    {
        int g = 0;
        for (int j = 0; j < qubits.Count; j++) g |= ((index >> qubits[j]) & 1) << j;
        return g;
    }
}
