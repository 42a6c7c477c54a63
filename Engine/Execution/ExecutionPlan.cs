using System.Collections.Immutable;
using QSim.Noise;
using QSim.Parameters;

namespace QSim.Execution;

/// <summary>
/// One gate parameter of a plan: its expression and ∂(expression)/∂(symbol) for every symbol it mentions (by the symbol's
/// column in <see cref="ExecutionPlan.Symbols"/>), for the chain rule from gate-parameter derivatives to symbol gradients.
/// </summary>
public sealed record ParameterSlot(ParameterExpression Expression, ImmutableArray<(int Symbol, ParameterExpression Derivative)> SymbolDerivatives);

/// <summary>
/// Where a parameter slot sits in a plan: kernel <see cref="Kernel"/> of <see cref="ExecutionPlan.Kernels"/> (inside top-level
/// step <see cref="Step"/>), factor <see cref="Factor"/> of its recipe, parameter <see cref="Parameter"/> of that gate.
/// </summary>
internal readonly record struct SlotLocation(int Kernel, int Step, int Factor, int Parameter);

/// <summary>
/// A circuit compiled for a backend: kernel steps (fused, swept, relabelled as the optimizer chose) and the non-unitary
/// steps between them (barriers are dropped; they only constrain optimizers). Plan once, bind many: the plan keeps its
/// parameters as slots, and <see cref="Bind"/> evaluates them and rewrites only the matrices that depend on them, so one
/// plan serves a whole batch of parameter sets. Made by <see cref="Passes.PassManager.Compile(Circuits.Circuit)"/>; run by
/// <see cref="PlanExecutor"/>. A plan is not thread-safe: give each thread its own <see cref="Clone"/>.
/// </summary>
public sealed class ExecutionPlan
{
    private readonly double[] _slotValues;
    private SlotLocation[]? _slotLocations;

    internal ExecutionPlan(int qubits, int clbits, IReadOnlyList<Symbol> symbols, IReadOnlyList<ParameterSlot> slots, IReadOnlyList<PlanStep> steps,
        ReadoutNoise? readout = null)
    {
        QubitCount = qubits;
        ClbitCount = clbits;
        Symbols = symbols;
        Slots = slots;
        Steps = steps;
        Readout = readout ?? ReadoutNoise.None;
        _slotValues = new double[slots.Count];
    }

    /// <summary><see cref="Kernels"/> and <see cref="KernelStepIndex"/> together, so that one reference publishes both.</summary>
    private sealed record KernelIndex(ImmutableArray<KernelStep> Kernels, ImmutableArray<int> StepIndex);

    // Made on first use: the optimizer makes intermediate plans of millions of steps that are never bound.
    private KernelIndex? _kernelIndex;

    private KernelIndex Index => _kernelIndex ??= IndexKernels(Steps);

    private static KernelIndex IndexKernels(IReadOnlyList<PlanStep> steps)
    {
        var kernels = ImmutableArray.CreateBuilder<KernelStep>(steps.Count);
        var stepIndex = ImmutableArray.CreateBuilder<int>(steps.Count);
        for (int i = 0; i < steps.Count; i++) AddKernels(steps[i], i, kernels, stepIndex);
        return new KernelIndex(kernels.ToImmutable(), stepIndex.ToImmutable());
    }

    private static void AddKernels(PlanStep step, int index, ImmutableArray<KernelStep>.Builder kernels, ImmutableArray<int>.Builder stepIndex)
    {
        switch (step)
        {
            case KernelStep k:
                kernels.Add(k);
                stepIndex.Add(index);
                break;
            case SweepStep s:
                foreach (var k in s.Steps) AddKernels(k, index, kernels, stepIndex);
                break;
            case ConditionalStep c:
                AddKernels(c.Body, index, kernels, stepIndex);
                break;
        }
    }

    /// <summary>Qubits of the state it runs on.</summary>
    public int QubitCount { get; }

    /// <summary>Classical bits it writes.</summary>
    public int ClbitCount { get; }

    /// <summary>The circuit's symbols, which <see cref="Bind"/> needs values for, in column order.</summary>
    public IReadOnlyList<Symbol> Symbols { get; }

    /// <summary>The steps in order.</summary>
    public IReadOnlyList<PlanStep> Steps { get; }

    /// <summary>True when every step is unitary (no measurement, reset, condition or noise channel).</summary>
    public bool IsUnitary => Steps.All(s => s is UnitaryStep);

    /// <summary>The readout errors its measurements record bits with (<see cref="ReadoutNoise.None"/> for a noise-free plan).</summary>
    public ReadoutNoise Readout { get; }

    /// <summary>True when the plan has a noise channel (conditioned ones included).</summary>
    public bool IsNoisy => Steps.Any(s => s is ChannelStep or ConditionalStep { Body: ChannelStep });

    /// <summary>
    /// True when every measurement can be read at the end: no reset or condition, and no step after a measurement touches
    /// its qubit (noise channels included). Then one run of the other steps gives the state all measurements read: a noisy
    /// plan's mixed state, or one of its trajectories.
    /// </summary>
    public bool MeasuresOnlyAtEnd
    {
        get
        {
            var measured = new HashSet<int>();
            foreach (var step in Steps)
            {
                switch (step)
                {
                    case MeasureStep m:
                        if (!measured.Add(m.Qubit)) return false;
                        break;
                    case ResetStep or ConditionalStep:
                        return false;
                    case ChannelStep c:
                        if (c.Qubits.Any(measured.Contains)) return false;
                        break;
                    default:
                        if (measured.Count > 0 && QubitsOf((UnitaryStep)step).Any(measured.Contains)) return false;
                        break;
                }
            }
            return true;
        }
    }

