using System.Numerics;
using QSim.Numerics;

namespace QSim.Gates;

/// <summary>
/// The standard gates, one row each: every gate of OpenQASM 2's qelib1.inc (Qiskit's version) and
/// OpenQASM 3's stdgates.inc, plus iswap, ecr, fsim, multi-controlled X/Z/phase and arbitrary unitaries.
/// Controlled gates are rows built from their target so kernels see "controls + target".
/// </summary>
public static class GateLibrary
{
    private static readonly Complex I = Complex.ImaginaryOne;
    private static readonly double[] RotationSpectrum = [-0.5, 0.5];
    private static readonly double[] PhaseSpectrum = [-1.0, 0.0];
    private static readonly string[] NoParameters = [];
    private static readonly Dictionary<string, GateDefinition> ByName = new(StringComparer.Ordinal);
    // Static fields initialise in text order: everything the rows below use must stand above them.
    private static readonly ComplexMatrix PauliX = M([0, 1], [1, 0]);
    private static readonly ComplexMatrix PauliY = M([0, -I], [I, 0]);
    private static readonly ComplexMatrix PauliZ = Diag(1, -1);

    private static GateDefinition Fixed(string name, int qubits, ComplexMatrix matrix, GateFlags flags = GateFlags.None) =>
        Register(new GateDefinition(name, qubits, NoParameters, _ => matrix, [], flags | (matrix.IsDiagonal ? GateFlags.Diagonal : 0)));

    private static GateDefinition Parameterized(string name, int qubits, string[] parameters, MatrixFactory matrix,
        double[][] spectra, GateFlags flags = GateFlags.None) =>
        Register(new GateDefinition(name, qubits, parameters, matrix, spectra, flags));

    private static GateDefinition Parameterized(string name, int qubits, string[] parameters, MatrixWriter matrix,
        double[][] spectra, GateFlags flags = GateFlags.None) =>
        Register(new GateDefinition(name, qubits, parameters, matrix, spectra, flags));

    private static GateDefinition Register(GateDefinition gate)
    {
        ByName[gate.Name] = gate;
        return gate;
    }

    private static GateDefinition Alias(string name, GateDefinition gate)
    {
        ByName[name] = gate;
        return gate;
    }

    private static ComplexMatrix M(params Complex[][] rows) => ComplexMatrix.FromRows(rows);
    private static ComplexMatrix Diag(params Complex[] d) => ComplexMatrix.Diagonal(d);
    private static Complex Phase(double angle) => Complex.FromPolarCoordinates(1, angle);

    // ---- 1-qubit fixed gates -------------------------------------------------------------------
    /// <summary>Identity.</summary>
    public static readonly GateDefinition Id = Fixed("id", 1, Diag(1, 1), GateFlags.SelfInverse | GateFlags.Clifford);
    /// <summary>Pauli X.</summary>
    public static readonly GateDefinition X = Fixed("x", 1, M([0, 1], [1, 0]), GateFlags.SelfInverse | GateFlags.Clifford);
    /// <summary>Pauli Y.</summary>
    public static readonly GateDefinition Y = Fixed("y", 1, M([0, -I], [I, 0]), GateFlags.SelfInverse | GateFlags.Clifford);
    /// <summary>Pauli Z.</summary>
    public static readonly GateDefinition Z = Fixed("z", 1, Diag(1, -1), GateFlags.SelfInverse | GateFlags.Clifford);
    /// <summary>Hadamard.</summary>
    public static readonly GateDefinition H = Fixed("h", 1, M([1, 1], [1, -1]).Scale(1 / Math.Sqrt(2)), GateFlags.SelfInverse | GateFlags.Clifford);
    /// <summary>S = √Z.</summary>
    public static readonly GateDefinition S = Fixed("s", 1, Diag(1, I), GateFlags.Clifford);
    /// <summary>S†.</summary>
    public static readonly GateDefinition Sdg = Fixed("sdg", 1, Diag(1, -I), GateFlags.Clifford);
    /// <summary>T = √S.</summary>
    public static readonly GateDefinition T = Fixed("t", 1, Diag(1, Phase(Math.PI / 4)));
    /// <summary>T†.</summary>
    public static readonly GateDefinition Tdg = Fixed("tdg", 1, Diag(1, Phase(-Math.PI / 4)));
    /// <summary>√X.</summary>
    public static readonly GateDefinition SX = Fixed("sx", 1, M([1 + I, 1 - I], [1 - I, 1 + I]).Scale(0.5), GateFlags.Clifford);
    /// <summary>√X†.</summary>
    public static readonly GateDefinition SXdg = Fixed("sxdg", 1, M([1 - I, 1 + I], [1 + I, 1 - I]).Scale(0.5), GateFlags.Clifford);

