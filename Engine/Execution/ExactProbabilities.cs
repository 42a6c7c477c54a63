using QSim.Backends;
using QSim.Circuits;
using QSim.Noise;
using QSim.Parameters;
using QSim.Passes;

namespace QSim.Execution;

/// <summary>The exact outcome distributions of a circuit, with no sampling.</summary>
/// <param name="Probabilities">
/// Probability of each basis index when every qubit is measured at the end (length 2^n; bit k is qubit k), read through
/// each qubit's readout error when the plan has them.
/// </param>
/// <param name="ClassicalProbabilities">Distribution of the final classical bits as recorded (readout errors included), keyed like counts (Qiskit's format); empty when the circuit has no classical bits.</param>
/// <param name="Branches">Number of measurement-outcome branches that were followed (1 for a circuit without mid-circuit measurement).</param>
public sealed record ExactResult(double[] Probabilities, IReadOnlyDictionary<string, double> ClassicalProbabilities, int Branches);

/// <summary>The circuit would need more outcome branches, or more work, than the limits allow.</summary>
public sealed class BranchLimitExceededException(string message) : InvalidOperationException(message);

/// <summary>Limits of <see cref="ExactProbabilities.Compute(IBackend, CompiledCircuit, ParameterBinding, ExactOptions?, RunControl)"/>.</summary>
public sealed record ExactOptions
{
    /// <summary>Most measurement branches followed (default 4096).</summary>
    public int BranchLimit { get; init; } = ExactProbabilities.DefaultBranchLimit;

    /// <summary>
    /// Most work admitted before anything runs, in amplitude-steps: (branches that may be needed) × 2^n × (plan steps). The
    /// default, 2^36, is about half a minute on two cores; a circuit above it is refused with a hint to sample instead.
    /// </summary>
    public double WorkBudget { get; init; } = Math.Pow(2, 36);
}

/// <summary>
/// Exact probabilities of circuits with mid-circuit measurement, reset and classical conditions: the outcome branches are
/// enumerated depth first, each weighted by its probability, and their final distributions summed (the diagonal of the
/// mixed state). Measurements that nothing later depends on (no later step touches their qubit or their bit) are not
/// branched on but read off each branch's final distribution, so a circuit whose measurements are all terminal is one
/// branch. The circuit is compiled for the backend like any other job and run by the <see cref="PlanExecutor"/>. A noisy
/// circuit needs a backend of mixed states (the density-matrix backend), whose states apply its channels exactly; readout
/// errors branch like outcomes at a mid-circuit measurement and act on the final distributions of the others.
/// </summary>
public static class ExactProbabilities
{
    /// <summary>Default number of branches beyond which the enumeration stops.</summary>
    public const int DefaultBranchLimit = 4096;

    /// <summary>Outcomes less likely than this are treated as impossible (not branched on).</summary>
    private const double NegligibleProbability = 1e-14;

    /// <summary>Compiles <paramref name="circuit"/> for <paramref name="backend"/> at <paramref name="optimizationLevel"/> and computes its exact distributions.</summary>
    /// <exception cref="BranchLimitExceededException">More branches or more work than the limits allow would be needed.</exception>
    /// <exception cref="StateTooLargeException">The probability tables and the state, or a branch's state copy, do not fit in memory.</exception>
    /// <exception cref="ParameterBindingException">A symbol of the circuit has no value.</exception>
    /// <exception cref="OperationCanceledException">The run was cancelled.</exception>
    public static ExactResult Compute(IBackend backend, Circuit circuit, ParameterBinding? binding = null, Precision precision = Precision.Double,
        int optimizationLevel = PassManager.MaxLevel, ExactOptions? options = null, RunControl control = default) =>
        Compute(backend, new PassManager(optimizationLevel, backend.Capabilities, precision).Compile(circuit), binding ?? ParameterBinding.Empty, options, control);

