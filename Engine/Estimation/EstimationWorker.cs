using System.Collections.Immutable;
using System.Numerics;
using QSim.Backends;
using QSim.Execution;
using QSim.Numerics;
using QSim.Observables;
using QSim.Parameters;

namespace QSim.Estimation;

/// <summary>
/// What one thread needs to evaluate rows of a batch: its own copy of the compiled plan (bound row by row), the inverse of
/// every kernel step's matrix and the derivative term of every parameter slot (refreshed in place), one parameter binding
/// overwritten by each row, and states allocated on first use and reused for every later row: after the first row, binding
/// and evaluating a row allocates nothing for gates with in-place matrices (<see cref="QSim.Gates.MatrixWriter"/>).
/// Not thread-safe: one per thread.
/// </summary>
internal sealed class EstimationWorker : IDisposable
{
    private readonly IBackend _backend;
    private readonly Precision _precision;
    private readonly ImmutableArray<KernelStep> _kernels;
    private readonly Complex[][] _inverses;
    private readonly MatrixApplication[] _inverseApplications;
    private readonly MatrixApplication[] _sweepRun;
    private readonly int[] _sweepKernels;
    // N = P†·G†∂G·P of each parameter slot, filled when the sweep reaches the slot and read when it flushes.
    private readonly Complex[][] _terms;
    private readonly MatrixApplication[] _termApplications;
    private readonly MatrixApplication[] _flushTerms;
    private Complex[] _flushValues = [];
    private readonly ulong[] _qubitMasks;
    private readonly ulong[] _termMasks;
    private ParameterBinding? _binding;
    private int _boundRow = -1;
    private IStateVector? _scratch, _prefix;
    private IStateVector[] _lambdas = [];
    // Quantum trajectories of a noisy plan on state vectors: the draws of mixed-unitary channels for the circuit and for the
    // prefix (parameter shift), both from the trajectory's seed, so every evaluation of one trajectory meets the same ones
    // (common random numbers). A channel whose draw reads the state draws afresh in each evaluation: reusing its draw would
    // make the difference of two evaluations jump where the draw falls between their probabilities, rarely and far, and
    // leave the spread of a few hundred trajectories a poor measure of the error.
    private readonly SeededRandom _random = new(0), _prefixRandom = new(0), _stateDependent = new(0), _prefixStateDependent = new(0);
    private readonly SampledChannels? _channels, _prefixChannels;
    private long _evaluation;

    public EstimationWorker(VariationalPlan circuit, IBackend backend, Precision precision)
    {
        Circuit = circuit;
        _backend = backend;
        _precision = precision;
        Plan = circuit.Plan.Clone();
        _kernels = Plan.Kernels;
        _inverses = _kernels.Select(k => new Complex[k.Matrix.Length]).ToArray();
        for (int k = 0; k < _kernels.Length; k++)
            if (!_kernels[k].IsParameterized) SmallMatrices.Adjoint(_kernels[k].Matrix, _inverses[k], _kernels[k].IsDiagonal);
        _inverseApplications = _kernels.Select((s, k) => new MatrixApplication(s.Targets, s.Controls, _inverses[k], s.IsDiagonal)).ToArray();
        _sweepRun = new MatrixApplication[_kernels.Length];
        _sweepKernels = new int[_kernels.Length];
        var locations = Plan.SlotLocations;
        var termQubits = Enumerable.Range(0, locations.Count).Select(Plan.TermQubits).ToArray();
        _terms = termQubits.Select(q => new Complex[1 << (2 * q.Length)]).ToArray();
        _termApplications = termQubits.Select((q, i) => new MatrixApplication(q, [], _terms[i], false)).ToArray();
        _flushTerms = new MatrixApplication[locations.Count];
        _termMasks = termQubits.Select(q => q.Aggregate(0UL, (mask, qubit) => mask | 1UL << qubit)).ToArray();
        _qubitMasks = _kernels.Select(s => s.Targets.Concat(s.Controls).Aggregate(0UL, (mask, q) => mask | 1UL << q)).ToArray();
        UnapplyQueue = new int[_kernels.Length];
        PendingTerms = new int[locations.Count];
        State = backend.CreateState(circuit.QubitCount, precision);
        if (circuit.RunsTrajectories)
        {
            _channels = new SampledChannels(_random, _stateDependent);
            _prefixChannels = new SampledChannels(_prefixRandom, _prefixStateDependent);
        }
    }