    // ---- 1-qubit parameterized gates --------------------------------------------------------------
    /// <summary>RX(θ) = exp(−iθX/2).</summary>
    public static readonly GateDefinition RX = Parameterized("rx", 1, ["theta"], WriteRx, [RotationSpectrum]);
    /// <summary>RY(θ) = exp(−iθY/2).</summary>
    public static readonly GateDefinition RY = Parameterized("ry", 1, ["theta"], WriteRy, [RotationSpectrum]);
    /// <summary>RZ(θ) = exp(−iθZ/2) = diag(e^{−iθ/2}, e^{iθ/2}).</summary>
    public static readonly GateDefinition RZ = Parameterized("rz", 1, ["theta"], (p, m) => WriteDiagonal(Phase(-p[0] / 2), Phase(p[0] / 2), m),
        [RotationSpectrum], GateFlags.Diagonal);
    /// <summary>Phase P(λ) = diag(1, e^{iλ}); also u1 and phase.</summary>
    public static readonly GateDefinition P = Parameterized("p", 1, ["lambda"], (p, m) => WriteDiagonal(1, Phase(p[0]), m), [PhaseSpectrum], GateFlags.Diagonal);
    /// <summary>U(θ, φ, λ) = [[cos θ/2, −e^{iλ} sin θ/2], [e^{iφ} sin θ/2, e^{i(φ+λ)} cos θ/2]]; also u3 and OpenQASM's U.</summary>
    public static readonly GateDefinition U3 = Parameterized("u3", 1, ["theta", "phi", "lambda"], (p, m) => WriteU(p[0], p[1], p[2], m),
        [RotationSpectrum, PhaseSpectrum, PhaseSpectrum]);
    /// <summary>U2(φ, λ) = U(π/2, φ, λ).</summary>
    public static readonly GateDefinition U2 = Parameterized("u2", 1, ["phi", "lambda"], p => UMatrix(Math.PI / 2, p[0], p[1]),
        [PhaseSpectrum, PhaseSpectrum]);
    /// <summary>u0(γ): an idle period, the identity (Qiskit's qelib1.inc).</summary>
    public static readonly GateDefinition U0 = Parameterized("u0", 1, ["gamma"], _ => ComplexMatrix.Identity(2), [[0.0]], GateFlags.Diagonal);
    /// <summary>Global phase e^{iγ} on the whole state (OpenQASM 3's gphase; a phase on the controls when controlled).</summary>
    public static readonly GateDefinition GPhase = Parameterized("gphase", 0, ["gamma"], p => Diag(Phase(p[0])), [[-1.0]], GateFlags.Diagonal);