    /// <summary>The exact distributions of a compiled circuit (see <see cref="Compute(IBackend, Circuit, ParameterBinding?, Precision, int, ExactOptions?, RunControl)"/>).</summary>
    /// <exception cref="BranchLimitExceededException">More branches or more work than the limits allow would be needed.</exception>
    /// <exception cref="StateTooLargeException">The probability tables and the state do not fit in memory.</exception>
    /// <exception cref="NotSupportedException">The circuit is noisy and the backend's states are vectors (estimate with trajectories instead).</exception>
    public static ExactResult Compute(IBackend backend, CompiledCircuit compiled, ParameterBinding binding, ExactOptions? options = null, RunControl control = default)
    {
        options ??= new ExactOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.BranchLimit, 1);
        var plan = compiled.Plan;
        if (plan.IsNoisy && !backend.Capabilities.MixedStates)
            throw new NotSupportedException(
                "Exact probabilities of a noisy circuit need the density-matrix backend; on a state-vector backend, estimate them with quantum trajectories.");
        var deferred = FindDeferredMeasurements(plan.Steps);
        EnsureFits(plan.QubitCount, compiled.Precision);
        CheckWork(plan, deferred, options, backend.Capabilities.MixedStates);
        plan.Bind(binding);
        var enumeration = new Enumeration(backend, compiled, deferred, options.BranchLimit, control);
        enumeration.Run();
        if (!plan.Readout.IsEmpty) plan.Readout.Confuse(enumeration.Probabilities, [.. Enumerable.Range(0, plan.QubitCount)]);
        return new ExactResult(enumeration.Probabilities, enumeration.Classical, enumeration.Branches);
    }

    /// <summary>
    /// Checks, before anything is allocated, the host memory the enumeration needs whatever the outcomes: two tables of 2^n
    /// probabilities (the sum and one branch's) and the first state. The state copy of each open branch is checked by the
    /// backend as it is created.
    /// </summary>
    /// <exception cref="StateTooLargeException">It does not fit, or the tables exceed the largest .NET array.</exception>
    private static void EnsureFits(int qubits, Precision precision)
    {
        string what = $"Computing exact probabilities of {qubits} qubits (a state and two tables of 2^{qubits} probabilities)";
        if (qubits >= 63 || 1L << qubits > Array.MaxLength)
            throw new StateTooLargeException($"{what} needs more entries than one .NET array holds; sampled counts (of a circuit that measures) and expectation values need no such table.");
        double needed = 2 * Math.Pow(2, qubits) * sizeof(double) + MemoryGuard.StateBytes(qubits, precision);
        MemoryGuard.EnsureFits(needed, MemoryGuard.AvailableHostBytes(), what, "in host memory");
    }

    /// <summary>
    /// Refuses, before anything runs, a circuit whose worst case exceeds the work budget: each measurement or reset that is
    /// branched on may double the branches (up to the limit), and each branch runs the plan on 2^n amplitudes (4^n for a
    /// density matrix).
    /// </summary>
    /// <exception cref="BranchLimitExceededException">The estimate exceeds <see cref="ExactOptions.WorkBudget"/>.</exception>
    private static void CheckWork(ExecutionPlan plan, bool[] deferred, ExactOptions options, bool mixed)
    {
        int branchPoints = 0;
        for (int i = 0; i < plan.Steps.Count; i++)
            if (!deferred[i] && IsBranchPoint(plan.Steps[i])) branchPoints++;
        double branches = Math.Min(Math.Pow(2, branchPoints), options.BranchLimit);
        int amplitudeQubits = mixed ? 2 * plan.QubitCount : plan.QubitCount;
        double work = branches * Math.Pow(2, amplitudeQubits) * Math.Max(1, plan.Steps.Count);
        if (work > options.WorkBudget)
            throw new BranchLimitExceededException(
                $"Exact probabilities of this circuit may need up to {branches:0} measurement branches of 2^{amplitudeQubits} amplitudes each " +
                $"({branchPoints} mid-circuit measurement(s) or reset(s)), about {work:0.#e0} amplitude-steps, above the budget of {options.WorkBudget:0.#e0}; " +
                "sample counts with shots instead.");

        static bool IsBranchPoint(PlanStep step) => step switch
        {
            MeasureStep or ResetStep => true,
            ConditionalStep c => IsBranchPoint(c.Body),
            _ => false,
        };
    }

    /// <summary>
    /// Measurements nothing later depends on: no later step touches their qubit, reads or writes their bit. Measuring such a
    /// qubit early or at the end gives the same distributions.
    /// </summary>
    private static bool[] FindDeferredMeasurements(IReadOnlyList<PlanStep> steps)
    {
        var deferred = new bool[steps.Count];
        var touchedQubits = new HashSet<int>();
        var touchedClbits = new HashSet<int>();
        for (int i = steps.Count - 1; i >= 0; i--)
        {
            if (steps[i] is MeasureStep m && !touchedQubits.Contains(m.Qubit) && !touchedClbits.Contains(m.Clbit))
                deferred[i] = true;
            Touch(steps[i], touchedQubits, touchedClbits);
        }
        return deferred;
    }

    private static void Touch(PlanStep step, HashSet<int> qubits, HashSet<int> clbits)
    {
        switch (step)
        {
            case KernelStep k:
                qubits.UnionWith(k.Targets);
                qubits.UnionWith(k.Controls);
                break;
            case SweepStep s:
                foreach (var k in s.Steps) Touch(k, qubits, clbits);
                break;
            case QubitSwapStep swap:
                qubits.UnionWith(swap.First);
                qubits.UnionWith(swap.Second);
                break;
            case MeasureStep m:
                qubits.Add(m.Qubit);
                clbits.Add(m.Clbit);
                break;
            case ResetStep r:
                qubits.Add(r.Qubit);
                break;
            case ChannelStep channel:
                qubits.UnionWith(channel.Qubits);
                break;
            case ConditionalStep c:
                clbits.UnionWith(c.Condition.Clbits);
                Touch(c.Body, qubits, clbits);
                break;
        }
    }

    /// <summary>
    /// The depth-first walk over outcome branches. At a measurement with both outcomes possible, outcome 1 is pushed as a
    /// pending branch (a copy of the state) and the current branch goes on with 0; pending branches run after it, from the
    /// step after their measurement. An explicit stack keeps deep enumerations off the call stack.
    /// </summary>
    private sealed class Enumeration(IBackend backend, CompiledCircuit compiled, bool[] deferred, int branchLimit, RunControl control) : IMeasurementPolicy
    {
        private readonly ExecutionPlan _plan = compiled.Plan;
        private readonly Stack<Branch> _pending = new();
        private IStateVector? _current;
        private double _weight;

        public double[] Probabilities { get; } = new double[1L << compiled.Plan.QubitCount];
        public SortedDictionary<string, double> Classical { get; } = new(StringComparer.Ordinal);
        public int Branches { get; private set; } = 1;

        public void Run()
        {
            var first = backend.CreateState(_plan.QubitCount, compiled.Precision);
            _pending.Push(new Branch(first, new bool[_plan.ClbitCount], 1.0, 0));
            try
            {
                while (_pending.TryPop(out var branch))
                {
                    using var state = branch.State;
                    _current = state;
                    _weight = branch.Weight;
                    // Progress follows the first branch (all of a circuit without mid-circuit measurement); later ones only cancel.
                    PlanExecutor.Run(_plan, state, branch.Clbits, this, branch.From, branch.From == 0 ? control : control with { Progress = null });
                    AddLeaf(state, branch.Clbits, _weight);
                }
            }
            finally
            {
                while (_pending.TryPop(out var left)) left.State.Dispose();
            }
        }

        /// <summary>Follows outcome 0 here when both are possible, and pushes outcome 1 as a pending branch.</summary>
        public MeasurementDecision Decide(int step, int qubit, int clbit, IStateVector state, ReadOnlySpan<bool> clbits)
        {
            if (deferred[step]) return MeasurementDecision.Defer;
            double p1 = Math.Clamp(state.ProbabilityOfOne(qubit), 0, 1);
            bool canBeOne = p1 > NegligibleProbability, canBeZero = 1 - p1 > NegligibleProbability;
            if (!(canBeOne && canBeZero)) return canBeOne ? MeasurementDecision.One : MeasurementDecision.Zero;
            // Outcome 1 resumes after this step with its bit already recorded, so its misread (if any) branches here too.
            double misread = clbit >= 0 && _plan.Readout.For(qubit) is { } error ? error[1, 0] : 0;
            foreach (var (weight, recorded) in new[] { (p1 * (1 - misread), true), (p1 * misread, false) })
            {
                if (weight <= NegligibleProbability) continue;
                PushBranch(state, clbits, _weight * weight, step, clbit, recorded, other =>
                {
                    other.Collapse(qubit, 1);
                    if (clbit < 0) other.ApplyMatrix([qubit], [0, 1, 1, 0], []);
                });
            }
            _weight *= 1 - p1;
            return MeasurementDecision.Zero;
        }

        /// <summary>Records the true outcome here when its misread is impossible, else pushes the misread as a pending branch.</summary>
        public bool Record(int step, int qubit, int clbit, bool outcome, ReadoutError error, IStateVector state, ReadOnlySpan<bool> clbits)
        {
            int truth = outcome ? 1 : 0;
            double flip = error[truth, 1 - truth];
            if (flip <= NegligibleProbability) return outcome;
            if (1 - flip <= NegligibleProbability) return !outcome;
            PushBranch(state, clbits, _weight * flip, step, clbit, !outcome, _ => { });
            _weight *= 1 - flip;
            return outcome;
        }

        /// <summary>
        /// Pushes a copy of the state, changed by <paramref name="change"/>, as a pending branch of weight <paramref name="weight"/>
        /// that resumes after <paramref name="step"/> with classical bit <paramref name="clbit"/> (if ≥ 0) set to <paramref name="recorded"/>.
        /// </summary>
        private void PushBranch(IStateVector state, ReadOnlySpan<bool> clbits, double weight, int step, int clbit, bool recorded, Action<IStateVector> change)
        {
            if (++Branches > branchLimit)
                throw new BranchLimitExceededException(
                    $"Exact probabilities of this circuit need more than {branchLimit} measurement branches " +
                    "(mid-circuit measurements, resets, conditions and readout errors multiply them); sample counts with shots instead.");
            control.Cancellation.ThrowIfCancellationRequested();
            var other = backend.CreateState(_plan.QubitCount, compiled.Precision);
            try
            {
                other.CopyFrom(state);
                change(other);
                var otherClbits = clbits.ToArray();
                if (clbit >= 0) otherClbits[clbit] = recorded;
                _pending.Push(new Branch(other, otherClbits, weight, step + 1));
            }
            catch
            {
                other.Dispose();
                throw;
            }
        }

        /// <summary>Adds a finished branch: its final distribution, and its classical bits with the deferred measurements read off that distribution.</summary>
        private void AddLeaf(IStateVector state, bool[] clbits, double weight)
        {
            var probabilities = new double[Probabilities.Length];
            state.GetProbabilities(probabilities);
            for (int i = 0; i < probabilities.Length; i++) Probabilities[i] += weight * probabilities[i];
            if (_plan.ClbitCount == 0) return;
            var measures = _plan.Steps.Where((_, i) => deferred[i]).Cast<MeasureStep>().ToArray();
            // Marginal over the deferred measurements' qubits: pattern bit j is measures[j]'s outcome.
            var marginal = new Dictionary<long, double>();
            for (long index = 0; index < probabilities.Length; index++)
            {
                if (probabilities[index] == 0) continue;
                long pattern = 0;
                for (int j = 0; j < measures.Length; j++) pattern |= ((index >> measures[j].Qubit) & 1) << j;
                marginal[pattern] = marginal.GetValueOrDefault(pattern) + probabilities[index];
            }
            ReadThroughErrors(marginal, measures);
            var bits = (bool[])clbits.Clone();
            foreach (var (pattern, mass) in marginal)
            {
                for (int j = 0; j < measures.Length; j++) bits[measures[j].Clbit] = ((pattern >> j) & 1) != 0;
                string key = Simulator.FormatClbits(compiled.Source, bits);
                Classical[key] = Classical.GetValueOrDefault(key) + weight * mass;
            }
        }

        /// <summary>The marginal of the true outcomes (pattern bit j: measures[j]) turned into that of the bits recorded through each qubit's readout error.</summary>
        private void ReadThroughErrors(Dictionary<long, double> marginal, MeasureStep[] measures)
        {
            for (int j = 0; j < measures.Length; j++)
            {
                if (_plan.Readout.For(measures[j].Qubit) is not { } error) continue;
                var read = new Dictionary<long, double>();
                foreach (var (pattern, mass) in marginal)
                {
                    int truth = (int)((pattern >> j) & 1);
                    long flipped = pattern ^ (1L << j);
                    read[pattern] = read.GetValueOrDefault(pattern) + mass * error[truth, truth];
                    read[flipped] = read.GetValueOrDefault(flipped) + mass * error[truth, 1 - truth];
                }
                marginal.Clear();
                foreach (var (pattern, mass) in read) marginal[pattern] = mass;
            }
        }

        private sealed record Branch(IStateVector State, bool[] Clbits, double Weight, int From);
    }
}
