using QSim.Backends;
using QSim.Circuits;
using QSim.Execution;
using QSim.Parameters;
using QSim.Passes;

namespace QSim.Estimation;

/// <summary>
/// A unitary circuit compiled for estimation on one backend: its optimized plan (the template every worker clones and binds
/// row by row), its symbols in column order, and the order in which the adjoint method's backward sweep visits the plan. A
/// circuit with noise channels (and no measurement but terminal ones) is accepted too: it runs exactly on a backend of mixed
/// states and as quantum trajectories on a state-vector backend.
/// </summary>
internal sealed class VariationalPlan
{
    /// <summary>Compiles <paramref name="circuit"/> for <paramref name="backend"/> as <paramref name="options"/> say.</summary>
    /// <exception cref="ArgumentException">The circuit measures, resets or has classical conditions.</exception>
    public VariationalPlan(Circuit circuit, IBackend backend, EstimatorOptions options)
        : this(CompileUnitary(circuit, backend, options), backend, options)
    {
    }

    /// <summary>A circuit compiled already (its terminal measurements, if any, are dropped: they only read the final state).</summary>
    /// <exception cref="ArgumentException">It has mid-circuit measurement, reset or conditions, or was compiled for another precision.</exception>
    public VariationalPlan(CompiledCircuit compiled, IBackend backend, EstimatorOptions options)
    {
        if (compiled.Precision != options.Precision)
            throw new ArgumentException($"The circuit was compiled for {compiled.Precision} precision; the estimator runs {options.Precision}.", nameof(compiled));
        bool noisy = compiled.Plan.IsNoisy;
        if (noisy ? !compiled.Plan.MeasuresOnlyAtEnd : !compiled.Plan.HasOnlyTerminalMeasurements)
            throw new ArgumentException("Expectation values need a unitary circuit; this one measures mid-circuit, resets or has classical conditions.", nameof(compiled));
        Compiled = compiled;
        Plan = compiled.Plan.WithoutTerminalMeasurements();
        QubitCount = Plan.QubitCount;
        IsNoisy = noisy;
        RunsTrajectories = noisy && !backend.Capabilities.MixedStates;
        SweepBlockQubits = options.SweepBlockQubits ?? backend.Capabilities.For(options.Precision).SweepBlockQubits ?? Math.Max(1, QubitCount);
        var kernels = Plan.Kernels;
        var slotsOf = new List<int>[kernels.Length];
        for (int k = 0; k < kernels.Length; k++) slotsOf[k] = new List<int>();
        var locations = Plan.SlotLocations;
        for (int s = 0; s < locations.Count; s++) slotsOf[locations[s].Kernel].Add(s);
        SlotsOfKernel = slotsOf.Select(l => l.ToArray()).ToArray();
        FirstParameterizedKernel = Array.FindIndex(SlotsOfKernel, s => s.Length > 0);
        if (FirstParameterizedKernel < 0) FirstParameterizedKernel = kernels.Length;
        BackwardUnits = noisy ? [] : BuildBackwardUnits(Plan);
        SlotsInStepOrder = [.. Enumerable.Range(0, locations.Count).OrderBy(s => locations[s].Step)];
    }

    /// <summary>The parameter slots in the order of the top-level steps that read them (parameter shift walks them so).</summary>
    public int[] SlotsInStepOrder { get; }

    /// <summary>The optimizer settings an estimator compiles with: <paramref name="options"/>' own, or parameterized blocks kept small.</summary>
    public static OptimizerOptions OptimizerFor(EstimatorOptions options) =>
        options.Optimizer ?? new OptimizerOptions { MaxParameterizedQubits = EstimatorOptions.DefaultParameterizedBlockQubits };

    private static CompiledCircuit CompileUnitary(Circuit circuit, IBackend backend, EstimatorOptions options)
    {
        if (!circuit.Operations.All(op => op is GateOperation or BarrierOperation or ChannelOperation))
            throw new ArgumentException("Expectation values need a unitary circuit; this one measures, resets or has classical conditions.", nameof(circuit));
        return new PassManager(options.OptimizationLevel, backend.Capabilities, options.Precision, OptimizerFor(options)).Compile(circuit);
    }

    /// <summary>The compiled circuit (plan and statistics).</summary>
    public CompiledCircuit Compiled { get; }

    /// <summary>The plan template (workers bind clones of it).</summary>
    public ExecutionPlan Plan { get; }

    public int QubitCount { get; }

    /// <summary>True when the plan has noise channels.</summary>
    public bool IsNoisy { get; }

    /// <summary>True when the plan is noisy and the backend's states are vectors: expectation values are averages over quantum trajectories.</summary>
    public bool RunsTrajectories { get; }

    /// <summary>The symbols, in the order of the parameter columns.</summary>
    public IReadOnlyList<Symbol> Symbols => Plan.Symbols;

    /// <summary>Cache block of the adjoint sweep.</summary>
    public int SweepBlockQubits { get; }

    /// <summary>For each kernel of <see cref="ExecutionPlan.Kernels"/>, the parameter slots it reads.</summary>
    public int[][] SlotsOfKernel { get; }

    /// <summary>Index of the first kernel with a parameter slot (the backward sweep stops there).</summary>
    public int FirstParameterizedKernel { get; }

    /// <summary>
    /// The plan from its end to its start as the backward sweep meets it: a kernel index (≥ 0), or −1 − i for top-level step i
    /// when it is a relabelling swap (its own inverse, applied to every state once the pending terms are read). Empty for a
    /// noisy plan, which the state-vector adjoint method does not differentiate.
    /// </summary>
    public int[] BackwardUnits { get; }

    private static int[] BuildBackwardUnits(ExecutionPlan plan)
    {
        var units = new List<int>();
        int kernel = plan.Kernels.Length;
        for (int i = plan.Steps.Count - 1; i >= 0; i--)
        {
            switch (plan.Steps[i])
            {
                case KernelStep:
                    units.Add(--kernel);
                    break;
                case SweepStep sweep:
                    for (int j = 0; j < sweep.Steps.Length; j++) units.Add(--kernel);
                    break;
                case QubitSwapStep:
                    units.Add(-1 - i);
                    break;
                default:
                    throw new InvalidOperationException($"A unitary plan holds no {plan.Steps[i].GetType().Name}.");
            }
        }
        return [.. units];
    }
}
