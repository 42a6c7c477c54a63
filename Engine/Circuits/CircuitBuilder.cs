using QSim.Gates;
using QSim.Numerics;
using QSim.Parameters;

namespace QSim.Circuits;

// The fluent builder: one short method per library gate, each a row of the gate table applied to qubits.
public sealed partial class Circuit
{
    /// <summary>Appends the identity (an explicit idle gate, kept in the circuit) on qubit <paramref name="q"/>; returns this circuit.</summary>
    /// <exception cref="ArgumentException"><paramref name="q"/> is not a qubit of the circuit.</exception>
    public Circuit Id(int q) => Gate(GateLibrary.Id, [q]);
    /// <summary>Appends Pauli X (NOT) on qubit <paramref name="q"/>; returns this circuit.</summary>
    /// <exception cref="ArgumentException"><paramref name="q"/> is not a qubit of the circuit.</exception>
    public Circuit X(int q) => Gate(GateLibrary.X, [q]);
    /// <summary>Appends Pauli Y on qubit <paramref name="q"/>; returns this circuit.</summary>
    /// <exception cref="ArgumentException"><paramref name="q"/> is not a qubit of the circuit.</exception>
    public Circuit Y(int q) => Gate(GateLibrary.Y, [q]);
    /// <summary>Appends Pauli Z on qubit <paramref name="q"/>; returns this circuit.</summary>
    /// <exception cref="ArgumentException"><paramref name="q"/> is not a qubit of the circuit.</exception>
    public Circuit Z(int q) => Gate(GateLibrary.Z, [q]);
    /// <summary>Appends the Hadamard gate (X + Z)/√2 on qubit <paramref name="q"/>; returns this circuit.</summary>
    /// <exception cref="ArgumentException"><paramref name="q"/> is not a qubit of the circuit.</exception>
    public Circuit H(int q) => Gate(GateLibrary.H, [q]);
    /// <summary>Appends S = √Z = diag(1, i) on qubit <paramref name="q"/>; returns this circuit.</summary>
    /// <exception cref="ArgumentException"><paramref name="q"/> is not a qubit of the circuit.</exception>
    public Circuit S(int q) => Gate(GateLibrary.S, [q]);
    /// <summary>Appends S† = diag(1, −i) on qubit <paramref name="q"/>; returns this circuit.</summary>
    /// <exception cref="ArgumentException"><paramref name="q"/> is not a qubit of the circuit.</exception>
    public Circuit Sdg(int q) => Gate(GateLibrary.Sdg, [q]);
    /// <summary>Appends T = √S = diag(1, e^{iπ/4}) on qubit <paramref name="q"/>; returns this circuit.</summary>
    /// <exception cref="ArgumentException"><paramref name="q"/> is not a qubit of the circuit.</exception>
    public Circuit T(int q) => Gate(GateLibrary.T, [q]);
    /// <summary>Appends T† = diag(1, e^{−iπ/4}) on qubit <paramref name="q"/>; returns this circuit.</summary>
    /// <exception cref="ArgumentException"><paramref name="q"/> is not a qubit of the circuit.</exception>
    public Circuit Tdg(int q) => Gate(GateLibrary.Tdg, [q]);
    /// <summary>Appends √X on qubit <paramref name="q"/>; returns this circuit.</summary>
    /// <exception cref="ArgumentException"><paramref name="q"/> is not a qubit of the circuit.</exception>
    public Circuit SX(int q) => Gate(GateLibrary.SX, [q]);
    /// <summary>Appends √X† on qubit <paramref name="q"/>; returns this circuit.</summary>
    /// <exception cref="ArgumentException"><paramref name="q"/> is not a qubit of the circuit.</exception>
    public Circuit SXdg(int q) => Gate(GateLibrary.SXdg, [q]);
    /// <summary>Appends RX(θ) = exp(−iθX/2) on qubit <paramref name="q"/>; returns this circuit.</summary>
    /// <param name="theta">The angle in radians: a number, a <see cref="Symbol"/> or an expression of symbols.</param>
    /// <param name="q">The qubit.</param>
    /// <exception cref="ArgumentException"><paramref name="q"/> is not a qubit of the circuit.</exception>
    public Circuit RX(ParameterExpression theta, int q) => Gate(GateLibrary.RX, [q], theta);
    /// <summary>Appends RY(θ) = exp(−iθY/2) on qubit <paramref name="q"/>; returns this circuit.</summary>
    /// <param name="theta">The angle in radians: a number, a <see cref="Symbol"/> or an expression of symbols.</param>
    /// <param name="q">The qubit.</param>
    /// <exception cref="ArgumentException"><paramref name="q"/> is not a qubit of the circuit.</exception>
    public Circuit RY(ParameterExpression theta, int q) => Gate(GateLibrary.RY, [q], theta);
    /// <summary>Appends RZ(θ) = exp(−iθZ/2) = diag(e^{−iθ/2}, e^{iθ/2}) on qubit <paramref name="q"/>; returns this circuit.</summary>
    /// <param name="theta">The angle in radians: a number, a <see cref="Symbol"/> or an expression of symbols.</param>
    /// <param name="q">The qubit.</param>
    /// <exception cref="ArgumentException"><paramref name="q"/> is not a qubit of the circuit.</exception>
    public Circuit RZ(ParameterExpression theta, int q) => Gate(GateLibrary.RZ, [q], theta);
    /// <summary>Appends the phase gate P(λ) = diag(1, e^{iλ}) (OpenQASM 2's u1) on qubit <paramref name="q"/>; returns this circuit.</summary>
    /// <param name="lambda">The phase in radians (a number or an expression of symbols).</param>
    /// <param name="q">The qubit.</param>
    /// <exception cref="ArgumentException"><paramref name="q"/> is not a qubit of the circuit.</exception>
    public Circuit P(ParameterExpression lambda, int q) => Gate(GateLibrary.P, [q], lambda);
    /// <summary>Appends OpenQASM's general one-qubit gate U(θ, φ, λ) = [[cos θ/2, −e^{iλ} sin θ/2], [e^{iφ} sin θ/2, e^{i(φ+λ)} cos θ/2]] (u3) on qubit <paramref name="q"/>; returns this circuit.</summary>
    /// <param name="theta">θ in radians.</param>
    /// <param name="phi">φ in radians.</param>
    /// <param name="lambda">λ in radians.</param>
    /// <param name="q">The qubit.</param>
    /// <exception cref="ArgumentException"><paramref name="q"/> is not a qubit of the circuit.</exception>
    public Circuit U(ParameterExpression theta, ParameterExpression phi, ParameterExpression lambda, int q) => Gate(GateLibrary.U3, [q], theta, phi, lambda);
    /// <summary>Appends U2(φ, λ) = U(π/2, φ, λ) on qubit <paramref name="q"/>; returns this circuit.</summary>
    /// <param name="phi">φ in radians.</param>
    /// <param name="lambda">λ in radians.</param>
    /// <param name="q">The qubit.</param>
    /// <exception cref="ArgumentException"><paramref name="q"/> is not a qubit of the circuit.</exception>
    public Circuit U2(ParameterExpression phi, ParameterExpression lambda, int q) => Gate(GateLibrary.U2, [q], phi, lambda);
    /// <summary>Multiplies the whole state by e^{iγ} (OpenQASM 3's gphase; γ in radians); returns this circuit. It changes no probability or expectation value, only amplitudes.</summary>
    public Circuit GlobalPhase(ParameterExpression gamma) => Gate(GateLibrary.GPhase, [], gamma);

