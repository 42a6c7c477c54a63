using System.Numerics;
using QSim.Backends;
using QSim.Circuits;
using QSim.Execution;
using QSim.Observables;
using QSim.Parameters;
using QSim.Passes;

namespace QSim.Estimation;

/// <summary>
/// What one thread needs to evaluate rows of a batch: its own bound copy of the plan's steps, the adjoint of
/// every step's matrix and a derivative buffer (refreshed in place), one parameter binding overwritten by each
/// row, and states allocated on first use and reused for every later row: after the first row, binding and
/// evaluating a row allocates nothing for gates with in-place matrices (<see cref="QSim.Gates.MatrixWriter"/>).
/// Not thread-safe: one per thread.
/// </summary>
internal sealed class EstimationWorker : IDisposable
{
    private readonly IBackend _backend;
    private readonly Precision _precision;
    private readonly KernelStep[] _steps;
    private readonly Complex[][] _adjoints;
    // The inverse of each parameter-free step as a sweep member, and a buffer for one sweep's run of them.
    private readonly MatrixApplication[] _inverseApplications;
    private readonly MatrixApplication[] _sweepRun;
    private readonly double[] _gateParameters;
    private readonly Complex[] _derivative;
    private readonly Complex[] _gateMatrix;
    private readonly Complex[] _derivativeTimesInverse;
    private readonly Complex[] _denseInverse;
    private ParameterBinding? _binding;
    private IStateVector? _scratch, _prefix;
    private IStateVector[] _lambdas = [];

    public EstimationWorker(VariationalCircuit circuit, IBackend backend, Precision precision)
    {
        Circuit = circuit;
        _backend = backend;
        _precision = precision;
        _steps = circuit.Plan.Clone().Steps.Cast<KernelStep>().ToArray();
        _adjoints = _steps.Select(s => new Complex[s.Matrix.Length]).ToArray();
        for (int k = 0; k < _steps.Length; k++)
            if (!_steps[k].IsParameterized) FillAdjoint(k);
        _inverseApplications = _steps.Select((s, k) => new MatrixApplication(s.Targets, s.Controls, _adjoints[k], s.IsDiagonal)).ToArray();
        _sweepRun = new MatrixApplication[_steps.Length];
        _gateParameters = new double[_steps.Select(s => s.Gates[0].Parameters.Length).DefaultIfEmpty(0).Max()];
        int gateElements = _steps.Select(s => s.Gates[0].Gate.Dimension * s.Gates[0].Gate.Dimension).DefaultIfEmpty(0).Max();
        _derivative = new Complex[gateElements];
        _gateMatrix = new Complex[gateElements];
        _derivativeTimesInverse = new Complex[gateElements];
        _denseInverse = new Complex[_steps.Select(s => s.Matrix.Length * (s.IsDiagonal ? s.Matrix.Length : 1)).DefaultIfEmpty(0).Max()];
        State = backend.CreateState(circuit.QubitCount, precision);
    }

    public VariationalCircuit Circuit { get; }

    /// <summary>The binding of the last row.</summary>
    public ParameterBinding Binding => _binding ?? ParameterBinding.Empty;

    /// <summary>The main state |ψ⟩.</summary>
    public IStateVector State { get; }

    /// <summary>A second state for derivatives and rotated copies.</summary>
    public IStateVector Scratch => _scratch ??= NewState();

    /// <summary>A third state holding a prefix of the circuit (parameter shift).</summary>
    public IStateVector Prefix => _prefix ??= NewState();

    /// <summary>One state per observable for the adjoint sweep's H|ψ⟩.</summary>
    public IStateVector[] Lambdas(int count)
    {
        if (_lambdas.Length < count) _lambdas = [.. _lambdas, .. Enumerable.Range(0, count - _lambdas.Length).Select(_ => NewState())];
        return _lambdas;
    }

    /// <summary>Binds one parameter row (in the circuit's symbol order): recomputes the matrices and adjoints of parameterized steps.</summary>
    /// <exception cref="ParameterBindingException">The row has the wrong length or a non-finite value.</exception>
    public void Bind(ReadOnlySpan<double> row)
    {
        if (_binding is null) _binding = Circuit.Bind(row);
        else _binding.Overwrite(Circuit.Symbols, row);
        for (int k = 0; k < _steps.Length; k++)
            if (_steps[k].IsParameterized)
            {
                _steps[k].Bind(_binding);
                FillAdjoint(k);
            }
    }

    /// <summary>Sets <paramref name="state"/> to |0…0⟩ and applies the whole bound circuit.</summary>
    public void RunCircuit(IStateVector state)
    {
        state.SetBasisState(0);
        ApplySteps(state, 0);
    }

    /// <summary>Applies steps <paramref name="first"/> to the end.</summary>
    public void ApplySteps(IStateVector state, int first)
    {
        for (int k = first; k < _steps.Length; k++) _steps[k].ApplyTo(state);
    }

    /// <summary>Applies step <paramref name="step"/>.</summary>
    public void ApplyStep(IStateVector state, int step) => _steps[step].ApplyTo(state);

    /// <summary>Applies the inverse of step <paramref name="step"/>.</summary>
    public void ApplyInverseStep(IStateVector state, int step)
    {
        var s = _steps[step];
        if (s.IsDiagonal) state.ApplyDiagonal(s.Targets.AsSpan(), _adjoints[step], s.Controls.AsSpan());
        else state.ApplyMatrix(s.Targets.AsSpan(), _adjoints[step], s.Controls.AsSpan());
    }

    /// <summary>Cache block of the sweeps that un-apply parameter-free runs: the optimizer's default (measured on the development machine, docs/optimizer.md).</summary>
    private static readonly int SweepBlockQubits = new OptimizerOptions().BlockQubits;

