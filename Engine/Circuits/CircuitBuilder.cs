using QSim.Gates;
using QSim.Numerics;
using QSim.Parameters;

namespace QSim.Circuits;

// The fluent builder: one short method per library gate, each a row of the gate table applied to qubits.
public sealed partial class Circuit
{
    public Circuit Id(int q) => Gate(GateLibrary.Id, [q]);
    public Circuit X(int q) => Gate(GateLibrary.X, [q]);
    public Circuit Y(int q) => Gate(GateLibrary.Y, [q]);
    public Circuit Z(int q) => Gate(GateLibrary.Z, [q]);
    public Circuit H(int q) => Gate(GateLibrary.H, [q]);
    public Circuit S(int q) => Gate(GateLibrary.S, [q]);
    public Circuit Sdg(int q) => Gate(GateLibrary.Sdg, [q]);
    public Circuit T(int q) => Gate(GateLibrary.T, [q]);
    public Circuit Tdg(int q) => Gate(GateLibrary.Tdg, [q]);
    public Circuit SX(int q) => Gate(GateLibrary.SX, [q]);
    public Circuit SXdg(int q) => Gate(GateLibrary.SXdg, [q]);
    public Circuit RX(ParameterExpression theta, int q) => Gate(GateLibrary.RX, [q], theta);
    public Circuit RY(ParameterExpression theta, int q) => Gate(GateLibrary.RY, [q], theta);
    public Circuit RZ(ParameterExpression theta, int q) => Gate(GateLibrary.RZ, [q], theta);
    public Circuit P(ParameterExpression lambda, int q) => Gate(GateLibrary.P, [q], lambda);
    public Circuit U(ParameterExpression theta, ParameterExpression phi, ParameterExpression lambda, int q) => Gate(GateLibrary.U3, [q], theta, phi, lambda);
    public Circuit U2(ParameterExpression phi, ParameterExpression lambda, int q) => Gate(GateLibrary.U2, [q], phi, lambda);
    public Circuit GlobalPhase(ParameterExpression gamma) => Gate(GateLibrary.GPhase, [], gamma);

    public Circuit CX(int control, int target) => Gate(GateLibrary.CX, [control, target]);
    public Circuit CY(int control, int target) => Gate(GateLibrary.CY, [control, target]);
    public Circuit CZ(int control, int target) => Gate(GateLibrary.CZ, [control, target]);
    public Circuit CH(int control, int target) => Gate(GateLibrary.CH, [control, target]);
    public Circuit CRX(ParameterExpression theta, int control, int target) => Gate(GateLibrary.CRX, [control, target], theta);
    public Circuit CRY(ParameterExpression theta, int control, int target) => Gate(GateLibrary.CRY, [control, target], theta);
    public Circuit CRZ(ParameterExpression theta, int control, int target) => Gate(GateLibrary.CRZ, [control, target], theta);
    public Circuit CP(ParameterExpression lambda, int control, int target) => Gate(GateLibrary.CP, [control, target], lambda);
    public Circuit Swap(int a, int b) => Gate(GateLibrary.Swap, [a, b]);
    public Circuit ISwap(int a, int b) => Gate(GateLibrary.ISwap, [a, b]);
    public Circuit Ecr(int a, int b) => Gate(GateLibrary.Ecr, [a, b]);
    public Circuit RXX(ParameterExpression theta, int a, int b) => Gate(GateLibrary.RXX, [a, b], theta);
    public Circuit RYY(ParameterExpression theta, int a, int b) => Gate(GateLibrary.RYY, [a, b], theta);
    public Circuit RZZ(ParameterExpression theta, int a, int b) => Gate(GateLibrary.RZZ, [a, b], theta);
    public Circuit RZX(ParameterExpression theta, int a, int b) => Gate(GateLibrary.RZX, [a, b], theta);
    public Circuit FSim(ParameterExpression theta, ParameterExpression phi, int a, int b) => Gate(GateLibrary.FSim, [a, b], theta, phi);
    public Circuit CCX(int c1, int c2, int target) => Gate(GateLibrary.CCX, [c1, c2, target]);
    public Circuit CSwap(int control, int a, int b) => Gate(GateLibrary.CSwap, [control, a, b]);

    /// <summary>X on <paramref name="target"/> controlled by any number of qubits.</summary>
    public Circuit MCX(ReadOnlySpan<int> controls, int target) => Gate(GateLibrary.MultiControlledX(controls.Length), [.. controls, target]);
    /// <summary>Z on <paramref name="target"/> controlled by any number of qubits.</summary>
    public Circuit MCZ(ReadOnlySpan<int> controls, int target) => Gate(GateLibrary.MultiControlledZ(controls.Length), [.. controls, target]);
    /// <summary>Phase on <paramref name="target"/> controlled by any number of qubits.</summary>
    public Circuit MCP(ParameterExpression lambda, ReadOnlySpan<int> controls, int target) =>
        Gate(GateLibrary.MultiControlledPhase(controls.Length), [.. controls, target], lambda);

    /// <summary>An arbitrary 1-3 qubit unitary (little-endian in <paramref name="qubits"/>), checked for unitarity.</summary>
    public Circuit Unitary(ComplexMatrix matrix, params ReadOnlySpan<int> qubits) => Gate(GateLibrary.Unitary(matrix), qubits);
}
