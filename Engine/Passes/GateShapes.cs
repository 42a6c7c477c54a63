using System.Numerics;
using System.Runtime.CompilerServices;
using QSim.Backends;
using QSim.Gates;

namespace QSim.Passes;

/// <summary>
/// How a gate prices as a kernel, read once per gate definition from its matrix at two generic parameter values. It serves
/// pricing only: the kernels read the structure of the matrix they are given, so a wrong guess (a gate real at those
/// values but not at others) costs speed, never correctness.
/// </summary>
internal static class GateShapes
{
    private static readonly ConditionalWeakTable<GateDefinition, Shape> Cache = new();

    /// <summary>Gates on more qubits are not read (they price as dense; fusion blocks are at most five qubits).</summary>
    private const int MaxClassifiedQubits = 5;

    /// <summary>True when the gate's whole matrix (controls included) is real: it keeps a fused block real.</summary>
    public static bool IsReal(GateDefinition gate) => Of(gate).Real;

    /// <summary>The shape of the gate's target matrix applied on its own (controls apart).</summary>
    public static KernelShape Alone(GateDefinition gate)
    {
        var target = gate.Target ?? gate;
        if (target.IsDiagonal) return KernelShape.Diagonal;
        var shape = Of(target);
        return shape.Real || shape.RealOrImaginary ? KernelShape.Real : KernelShape.Dense;
    }

    private static Shape Of(GateDefinition gate) => Cache.GetValue(gate, Classify);

    private static Shape Classify(GateDefinition gate)
    {
        if (gate.QubitCount > MaxClassifiedQubits) return new Shape(false, false);
        bool real = true, realOrImaginary = gate.QubitCount == 1;
        var matrix = new Complex[gate.Dimension * gate.Dimension];
        var parameters = new double[gate.ParameterCount];
        // Two sets of values at which no library rotation or phase is real or diagonal by accident.
        foreach (var (first, step) in new[] { (0.613, 1.371), (-2.019, 0.877) })
        {
            for (int j = 0; j < parameters.Length; j++) parameters[j] = first + step * j;
            gate.WriteMatrix(parameters, matrix);
            for (int i = 0; i < matrix.Length; i++)
            {
                real &= matrix[i].Imaginary == 0;
                // One target: real on the diagonal, imaginary off it (RX, Y) costs a real matrix's arithmetic.
                bool diagonal = i % (gate.Dimension + 1) == 0;
                realOrImaginary &= diagonal ? matrix[i].Imaginary == 0 : matrix[i].Real == 0;
            }
        }
        return new Shape(real, realOrImaginary);
    }

    private sealed record Shape(bool Real, bool RealOrImaginary);
}
