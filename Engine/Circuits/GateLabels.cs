using System.Globalization;
using QSim.Gates;
using QSim.Parameters;

namespace QSim.Circuits;

/// <summary>How a gate reads in a circuit drawing: its symbol on each of its qubits.</summary>
internal static class GateLabels
{
    private static readonly Dictionary<string, string> DisplayNames = new(StringComparer.Ordinal)
    {
        ["id"] = "I", ["x"] = "X", ["y"] = "Y", ["z"] = "Z", ["h"] = "H", ["s"] = "S", ["sdg"] = "S†", ["t"] = "T", ["tdg"] = "T†",
        ["sx"] = "√X", ["sxdg"] = "√X†", ["rx"] = "Rx", ["ry"] = "Ry", ["rz"] = "Rz", ["p"] = "P", ["u3"] = "U", ["u2"] = "U2",
        ["u0"] = "U0", ["cu_target"] = "U", ["rxx"] = "Rxx", ["ryy"] = "Ryy", ["rzz"] = "Rzz", ["rzx"] = "Rzx",
    };

    /// <summary>The symbol of <paramref name="gate"/> on each of its qubits: <c>●</c> for controls, then the target's symbols.</summary>
    public static Dictionary<int, string> Of(GateOperation gate)
    {
        var labels = new Dictionary<int, string>();
        int controls = gate.Gate.ControlCount;
        for (int i = 0; i < controls; i++) labels[gate.Qubits[i]] = "●";
        var targetGate = controls > 0 ? gate.Gate.Target! : gate.Gate;
        var targets = gate.Qubits.AsSpan()[controls..];
        switch (targetGate.Name)
        {
            case "x" when controls > 0:
                labels[targets[0]] = "⊕";
                break;
            case "z" when controls > 0:
                labels[targets[0]] = "●";
                break;
            case "swap":
                foreach (int q in targets) labels[q] = "×";
                break;
            default:
                string label = Name(targetGate.Name) + Parameters(gate.Parameters);
                bool symmetric = targets.Length == 2 && IsSymmetric(targetGate);
                for (int i = 0; i < targets.Length; i++) labels[targets[i]] = i == 0 || symmetric ? label : $"#{i + 1}";
                break;
        }
        return labels;
    }

    /// <summary>The gate's name as drawings show it: H, Rx, S†, √X; names without a usual symbol as they are.</summary>
    public static string Name(string gateName) =>
        DisplayNames.TryGetValue(gateName, out var display) ? display
        : gateName.EndsWith("_dg", StringComparison.Ordinal) ? Name(gateName[..^3]) + "†"
        : gateName;

    /// <summary><c>(π/2,theta)</c>, or nothing for a gate without parameters.</summary>
    public static string Parameters(IReadOnlyList<ParameterExpression> parameters) =>
        parameters.Count == 0 ? "" : "(" + string.Join(",", parameters.Select(Parameter)) + ")";

    /// <summary>A constant as a multiple of π when it is one with a small denominator (<c>3π/4</c>), else to 4 significant digits; a symbolic expression as written.</summary>
    public static string Parameter(ParameterExpression parameter)
    {
        if (!parameter.TryGetConstant(out double value)) return parameter.ToString();
        if (value == 0) return "0";
        for (int denominator = 1; denominator <= 8; denominator++)
        {
            double multiple = value * denominator / Math.PI;
            double numerator = Math.Round(multiple);
            if (numerator != 0 && Math.Abs(multiple - numerator) < 1e-9)
            {
                string times = numerator switch { 1 => "π", -1 => "-π", _ => numerator.ToString(CultureInfo.InvariantCulture) + "π" };
                return denominator == 1 ? times : $"{times}/{denominator}";
            }
        }
        return value.ToString("G4", CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// True when swapping the gate's two qubits leaves its matrix unchanged (rzz, iswap, fsim): then both qubits carry
    /// the same label. Checked on the matrix at a few parameter values, so a new gate needs no entry anywhere.
    /// </summary>
    private static bool IsSymmetric(GateDefinition gate)
    {
        double[] values = [.. Enumerable.Range(0, gate.ParameterCount).Select(i => 0.3 + 0.41 * i)];
        var matrix = gate.Matrix(values);
        static int Swapped(int index) => ((index & 1) << 1) | ((index >> 1) & 1);
        for (int row = 0; row < 4; row++)
            for (int column = 0; column < 4; column++)
                if ((matrix[row, column] - matrix[Swapped(row), Swapped(column)]).Magnitude > 1e-12) return false;
        return true;
    }
}