    /// <summary>True when every measurement is terminal: no unitary step, reset or condition follows the first one.</summary>
    public bool HasOnlyTerminalMeasurements
    {
        get
        {
            bool measured = false;
            foreach (var step in Steps)
            {
                if (step is MeasureStep) measured = true;
                else if (measured || step is not UnitaryStep) return false;
            }
            return true;
        }
    }

    /// <summary>The plan's gate parameters; <see cref="Bind"/> evaluates each once.</summary>
    public IReadOnlyList<ParameterSlot> Slots { get; }

    /// <summary>Every kernel step in execution order, those inside sweeps and conditions included.</summary>
    internal ImmutableArray<KernelStep> Kernels => Index.Kernels;

    /// <summary>For each of <see cref="Kernels"/>, the index of the top-level step holding it.</summary>
    internal ImmutableArray<int> KernelStepIndex => Index.StepIndex;

    /// <summary>The slot values of the last bind.</summary>
    internal ReadOnlySpan<double> SlotValues => _slotValues;

    /// <summary>Where each slot sits (computed on first use).</summary>
    internal IReadOnlyList<SlotLocation> SlotLocations => _slotLocations ??= LocateSlots();

    /// <summary>Evaluates every slot for <paramref name="binding"/> and rewrites the matrices of parameterized steps.</summary>
    /// <exception cref="ParameterBindingException">A symbol is missing, unknown, or not finite.</exception>
    public void Bind(ParameterBinding binding)
    {
        binding.RequireExactly(Symbols);
        for (int s = 0; s < Slots.Count; s++)
        {
            double value = Slots[s].Expression.Evaluate(binding);
            if (!double.IsFinite(value))
                throw new ParameterBindingException($"Gate parameter '{Slots[s].Expression}' evaluates to {value} for these parameter values; it must be finite.");
            _slotValues[s] = value;
        }
        foreach (var kernel in Kernels)
            if (kernel.IsParameterized) kernel.Bind(_slotValues);
    }

    /// <summary>The qubits the derivative term of <paramref name="slot"/> acts on (its gate's light cone within its step).</summary>
    internal ImmutableArray<int> TermQubits(int slot)
    {
        var location = SlotLocations[slot];
        var kernel = Kernels[location.Kernel];
        var all = kernel.TermQubits;
        return [.. kernel.Recipe.TermSupport(location.Factor).Select(local => all[local])];
    }

    /// <summary>Sets one slot to <paramref name="value"/> and rewrites the one step that reads it (a parameter shift).</summary>
    internal void BindSlot(int slot, double value)
    {
        _slotValues[slot] = value;
        Kernels[SlotLocations[slot].Kernel].Bind(_slotValues);
    }

    /// <summary>A copy whose parameterized steps have their own matrix buffers (and that binds independently).</summary>
    public ExecutionPlan Clone()
    {
        var clone = new ExecutionPlan(QubitCount, ClbitCount, Symbols, Slots, Steps.Select(CloneStep).ToArray(), Readout);
        _slotValues.CopyTo(clone._slotValues);
        return clone;
    }

    /// <summary>The same plan with other steps (a plan pass's output), sharing the slots.</summary>
    internal ExecutionPlan WithSteps(IReadOnlyList<PlanStep> steps) => new(QubitCount, ClbitCount, Symbols, Slots, steps, Readout);

    /// <summary>The same plan whose measurements record bits through <paramref name="readout"/>.</summary>
    internal ExecutionPlan WithReadout(ReadoutNoise readout) => new(QubitCount, ClbitCount, Symbols, Slots, Steps, readout);

    /// <summary>
    /// The plan less its terminal measurements: its unitary steps, and for a noisy plan whose measurements are all read at
    /// the end (<see cref="MeasuresOnlyAtEnd"/>) its noise channels too.
    /// </summary>
    /// <exception cref="InvalidOperationException">A measurement is not terminal, or the plan resets or has conditions.</exception>
    public ExecutionPlan WithoutTerminalMeasurements()
    {
        if (HasOnlyTerminalMeasurements) return WithSteps([.. Steps.OfType<UnitaryStep>()]);
        if (IsNoisy && MeasuresOnlyAtEnd) return WithSteps([.. Steps.Where(s => s is not MeasureStep)]);
        throw new InvalidOperationException("The circuit has mid-circuit measurement, reset or classical conditions, so it has no single final state.");
    }

    private static PlanStep CloneStep(PlanStep step) => step switch
    {
        KernelStep { IsParameterized: true } k => k.Copy(),
        SweepStep s when s.Steps.Any(k => k.IsParameterized) => new SweepStep(s.Steps.Select(k => k.IsParameterized ? k.Copy() : k).ToArray(), s.BlockQubits),
        ConditionalStep c => c with { Body = CloneStep(c.Body) },
        _ => step,
    };

    /// <summary>The qubits a unitary step touches.</summary>
    internal static IEnumerable<int> QubitsOf(UnitaryStep step) => step switch
    {
        KernelStep k => k.Targets.Concat(k.Controls),
        SweepStep s => s.Steps.SelectMany(k => k.Targets.Concat(k.Controls)),
        QubitSwapStep swap => swap.First.Concat(swap.Second),
        _ => throw new NotSupportedException($"Plan step '{step.GetType().Name}' is not supported."),
    };

    private SlotLocation[] LocateSlots()
    {
        var locations = new SlotLocation[Slots.Count];
        for (int k = 0; k < Kernels.Length; k++)
        {
            var factors = Kernels[k].Recipe.Factors;
            for (int f = 0; f < factors.Length; f++)
                if (factors[f].Gate is { } gate)
                    for (int p = 0; p < gate.ParameterCount; p++) locations[factors[f].FirstSlot + p] = new SlotLocation(k, KernelStepIndex[k], f, p);
        }
        return locations;
    }
}