    /// <summary>The seed of the trajectory the next evaluations follow (noisy plans on state vectors; ignored otherwise).</summary>
    public ulong TrajectorySeed
    {
        get;
        set
        {
            field = value;
            _evaluation = 0;
        }
    }

    public VariationalPlan Circuit { get; }

    /// <summary>This worker's copy of the plan, bound to the last row.</summary>
    public ExecutionPlan Plan { get; }

    /// <summary>The binding of the last row.</summary>
    public ParameterBinding Binding => _binding ?? ParameterBinding.Empty;

    /// <summary>The main state |ψ⟩.</summary>
    public IStateVector State { get; }

    /// <summary>A second state for shifted and rotated copies.</summary>
    public IStateVector Scratch => _scratch ??= NewState();

    /// <summary>A third state holding a prefix of the circuit (parameter shift).</summary>
    public IStateVector Prefix => _prefix ??= NewState();

    /// <summary>Room for the adjoint sweep's queue of kernels to un-apply (one per kernel).</summary>
    public int[] UnapplyQueue { get; }

    /// <summary>Room for the adjoint sweep's pending terms (one per parameter slot).</summary>
    public int[] PendingTerms { get; }

    /// <summary>The qubits kernel <paramref name="kernel"/> touches, targets and controls, as a bit mask.</summary>
    public ulong QubitMask(int kernel) => _qubitMasks[kernel];

    /// <summary>The qubits the derivative term of <paramref name="slot"/> acts on, as a bit mask: steps on other qubits commute with it.</summary>
    public ulong TermMask(int slot) => _termMasks[slot];

    /// <summary>One state per observable for the adjoint sweep's H|ψ⟩.</summary>
    public IStateVector[] Lambdas(int count)
    {
        if (_lambdas.Length < count) _lambdas = [.. _lambdas, .. Enumerable.Range(0, count - _lambdas.Length).Select(_ => NewState())];
        return _lambdas;
    }

    /// <summary>Binds one parameter row (in the circuit's symbol order): the plan's parameterized matrices and their inverses.</summary>
    /// <exception cref="ParameterBindingException">The row has the wrong length or a non-finite value.</exception>
    public void Bind(ReadOnlySpan<double> row)
    {
        _boundRow = -1;
        if (_binding is null) _binding = ParameterBinding.From(Plan.Symbols, row);
        else _binding.Overwrite(Plan.Symbols, row);
        Plan.Bind(_binding);
        for (int k = 0; k < _kernels.Length; k++)
            if (_kernels[k].IsParameterized) SmallMatrices.Adjoint(_kernels[k].Matrix, _inverses[k], _kernels[k].IsDiagonal);
    }

    /// <summary>Binds row <paramref name="index"/> of a batch unless it is bound already (consecutive trajectories of one row bind once).</summary>
    public void BindRow(ReadOnlySpan<double> row, int index)
    {
        if (_boundRow == index) return;
        Bind(row);
        _boundRow = index;
    }

    /// <summary>Sets <paramref name="state"/> to |0…0⟩ and applies the whole bound plan (from the start of the trajectory's draws).</summary>
    public void RunCircuit(IStateVector state, CancellationToken cancellation)
    {
        state.SetBasisState(0);
        _random.Reset(TrajectorySeed);
        _stateDependent.Reset(SeededRandom.ForItem(TrajectorySeed, ++_evaluation));
        ApplySteps(state, 0, cancellation);
    }

    /// <summary>Applies the plan's top-level steps from <paramref name="first"/> to the end.</summary>
    public void ApplySteps(IStateVector state, int first, CancellationToken cancellation)
    {
        var steps = Plan.Steps;
        for (int i = first; i < steps.Count; i++)
        {
            cancellation.ThrowIfCancellationRequested();
            Apply(i, state, _channels);
        }
    }

    /// <summary>Sets <see cref="Prefix"/> to |0…0⟩, at the start of the trajectory's draws.</summary>
    public void StartPrefix()
    {
        Prefix.SetBasisState(0);
        _prefixRandom.Reset(TrajectorySeed);
        _prefixStateDependent.Reset(SeededRandom.ForItem(TrajectorySeed, ++_evaluation));
    }

