using System.Numerics;
using QSim.Backends;
using QSim.Circuits;
using QSim.Execution;
using QSim.Observables;
using QSim.Parameters;

namespace QSim.Estimation;

/// <summary>
/// What one thread needs to evaluate rows of a batch: its own bound copy of the plan, the adjoint of
/// every step's matrix (refreshed in place on each bind), and states allocated on first use and reused
/// for every later row. Not thread-safe: one per thread.
/// </summary>
internal sealed class EstimationWorker : IDisposable
{
    private readonly IBackend _backend;
    private readonly Precision _precision;
    private readonly KernelStep[] _steps;
    private readonly Complex[][] _adjoints;
    private readonly double[] _gateParameters;
    private IStateVector? _scratch, _prefix;
    private IStateVector[] _lambdas = [];

    public EstimationWorker(VariationalCircuit circuit, IBackend backend, Precision precision)
    {
        Circuit = circuit;
        _backend = backend;
        _precision = precision;
        Plan = circuit.Plan.Clone();
        _steps = Plan.Steps.Cast<KernelStep>().ToArray();
        _adjoints = _steps.Select(s => new Complex[s.Matrix.Length]).ToArray();
        for (int k = 0; k < _steps.Length; k++)
            if (!_steps[k].IsParameterized) FillAdjoint(k);
        _gateParameters = new double[_steps.Select(s => s.Gates[0].Parameters.Length).DefaultIfEmpty(0).Max()];
        State = backend.CreateState(circuit.QubitCount, precision);
    }

    public VariationalCircuit Circuit { get; }

    /// <summary>This worker's copy of the plan, bound to the last row.</summary>
    public ExecutionPlan Plan { get; }

    /// <summary>The binding of the last row.</summary>
    public ParameterBinding Binding { get; private set; } = ParameterBinding.Empty;

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

    /// <summary>Binds one parameter row (in the circuit's symbol order).</summary>
    public void Bind(ReadOnlySpan<double> row) => Bind(Circuit.Bind(row));

    /// <summary>Binds symbol values and refreshes the adjoints of parameterized steps.</summary>
    public void Bind(ParameterBinding binding)
    {
        Binding = binding;
        Plan.Bind(binding);
        for (int k = 0; k < _steps.Length; k++)
            if (_steps[k].IsParameterized) FillAdjoint(k);
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
