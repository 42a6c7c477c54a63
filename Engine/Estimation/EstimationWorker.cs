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
    // The inverse of each step (a parameterized one's matrix is refreshed on bind), and a buffer for one sweep's run of
    // them with their steps.
    private readonly MatrixApplication[] _inverseApplications;
    private readonly MatrixApplication[] _sweepRun;
    private readonly int[] _sweepSteps;
    private readonly double[] _gateParameters;
    private readonly Complex[] _derivative;
    private readonly Complex[] _gateMatrix;
    // U_k†·∂U_k of each parameter slot, filled when the sweep reaches the slot and read when it flushes.
    private readonly Complex[][] _terms;
    private readonly MatrixApplication[] _termApplications;
    private readonly MatrixApplication[] _flushTerms;
    private Complex[] _flushValues = [];
    private readonly ulong[] _qubitMasks;
    private ParameterBinding? _binding;
    private IStateVector? _scratch, _prefix;
    private IStateVector[] _lambdas = [];

    public EstimationWorker(VariationalCircuit circuit, IBackend backend, Precision precision, int sweepBlockQubits)
    {
        SweepBlockQubits = sweepBlockQubits;
        Circuit = circuit;
        _backend = backend;
        _precision = precision;
        _steps = circuit.Plan.Clone().Steps.Cast<KernelStep>().ToArray();
        _adjoints = _steps.Select(s => new Complex[s.Matrix.Length]).ToArray();
        for (int k = 0; k < _steps.Length; k++)
            if (!_steps[k].IsParameterized) FillAdjoint(k);
        _inverseApplications = _steps.Select((s, k) => new MatrixApplication(s.Targets, s.Controls, _adjoints[k], s.IsDiagonal)).ToArray();
        _sweepRun = new MatrixApplication[_steps.Length];
        _sweepSteps = new int[_steps.Length];
        _gateParameters = new double[_steps.Select(s => s.Gates[0].Parameters.Length).DefaultIfEmpty(0).Max()];
        int gateElements = _steps.Select(s => s.Gates[0].Gate.Dimension * s.Gates[0].Gate.Dimension).DefaultIfEmpty(0).Max();
        _derivative = new Complex[gateElements];
        _gateMatrix = new Complex[gateElements];
        _terms = circuit.Slots.Select(slot => new Complex[_steps[slot.Step].Gates[0].Gate.Dimension * _steps[slot.Step].Gates[0].Gate.Dimension]).ToArray();
        _termApplications = circuit.Slots.Select((slot, i) => new MatrixApplication(_steps[slot.Step].Gates[0].Qubits, [], _terms[i], false)).ToArray();
        _flushTerms = new MatrixApplication[circuit.Slots.Length];
        _qubitMasks = _steps.Select(s => s.Targets.Concat(s.Controls).Aggregate(0UL, (mask, q) => mask | 1UL << q)).ToArray();
        UnapplyQueue = new int[_steps.Length];
        PendingTerms = new int[circuit.Slots.Length];
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

    /// <summary>Room for the adjoint sweep's queue of steps to un-apply (one per step).</summary>
    public int[] UnapplyQueue { get; }

    /// <summary>Room for the adjoint sweep's pending terms (one per parameter slot).</summary>
    public int[] PendingTerms { get; }

    /// <summary>The qubits step <paramref name="step"/> touches, targets and controls, as a bit mask.</summary>
    public ulong QubitMask(int step) => _qubitMasks[step];

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

    /// <summary>Cache block of the adjoint sweep's blocked un-applies and reads (<see cref="EstimatorOptions.SweepBlockQubits"/>).</summary>
    private int SweepBlockQubits { get; }

    /// <summary>
    /// Un-applies <paramref name="steps"/> (in the order given) from <see cref="State"/> (ψ) and from every state of
    /// <paramref name="bras"/>, then reads ⟨bras[b]|T_s|ψ⟩ of the terms <see cref="FillTerm"/> last computed for
    /// <paramref name="slots"/>, into a buffer [bra × slot] reused by the next call. The steps below the cache block go
    /// to the backend as one run that it may un-apply and read block by block
    /// (<see cref="IStateVector.ApplySweepThenMatrixElements"/>): a layer of rotations costs one pass over the states for
    /// its low part instead of a pass per gate and state, and the terms it can read there cost no pass of their own (a
    /// layer's one-qubit diagonal terms take one pass, the terms above the block one each). A step on a higher qubit is applied to
    /// every state first when it commutes with the low steps queued before it (disjoint qubits, or both diagonal, as in a
    /// layer of rotations or a ladder of CZs); otherwise those low steps are swept first and a new run begins after it.
    /// </summary>
    public ReadOnlySpan<Complex> UnapplyThenReadTerms(ReadOnlySpan<IStateVector> bras, ReadOnlySpan<int> steps, ReadOnlySpan<int> slots)
    {
        var state = State;
        int count = 0;
        foreach (int step in steps)
        {
            var inverse = _inverseApplications[step];
            if (inverse.HighestQubit < SweepBlockQubits)
            {
                _sweepSteps[count] = step;
                _sweepRun[count++] = inverse;
                continue;
            }
            if (!CommutesWithRun(step, count))
            {
                SweepAll(state, bras, count);
                count = 0;
            }
            inverse.ApplyTo(state);
            foreach (var bra in bras) inverse.ApplyTo(bra);
        }
        for (int i = 0; i < slots.Length; i++) _flushTerms[i] = _termApplications[slots[i]];
        if (_flushValues.Length < bras.Length * slots.Length) _flushValues = new Complex[bras.Length * slots.Length];
        var values = _flushValues.AsSpan(0, bras.Length * slots.Length);
        state.ApplySweepThenMatrixElements(bras, _sweepRun.AsSpan(0, count), _flushTerms.AsSpan(0, slots.Length), SweepBlockQubits, values);
        return values;
    }

    /// <summary>Whether <paramref name="step"/> commutes with the first <paramref name="count"/> steps of the run: no shared qubit, or all diagonal.</summary>
    private bool CommutesWithRun(int step, int count)
    {
        bool diagonal = _steps[step].IsDiagonal;
        for (int i = 0; i < count; i++)
        {
            int other = _sweepSteps[i];
            if ((_qubitMasks[step] & _qubitMasks[other]) != 0 && !(diagonal && _steps[other].IsDiagonal)) return false;
        }
        return true;
    }

    /// <summary>Un-applies the run's first <paramref name="count"/> steps from every state, as one sweep each.</summary>
    private void SweepAll(IStateVector state, ReadOnlySpan<IStateVector> bras, int count)
    {
        if (count == 0) return;
        var run = _sweepRun.AsSpan(0, count);
        state.ApplySweep(run, SweepBlockQubits);
        foreach (var bra in bras) bra.ApplySweep(run, SweepBlockQubits);
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
    /// Computes U†·∂U/∂θ of the gate and parameter of <paramref name="slot"/> (full matrices, controls included) into the
    /// slot's buffer, for the bound row: the derivative term read after the gate is un-applied, since
    /// ⟨λ|∂U|ψ_before⟩ = ⟨U†λ|U†·∂U|ψ_before⟩. For a rotation exp(−iθP/2) it is −(i/2)·P, a Pauli with half the non-zero
    /// elements of ∂U, which the backend's matrix-element pass skips.
    /// </summary>
    public void FillTerm(int slot)
    {
        var s = Circuit.Slots[slot];
        var gate = GateAt(s.Step).Gate;
        int d = gate.Dimension;
        var parameters = GateParameters(s.Step);
        var derivative = _derivative.AsSpan(0, d * d);
        var matrix = _gateMatrix.AsSpan(0, d * d);
        var term = _terms[slot];
        gate.Derivative(parameters, s.Parameter, derivative);
        gate.WriteMatrix(parameters, matrix);
        for (int r = 0; r < d; r++)
            for (int c = 0; c < d; c++)
            {
                Complex sum = Complex.Zero;
                for (int j = 0; j < d; j++) sum += Complex.Conjugate(matrix[j * d + r]) * derivative[j * d + c];
                term[r * d + c] = sum;
            }
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