    /// <summary>
    /// Applies the inverses of the parameter-free steps <paramref name="from"/> down to <paramref name="downTo"/> + 1, last
    /// first. Consecutive steps below the cache block go to the backend as one sweep (<see cref="IStateVector.ApplySweep"/>),
    /// so a CZ ladder costs one pass over the state for its low part instead of one per gate.
    /// </summary>
    public void ApplyInverseRun(IStateVector state, int from, int downTo)
    {
        int count = 0;
        for (int j = from; j > downTo; j--)
        {
            if (_inverseApplications[j].HighestQubit < SweepBlockQubits)
            {
                _sweepRun[count++] = _inverseApplications[j];
                continue;
            }
            FlushSweep(state, ref count);
            ApplyInverseStep(state, j);
        }
        FlushSweep(state, ref count);
    }

    private void FlushSweep(IStateVector state, ref int count)
    {
        if (count == 0) return;
        state.ApplySweep(_sweepRun.AsSpan(0, count), SweepBlockQubits);
        count = 0;
    }

    /// <summary>
    /// Returns ⟨bra|E|state⟩ with E on the gate's qubits (its full matrix, no controls), then applies the inverse of step
    /// <paramref name="step"/> to <paramref name="state"/>: one pass over the state where the step is that same matrix
    /// (<see cref="IStateVector.MatrixElementThenApplyMatrix"/>), the two calls otherwise.
    /// </summary>
    public Complex MatrixElementThenInverseStep(IStateVector state, int step, IStateVector bra, ReadOnlySpan<Complex> element)
    {
        var s = _steps[step];
        var qubits = GateAt(step).Qubits.AsSpan();
        if (s.Controls.Length > 0 || !s.Targets.AsSpan().SequenceEqual(qubits))
        {
            Complex value = state.MatrixElement(bra, qubits, element, []);
            ApplyInverseStep(state, step);
            return value;
        }
        return state.MatrixElementThenApplyMatrix(qubits, element, [], bra, DenseInverse(step));
    }

    /// <summary>The gate of step <paramref name="step"/>.</summary>
    public GateOperation GateAt(int step) => _steps[step].Gates[0];

    /// <summary>The bound parameter values of the gate of <paramref name="step"/>, in a buffer reused by the next call.</summary>
    public Span<double> GateParameters(int step)
    {
        var gate = GateAt(step);
        var values = _gateParameters.AsSpan(0, gate.Parameters.Length);
        for (int j = 0; j < values.Length; j++) values[j] = gate.Parameters[j].Evaluate(Binding);
        return values;
    }

    /// <summary>
    /// ∂U/∂θ_<paramref name="parameter"/>·U† of the gate of <paramref name="step"/> (full matrices, controls included), in a
    /// buffer reused by the next call: the derivative term read before the gate is un-applied, since
    /// ⟨λ|∂U|ψ_before⟩ = ⟨λ|∂U·U†|ψ_after⟩. For a rotation exp(−iθP/2) it is −(i/2)·P, a Pauli with half the non-zero
    /// elements of ∂U, which the backend's pass can skip.
    /// </summary>
    public ReadOnlySpan<Complex> GateDerivativeTimesInverse(int step, int parameter)
    {
        var gate = GateAt(step).Gate;
        int d = gate.Dimension;
        var parameters = GateParameters(step);
        var derivative = _derivative.AsSpan(0, d * d);
        var matrix = _gateMatrix.AsSpan(0, d * d);
        var product = _derivativeTimesInverse.AsSpan(0, d * d);
        gate.Derivative(parameters, parameter, derivative);
        gate.WriteMatrix(parameters, matrix);
        for (int r = 0; r < d; r++)
            for (int c = 0; c < d; c++)
            {
                Complex sum = Complex.Zero;
                for (int j = 0; j < d; j++) sum += derivative[r * d + j] * Complex.Conjugate(matrix[c * d + j]);
                product[r * d + c] = sum;
            }
        return product;
    }

    /// <summary>Writes ⟨ψ|H_o|ψ⟩ of <paramref name="state"/> for every observable.</summary>
    public static void Expectations(IReadOnlyList<PauliSum> observables, IStateVector state, Span<double> values)
    {
        for (int o = 0; o < observables.Count; o++) values[o] = observables[o].Expectation(state);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        State.Dispose();
        _scratch?.Dispose();
        _prefix?.Dispose();
        foreach (var lambda in _lambdas) lambda.Dispose();
    }

    /// <summary>The adjoint of the step's matrix as a dense matrix (a diagonal one spread into a reused buffer).</summary>
    private ReadOnlySpan<Complex> DenseInverse(int step)
    {
        var adjoint = _adjoints[step];
        if (!_steps[step].IsDiagonal) return adjoint;
        int d = adjoint.Length;
        var dense = _denseInverse.AsSpan(0, d * d);
        dense.Clear();
        for (int i = 0; i < d; i++) dense[i * d + i] = adjoint[i];
        return dense;
    }

    private IStateVector NewState() => _backend.CreateState(Circuit.QubitCount, _precision);

    /// <summary>Conjugate transpose of the step's matrix (or conjugate of its diagonal) into its buffer.</summary>
    private void FillAdjoint(int step)
    {
        var s = _steps[step];
        var m = s.Matrix;
        var adjoint = _adjoints[step];
        if (s.IsDiagonal)
        {
            for (int i = 0; i < m.Length; i++) adjoint[i] = Complex.Conjugate(m[i]);
            return;
        }
        int d = 1 << s.Targets.Length;
        for (int r = 0; r < d; r++)
            for (int c = 0; c < d; c++) adjoint[c * d + r] = Complex.Conjugate(m[r * d + c]);
    }
}