    // ---- 2-qubit gates (qubit list order = little-endian matrix index) -----------------------------
    /// <summary>CNOT: control first, target second.</summary>
    public static readonly GateDefinition CX = Register(X.Controlled(1));
    /// <summary>Controlled Y.</summary>
    public static readonly GateDefinition CY = Register(Y.Controlled(1));
    /// <summary>Controlled Z.</summary>
    public static readonly GateDefinition CZ = Register(Z.Controlled(1));
    /// <summary>Controlled Hadamard.</summary>
    public static readonly GateDefinition CH = Register(H.Controlled(1));
    /// <summary>Controlled √X.</summary>
    public static readonly GateDefinition CSX = Register(SX.Controlled(1));
    /// <summary>Controlled S.</summary>
    public static readonly GateDefinition CS = Register(S.Controlled(1));
    /// <summary>Controlled S†.</summary>
    public static readonly GateDefinition CSdg = Register(Sdg.Controlled(1));
    /// <summary>Controlled RX.</summary>
    public static readonly GateDefinition CRX = Register(RX.Controlled(1));
    /// <summary>Controlled RY.</summary>
    public static readonly GateDefinition CRY = Register(RY.Controlled(1));
    /// <summary>Controlled RZ.</summary>
    public static readonly GateDefinition CRZ = Register(RZ.Controlled(1));
    /// <summary>Controlled phase; also cu1 and cphase.</summary>
    public static readonly GateDefinition CP = Register(P.Controlled(1));
    /// <summary>Controlled U(θ, φ, λ) (Qiskit's cu3, with the phase on the control).</summary>
    public static readonly GateDefinition CU3 = Register(U3.Controlled(1));
    /// <summary>Controlled e^{iγ}·U(θ, φ, λ) (Qiskit's and OpenQASM 3's cu).</summary>
    public static readonly GateDefinition CU = Register(new GateDefinition("cu_target", 1, ["theta", "phi", "lambda", "gamma"],
        p => UMatrix(p[0], p[1], p[2]).Scale(Phase(p[3])), [RotationSpectrum, PhaseSpectrum, PhaseSpectrum, PhaseSpectrum]).Controlled(1, "cu"));
    /// <summary>SWAP.</summary>
    public static readonly GateDefinition Swap = Fixed("swap", 2, M([1, 0, 0, 0], [0, 0, 1, 0], [0, 1, 0, 0], [0, 0, 0, 1]),
        GateFlags.SelfInverse | GateFlags.Clifford);
    /// <summary>iSWAP.</summary>
    public static readonly GateDefinition ISwap = Fixed("iswap", 2, M([1, 0, 0, 0], [0, 0, I, 0], [0, I, 0, 0], [0, 0, 0, 1]), GateFlags.Clifford);
    /// <summary>Echoed cross-resonance gate (Qiskit's ECR), self-inverse.</summary>
    public static readonly GateDefinition Ecr = Fixed("ecr", 2, M([0, 1, 0, I], [1, 0, -I, 0], [0, I, 0, 1], [-I, 0, 1, 0]).Scale(1 / Math.Sqrt(2)),
        GateFlags.SelfInverse | GateFlags.Clifford);
    /// <summary>RXX(θ) = exp(−iθ X⊗X/2).</summary>
    public static readonly GateDefinition RXX = Parameterized("rxx", 2, ["theta"], p => PauliRotation(p[0], PauliX, PauliX), [RotationSpectrum]);
    /// <summary>RYY(θ) = exp(−iθ Y⊗Y/2).</summary>
    public static readonly GateDefinition RYY = Parameterized("ryy", 2, ["theta"], p => PauliRotation(p[0], PauliY, PauliY), [RotationSpectrum]);
    /// <summary>RZZ(θ) = exp(−iθ Z⊗Z/2).</summary>
    public static readonly GateDefinition RZZ = Parameterized("rzz", 2, ["theta"], p => PauliRotation(p[0], PauliZ, PauliZ),
        [RotationSpectrum], GateFlags.Diagonal);
    /// <summary>RZX(θ) = exp(−iθ Z⊗X/2): Z on the first qubit, X on the second (Qiskit's convention).</summary>
    public static readonly GateDefinition RZX = Parameterized("rzx", 2, ["theta"], p => PauliRotation(p[0], PauliZ, PauliX), [RotationSpectrum]);
    /// <summary>Cirq's FSim(θ, φ): an iSWAP-like rotation by θ on |01⟩,|10⟩ and a phase e^{−iφ} on |11⟩.</summary>
    public static readonly GateDefinition FSim = Parameterized("fsim", 2, ["theta", "phi"], p => FSimMatrix(p[0], p[1]), [[-1.0, 0.0, 1.0], [0.0, 1.0]]);