    /// <summary>Appends X (CNOT), controlled by <paramref name="control"/> (the gate acts when it is |1⟩), on <paramref name="target"/>; returns this circuit.</summary>
    /// <exception cref="ArgumentException">A qubit is out of range or repeated.</exception>
    public Circuit CX(int control, int target) => Gate(GateLibrary.CX, [control, target]);
    /// <summary>Appends Y, controlled by <paramref name="control"/> (the gate acts when it is |1⟩), on <paramref name="target"/>; returns this circuit.</summary>
    /// <exception cref="ArgumentException">A qubit is out of range or repeated.</exception>
    public Circuit CY(int control, int target) => Gate(GateLibrary.CY, [control, target]);
    /// <summary>Appends Z (symmetric in its two qubits), controlled by <paramref name="control"/> (the gate acts when it is |1⟩), on <paramref name="target"/>; returns this circuit.</summary>
    /// <exception cref="ArgumentException">A qubit is out of range or repeated.</exception>
    public Circuit CZ(int control, int target) => Gate(GateLibrary.CZ, [control, target]);
    /// <summary>Appends the Hadamard gate, controlled by <paramref name="control"/> (the gate acts when it is |1⟩), on <paramref name="target"/>; returns this circuit.</summary>
    /// <exception cref="ArgumentException">A qubit is out of range or repeated.</exception>
    public Circuit CH(int control, int target) => Gate(GateLibrary.CH, [control, target]);
    /// <summary>Appends RX(θ), controlled by <paramref name="control"/>, on <paramref name="target"/>; returns this circuit.</summary>
    /// <param name="theta">The angle in radians (a number or an expression of symbols).</param>
    /// <param name="control">The control qubit.</param>
    /// <param name="target">The target qubit.</param>
    /// <exception cref="ArgumentException">A qubit is out of range or repeated.</exception>
    public Circuit CRX(ParameterExpression theta, int control, int target) => Gate(GateLibrary.CRX, [control, target], theta);
    /// <summary>Appends RY(θ), controlled by <paramref name="control"/>, on <paramref name="target"/>; returns this circuit.</summary>
    /// <param name="theta">The angle in radians (a number or an expression of symbols).</param>
    /// <param name="control">The control qubit.</param>
    /// <param name="target">The target qubit.</param>
    /// <exception cref="ArgumentException">A qubit is out of range or repeated.</exception>
    public Circuit CRY(ParameterExpression theta, int control, int target) => Gate(GateLibrary.CRY, [control, target], theta);
    /// <summary>Appends RZ(θ), controlled by <paramref name="control"/>, on <paramref name="target"/>; returns this circuit.</summary>
    /// <param name="theta">The angle in radians (a number or an expression of symbols).</param>
    /// <param name="control">The control qubit.</param>
    /// <param name="target">The target qubit.</param>
    /// <exception cref="ArgumentException">A qubit is out of range or repeated.</exception>
    public Circuit CRZ(ParameterExpression theta, int control, int target) => Gate(GateLibrary.CRZ, [control, target], theta);
    /// <summary>Appends the controlled phase CP(λ) = diag(1, 1, 1, e^{iλ}) (symmetric in its qubits; OpenQASM 2's cu1) on <paramref name="control"/> and <paramref name="target"/>; returns this circuit.</summary>
    /// <param name="lambda">The phase in radians (a number or an expression of symbols).</param>
    /// <param name="control">The control qubit.</param>
    /// <param name="target">The target qubit.</param>
    /// <exception cref="ArgumentException">A qubit is out of range or repeated.</exception>
    public Circuit CP(ParameterExpression lambda, int control, int target) => Gate(GateLibrary.CP, [control, target], lambda);
    /// <summary>Appends SWAP, which exchanges the two qubits' states on qubits <paramref name="a"/> and <paramref name="b"/>; returns this circuit.</summary>
    /// <exception cref="ArgumentException">A qubit is out of range or repeated.</exception>
    public Circuit Swap(int a, int b) => Gate(GateLibrary.Swap, [a, b]);
    /// <summary>Appends iSWAP, which exchanges |01⟩ and |10⟩ with a phase i on qubits <paramref name="a"/> and <paramref name="b"/>; returns this circuit.</summary>
    /// <exception cref="ArgumentException">A qubit is out of range or repeated.</exception>
    public Circuit ISwap(int a, int b) => Gate(GateLibrary.ISwap, [a, b]);
    /// <summary>Appends the echoed cross-resonance gate (Qiskit's ECR, self-inverse) on qubits <paramref name="a"/> and <paramref name="b"/>; returns this circuit.</summary>
    /// <exception cref="ArgumentException">A qubit is out of range or repeated.</exception>
    public Circuit Ecr(int a, int b) => Gate(GateLibrary.Ecr, [a, b]);
    /// <summary>Appends RXX(θ) = exp(−iθ X⊗X/2) on qubits <paramref name="a"/> (first factor) and <paramref name="b"/> (second); returns this circuit.</summary>
    /// <param name="theta">The angle in radians (a number or an expression of symbols).</param>
    /// <param name="a">The first qubit.</param>
    /// <param name="b">The second qubit.</param>
    /// <exception cref="ArgumentException">A qubit is out of range or repeated.</exception>
    public Circuit RXX(ParameterExpression theta, int a, int b) => Gate(GateLibrary.RXX, [a, b], theta);
    /// <summary>Appends RYY(θ) = exp(−iθ Y⊗Y/2) on qubits <paramref name="a"/> (first factor) and <paramref name="b"/> (second); returns this circuit.</summary>
    /// <param name="theta">The angle in radians (a number or an expression of symbols).</param>
    /// <param name="a">The first qubit.</param>
    /// <param name="b">The second qubit.</param>
    /// <exception cref="ArgumentException">A qubit is out of range or repeated.</exception>
    public Circuit RYY(ParameterExpression theta, int a, int b) => Gate(GateLibrary.RYY, [a, b], theta);
    /// <summary>Appends RZZ(θ) = exp(−iθ Z⊗Z/2) on qubits <paramref name="a"/> (first factor) and <paramref name="b"/> (second); returns this circuit.</summary>
    /// <param name="theta">The angle in radians (a number or an expression of symbols).</param>
    /// <param name="a">The first qubit.</param>
    /// <param name="b">The second qubit.</param>
    /// <exception cref="ArgumentException">A qubit is out of range or repeated.</exception>
    public Circuit RZZ(ParameterExpression theta, int a, int b) => Gate(GateLibrary.RZZ, [a, b], theta);
    /// <summary>Appends RZX(θ) = exp(−iθ Z⊗X/2), Z on <paramref name="a"/> and X on <paramref name="b"/> (Qiskit's convention) on qubits <paramref name="a"/> (first factor) and <paramref name="b"/> (second); returns this circuit.</summary>
    /// <param name="theta">The angle in radians (a number or an expression of symbols).</param>
    /// <param name="a">The first qubit.</param>
    /// <param name="b">The second qubit.</param>
    /// <exception cref="ArgumentException">A qubit is out of range or repeated.</exception>
    public Circuit RZX(ParameterExpression theta, int a, int b) => Gate(GateLibrary.RZX, [a, b], theta);
    /// <summary>Appends Cirq's FSim(θ, φ) on qubits <paramref name="a"/> and <paramref name="b"/>: an iSWAP-like rotation by θ within |01⟩, |10⟩ and a phase e^{−iφ} on |11⟩; returns this circuit.</summary>
    /// <param name="theta">The swap angle θ in radians.</param>
    /// <param name="phi">The conditional phase φ in radians.</param>
    /// <param name="a">The first qubit.</param>
    /// <param name="b">The second qubit.</param>
    /// <exception cref="ArgumentException">A qubit is out of range or repeated.</exception>
    public Circuit FSim(ParameterExpression theta, ParameterExpression phi, int a, int b) => Gate(GateLibrary.FSim, [a, b], theta, phi);
    /// <summary>Appends the Toffoli gate: X on <paramref name="target"/> when <paramref name="c1"/> and <paramref name="c2"/> are both |1⟩; returns this circuit.</summary>
    /// <exception cref="ArgumentException">A qubit is out of range or repeated.</exception>
    public Circuit CCX(int c1, int c2, int target) => Gate(GateLibrary.CCX, [c1, c2, target]);
    /// <summary>Appends the Fredkin gate: swaps <paramref name="a"/> and <paramref name="b"/> when <paramref name="control"/> is |1⟩; returns this circuit.</summary>
    /// <exception cref="ArgumentException">A qubit is out of range or repeated.</exception>
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