    /// <summary>Applies top-level step <paramref name="step"/> to the prefix state (a channel with the prefix's draws).</summary>
    public void ApplyStep(IStateVector state, int step) => Apply(step, state, _prefixChannels);

    /// <summary>
    /// Makes the next <see cref="ApplySteps"/> draw where the prefix stands (a shifted run from the prefix's step), with fresh
    /// draws for channels that read the state.
    /// </summary>
    public void ContinueFromPrefix()
    {
        _random.CopyFrom(_prefixRandom);
        _stateDependent.Reset(SeededRandom.ForItem(TrajectorySeed, ++_evaluation));
    }

    private void Apply(int step, IStateVector state, SampledChannels? channels)
    {
        if (Plan.Steps[step] is UnitaryStep unitary) unitary.ApplyTo(state);
        else PlanExecutor.ApplyChannel(step, (ChannelStep)Plan.Steps[step], state, channels);
    }

    /// <summary>Cache block of the adjoint sweep's blocked un-applies and reads.</summary>
    private int SweepBlockQubits => Circuit.SweepBlockQubits;

    /// <summary>
    /// Un-applies <paramref name="kernels"/> (in the order given) from <see cref="State"/> (ψ) and from every state of
    /// <paramref name="bras"/>, then reads ⟨bras[b]|N_s|ψ⟩ of the terms <see cref="FillTerm"/> last computed for
    /// <paramref name="slots"/>, into a buffer [bra × slot] reused by the next call. The kernels below the cache block go
    /// to the backend as one run that it may un-apply and read block by block
    /// (<see cref="IBlockedReadState.ApplySweepThenMatrixElements"/>). A kernel on a higher qubit is applied to every state
    /// first when it commutes with the low kernels queued before it (disjoint qubits, or both diagonal); otherwise those
    /// low kernels are swept first and a new run begins after it.
    /// </summary>
    public ReadOnlySpan<Complex> UnapplyThenReadTerms(ReadOnlySpan<IStateVector> bras, ReadOnlySpan<int> kernels, ReadOnlySpan<int> slots)
    {
        var state = State;
        int count = 0;
        foreach (int kernel in kernels)
        {
            var inverse = _inverseApplications[kernel];
            if (inverse.HighestQubit < SweepBlockQubits)
            {
                _sweepKernels[count] = kernel;
                _sweepRun[count++] = inverse;
                continue;
            }
            if (!CommutesWithRun(kernel, count))
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

    /// <summary>Whether <paramref name="kernel"/> commutes with the first <paramref name="count"/> kernels of the run: no shared qubit, or all diagonal.</summary>
    private bool CommutesWithRun(int kernel, int count)
    {
        bool diagonal = _kernels[kernel].IsDiagonal;
        for (int i = 0; i < count; i++)
        {
            int other = _sweepKernels[i];
            if ((_qubitMasks[kernel] & _qubitMasks[other]) != 0 && !(diagonal && _kernels[other].IsDiagonal)) return false;
        }
        return true;
    }

    /// <summary>Un-applies the run's first <paramref name="count"/> kernels from every state, as one sweep each.</summary>
    private void SweepAll(IStateVector state, ReadOnlySpan<IStateVector> bras, int count)
    {
        if (count == 0) return;
        var run = _sweepRun.AsSpan(0, count);
        state.ApplySweep(run, SweepBlockQubits);
        foreach (var bra in bras) bra.ApplySweep(run, SweepBlockQubits);
    }

    /// <summary>Applies the inverse of kernel <paramref name="kernel"/> (of the bound row) to <paramref name="state"/>.</summary>
    public void Unapply(int kernel, IStateVector state) => _inverseApplications[kernel].ApplyTo(state);

    /// <summary>The derivative term of <paramref name="slot"/> that <see cref="FillTerm"/> last wrote, with its qubits.</summary>
    public MatrixApplication Term(int slot) => _termApplications[slot];

    /// <summary>Computes the derivative term of parameter slot <paramref name="slot"/> for the bound row into its buffer.</summary>
    public void FillTerm(int slot)
    {
        var location = Plan.SlotLocations[slot];
        _kernels[location.Kernel].Recipe.WriteDerivativeTerm(location.Factor, location.Parameter, Plan.SlotValues, _terms[slot]);
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
}