    // ---- 3+ qubit gates ---------------------------------------------------------------------------
    /// <summary>Toffoli.</summary>
    public static readonly GateDefinition CCX = Register(X.Controlled(2));
    /// <summary>Doubly controlled Z.</summary>
    public static readonly GateDefinition CCZ = Register(Z.Controlled(2));
    /// <summary>Fredkin (controlled SWAP).</summary>
    public static readonly GateDefinition CSwap = Register(Swap.Controlled(1));
    /// <summary>Triply controlled X.</summary>
    public static readonly GateDefinition C3X = Register(X.Controlled(3, "c3x"));
    /// <summary>Triply controlled √X (Qiskit's qelib1.inc c3sqrtx).</summary>
    public static readonly GateDefinition C3SqrtX = Register(SX.Controlled(3, "c3sqrtx"));
    /// <summary>Four-times controlled X.</summary>
    public static readonly GateDefinition C4X = Register(X.Controlled(4, "c4x"));
    /// <summary>Qiskit's relative-phase Toffoli (rccx), as its qelib1.inc decomposition defines it.</summary>
    public static readonly GateDefinition RCCX = Fixed("rccx", 3, Compose(3,
        (U2, [0, Math.PI], [2]), (P, [Math.PI / 4], [2]), (CX, [], [1, 2]), (P, [-Math.PI / 4], [2]), (CX, [], [0, 2]),
        (P, [Math.PI / 4], [2]), (CX, [], [1, 2]), (P, [-Math.PI / 4], [2]), (U2, [0, Math.PI], [2])));
    /// <summary>Qiskit's relative-phase 3-controlled X (rc3x), as its qelib1.inc decomposition defines it.</summary>
    public static readonly GateDefinition RC3X = Fixed("rc3x", 4, Compose(4,
        (U2, [0, Math.PI], [3]), (P, [Math.PI / 4], [3]), (CX, [], [2, 3]), (P, [-Math.PI / 4], [3]), (U2, [0, Math.PI], [3]),
        (CX, [], [0, 3]), (P, [Math.PI / 4], [3]), (CX, [], [1, 3]), (P, [-Math.PI / 4], [3]), (CX, [], [0, 3]),
        (P, [Math.PI / 4], [3]), (CX, [], [1, 3]), (P, [-Math.PI / 4], [3]), (U2, [0, Math.PI], [3]), (P, [Math.PI / 4], [3]),
        (CX, [], [2, 3]), (P, [-Math.PI / 4], [3]), (U2, [0, Math.PI], [3])));

    static GateLibrary()
    {
        S.WithInverse(Sdg); Sdg.WithInverse(S);
        T.WithInverse(Tdg); Tdg.WithInverse(T);
        SX.WithInverse(SXdg); SXdg.WithInverse(SX);
        CS.WithInverse(CSdg); CSdg.WithInverse(CS);
        Alias("u1", P); Alias("phase", P);
        Alias("u", U3); Alias("U", U3);
        Alias("CX", CX); Alias("cnot", CX); Alias("toffoli", CCX); Alias("fredkin", CSwap);
        Alias("cu1", CP); Alias("cphase", CP);
        Alias("i", Id);
    }

    /// <summary>Every gate by name (aliases such as u1/p and U/u3 included).</summary>
    public static IReadOnlyDictionary<string, GateDefinition> All => ByName;

    /// <summary>The gate of that name, or null.</summary>
    public static GateDefinition? Find(string name) => ByName.GetValueOrDefault(name);

    /// <summary>X with any number of controls (0 gives X, 1 CX, 2 CCX, ...).</summary>
    public static GateDefinition MultiControlledX(int controls) => X.Controlled(controls, controls == 0 ? "x" : $"mcx{controls}");

    /// <summary>Z with any number of controls.</summary>
    public static GateDefinition MultiControlledZ(int controls) => Z.Controlled(controls, controls == 0 ? "z" : $"mcz{controls}");

