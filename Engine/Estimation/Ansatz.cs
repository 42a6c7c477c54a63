using QSim.Circuits;
using QSim.Parameters;

namespace QSim.Estimation;

/// <summary>Parameterized circuit shapes used by variational algorithms.</summary>
public static class Ansatz
{
    /// <summary>
    /// Appends a hardware-efficient ansatz (the bench-circuits <c>hea_*</c> shape): per layer RY then RZ on every
    /// qubit and a CZ ladder (0-1, 1-2, ...). Symbols are named <c>{prefix}{layer}_ry{qubit}</c> and
    /// <c>{prefix}{layer}_rz{qubit}</c>, declared in that order.
    /// </summary>
    public static Circuit AppendHardwareEfficient(Circuit circuit, int layers, string prefix = "w")
    {
        ArgumentOutOfRangeException.ThrowIfNegative(layers);
        int n = circuit.QubitCount;
        for (int l = 0; l < layers; l++)
        {
            for (int q = 0; q < n; q++) circuit.RY(circuit.DeclareSymbol($"{prefix}{l}_ry{q}"), q);
            for (int q = 0; q < n; q++) circuit.RZ(circuit.DeclareSymbol($"{prefix}{l}_rz{q}"), q);
            for (int q = 0; q + 1 < n; q++) circuit.CZ(q, q + 1);
        }
        return circuit;
    }

    /// <summary>A fresh hardware-efficient ansatz on <paramref name="qubits"/> qubits; see <see cref="AppendHardwareEfficient"/>.</summary>
    public static Circuit HardwareEfficient(int qubits, int layers, string prefix = "w") =>
        AppendHardwareEfficient(new Circuit(qubits), layers, prefix);

    /// <summary>Angle encoding: RY(x_i) on qubit i for <paramref name="inputs"/> inputs named <c>{prefix}{i}</c>; returns the input symbols.</summary>
    public static Symbol[] AppendAngleEncoding(Circuit circuit, int inputs, string prefix = "x")
    {
        if (inputs > circuit.QubitCount)
            throw new ArgumentOutOfRangeException(nameof(inputs), $"Angle encoding puts one input per qubit: {inputs} inputs need {inputs} qubits; the circuit has {circuit.QubitCount}.");
        var symbols = new Symbol[inputs];
        for (int i = 0; i < inputs; i++)
        {
            symbols[i] = circuit.DeclareSymbol($"{prefix}{i}");
            circuit.RY(symbols[i], i);
        }
        return symbols;
    }
}