    /// <summary>Phase P(λ) with any number of controls.</summary>
    public static GateDefinition MultiControlledPhase(int controls) => P.Controlled(controls, controls == 0 ? "p" : $"mcp{controls}");

    /// <summary>
    /// A gate with a fixed matrix on 1 to 3 qubits (little-endian in its own qubit list).
    /// </summary>
    /// <exception cref="ArgumentException">The matrix is not 2x2, 4x4 or 8x8, or not unitary within 1e-9.</exception>
    public static GateDefinition Unitary(ComplexMatrix matrix, string name = "unitary")
    {
        int qubits = matrix.QubitCount;
        if (qubits is < 1 or > 3)
            throw new ArgumentException($"A unitary gate acts on 1 to 3 qubits (a 2x2, 4x4 or 8x8 matrix); got {matrix.Dimension}x{matrix.Dimension}.", nameof(matrix));
        double error = matrix.UnitarityError();
        if (error > 1e-9)
            throw new ArgumentException($"Matrix '{name}' is not unitary: the largest element of U†U − I is {error:G3} (tolerance 1e-9).", nameof(matrix));
        return new GateDefinition(name, qubits, NoParameters, _ => matrix, [], matrix.IsDiagonal ? GateFlags.Diagonal : GateFlags.None);
    }

    private static void WriteRx(ReadOnlySpan<double> p, Span<Complex> m)
    {
        double c = Math.Cos(p[0] / 2), s = Math.Sin(p[0] / 2);
        (m[0], m[1], m[2], m[3]) = (c, -I * s, -I * s, c);
    }

    private static void WriteRy(ReadOnlySpan<double> p, Span<Complex> m)
    {
        double c = Math.Cos(p[0] / 2), s = Math.Sin(p[0] / 2);
        (m[0], m[1], m[2], m[3]) = (c, -s, s, c);
    }

    private static void WriteDiagonal(Complex d0, Complex d1, Span<Complex> m) => (m[0], m[1], m[2], m[3]) = (d0, 0, 0, d1);

    private static void WriteU(double theta, double phi, double lambda, Span<Complex> m)
    {
        double c = Math.Cos(theta / 2), s = Math.Sin(theta / 2);
        (m[0], m[1], m[2], m[3]) = (c, -Phase(lambda) * s, Phase(phi) * s, Phase(phi + lambda) * c);
    }

    private static ComplexMatrix UMatrix(double theta, double phi, double lambda)
    {
        var m = new Complex[4];
        WriteU(theta, phi, lambda, m);
        return new ComplexMatrix(m);
    }

    private static ComplexMatrix FSimMatrix(double theta, double phi)
    {
        double c = Math.Cos(theta), s = Math.Sin(theta);
        return M([1, 0, 0, 0], [0, c, -I * s, 0], [0, -I * s, c, 0], [0, 0, 0, Phase(-phi)]);
    }

    /// <summary>exp(−iθ/2 · A⊗B) with A on the first qubit, B on the second; (A⊗B)² = I, so it is cos − i·sin·A⊗B.</summary>
    private static ComplexMatrix PauliRotation(double theta, ComplexMatrix onFirst, ComplexMatrix onSecond)
    {
        ComplexMatrix product = ComplexMatrix.Kron(onSecond, onFirst);
        return ComplexMatrix.Identity(4).Scale(Math.Cos(theta / 2)).Add(product.Scale(-I * Math.Sin(theta / 2)));
    }

    /// <summary>The matrix of a fixed sequence of gates on <paramref name="qubits"/> qubits (for gates defined by a decomposition).</summary>
    private static ComplexMatrix Compose(int qubits, params (GateDefinition Gate, double[] Parameters, int[] Qubits)[] steps)
    {
        var total = new Complex[1 << (2 * qubits)];
        SmallMatrices.SetIdentity(total, qubits);
        foreach (var (gate, parameters, on) in steps)
            SmallMatrices.MultiplyLeft(total, qubits, on, gate.Matrix(parameters).Elements);
        return new ComplexMatrix(total);
    }
}
