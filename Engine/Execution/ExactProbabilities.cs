using System.Numerics;
using QSim.Backends;
using QSim.Circuits;
using QSim.Parameters;

namespace QSim.Execution;

/// <summary>The exact outcome distributions of a circuit, with no sampling.</summary>
/// <param name="Probabilities">Probability of each basis index when every qubit is measured at the end (length 2^n; bit k is qubit k).</param>
/// <param name="ClassicalProbabilities">Distribution of the final classical bits, keyed like counts (Qiskit's format); empty when the circuit has no classical bits.</param>
/// <param name="Branches">Number of measurement-outcome branches that were followed (1 for a circuit without mid-circuit measurement).</param>
public sealed record ExactResult(double[] Probabilities, IReadOnlyDictionary<string, double> ClassicalProbabilities, int Branches);

/// <summary>The circuit would need more outcome branches than the limit allows.</summary>
public sealed class BranchLimitExceededException(string message) : InvalidOperationException(message);

/// <summary>
/// Exact probabilities of circuits with mid-circuit measurement, reset and classical conditions: the
/// outcome branches are enumerated depth first, each weighted by its probability, and their final
/// distributions summed (the diagonal of the mixed state). Measurements that nothing later depends on
/// (no later step touches their qubit or their bit) are not branched on but read off each branch's final
/// distribution, so a circuit whose measurements are all terminal is one branch.
/// </summary>
public static class ExactProbabilities
{
    /// <summary>Default number of branches beyond which <see cref="Compute"/> stops.</summary>
    public const int DefaultBranchLimit = 4096;

    /// <summary>Outcomes less likely than this are treated as impossible (not branched on).</summary>
    private const double NegligibleProbability = 1e-14;

    /// <summary>Computes the exact distributions of <paramref name="circuit"/> on <paramref name="backend"/>.</summary>
    /// <exception cref="BranchLimitExceededException">More than <paramref name="branchLimit"/> branches would be needed.</exception>
    /// <exception cref="StateTooLargeException">The probability tables and the state, or a branch's state copy, do not fit in memory.</exception>
    /// <exception cref="ParameterBindingException">A symbol of the circuit has no value.</exception>
    public static ExactResult Compute(IBackend backend, Circuit circuit, ParameterBinding? binding = null,
        Precision precision = Precision.Double, int branchLimit = DefaultBranchLimit)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(branchLimit, 1);
        var plan = ExecutionPlan.Compile(circuit, binding ?? ParameterBinding.Empty);
        EnsureFits(circuit.QubitCount, precision);
        using var state = backend.CreateState(circuit.QubitCount, precision);
        var enumeration = new Enumeration(backend, circuit, plan, precision, branchLimit);
        enumeration.Run(0, state, new bool[circuit.ClbitCount], 1.0);
        return new ExactResult(enumeration.Probabilities, enumeration.Classical, enumeration.Branches);
    }

    /// <summary>
    /// Checks, before anything is allocated, the host memory the enumeration needs whatever the outcomes: two
    /// tables of 2^n probabilities (the sum and one branch's) and the first state. The state copy of each
    /// open branch is checked by the backend as it is created.
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

    private sealed class Enumeration(IBackend backend, Circuit circuit, ExecutionPlan plan, Precision precision, int branchLimit)
    {
        private static readonly Complex[] PauliX = [0, 1, 1, 0];
        private readonly bool[] _deferred = FindDeferredMeasurements(plan.Steps);

        public double[] Probabilities { get; } = new double[1L << circuit.QubitCount];
        public SortedDictionary<string, double> Classical { get; } = new(StringComparer.Ordinal);
        public int Branches { get; private set; } = 1;

        public void Run(int from, IStateVector state, bool[] clbits, double weight)
        {
            for (int i = from; i < plan.Steps.Count; i++)
            {
                if (_deferred[i]) continue;
                var step = plan.Steps[i] is ConditionalStep c ? (c.Condition.IsSatisfiedBy(clbits) ? c.Body : null) : plan.Steps[i];
                switch (step)
                {
                    case null:
                        break;
                    case KernelStep kernel:
                        kernel.ApplyTo(state);
                        break;
                    case MeasureStep m:
                        weight = Branch(i, state, clbits, weight, m.Qubit, m.Clbit, reset: false);
                        break;
                    case ResetStep r:
                        weight = Branch(i, state, clbits, weight, r.Qubit, clbit: -1, reset: true);
                        break;
                    default:
                        throw new NotSupportedException($"Plan step '{step.GetType().Name}' is not supported.");
                }
            }
            AddLeaf(state, clbits, weight);
        }

        /// <summary>
        /// Measures (or resets) <paramref name="qubit"/>. When both outcomes are possible, the outcome 1 is
        /// followed to the end of the plan on a copy of the state; this branch goes on with outcome 0.
        /// Returns this branch's weight.
        /// </summary>
        private double Branch(int step, IStateVector state, bool[] clbits, double weight, int qubit, int clbit, bool reset)
        {
            double p1 = Math.Clamp(state.ProbabilityOfOne(qubit), 0, 1);
            bool canBeOne = p1 > NegligibleProbability, canBeZero = 1 - p1 > NegligibleProbability;
            if (canBeOne && canBeZero)
            {
                if (++Branches > branchLimit)
                    throw new BranchLimitExceededException(
                        $"Exact probabilities of this circuit need more than {branchLimit} measurement branches " +
                        "(mid-circuit measurements, resets and conditions multiply them); ask for sampled counts instead.");
                using var other = backend.CreateState(circuit.QubitCount, precision);
                other.CopyFrom(state);
                var otherClbits = (bool[])clbits.Clone();
                Settle(other, otherClbits, qubit, clbit, reset, 1);
                Run(step + 1, other, otherClbits, weight * p1);
                Settle(state, clbits, qubit, clbit, reset, 0);
                return weight * (1 - p1);
            }
            Settle(state, clbits, qubit, clbit, reset, canBeOne ? 1 : 0);
            return weight;
        }

        private static void Settle(IStateVector state, bool[] clbits, int qubit, int clbit, bool reset, int outcome)
        {
            state.Collapse(qubit, outcome);
            if (clbit >= 0) clbits[clbit] = outcome == 1;
            if (reset && outcome == 1) state.ApplyMatrix([qubit], PauliX, []);
        }

        /// <summary>Adds a finished branch: its final distribution, and its classical bits with the deferred measurements read off that distribution.</summary>
        private void AddLeaf(IStateVector state, bool[] clbits, double weight)
        {
            var probabilities = new double[Probabilities.Length];
            state.GetProbabilities(probabilities);
            for (int i = 0; i < probabilities.Length; i++) Probabilities[i] += weight * probabilities[i];
            if (circuit.ClbitCount == 0) return;
            var deferred = plan.Steps.Where((_, i) => _deferred[i]).Cast<MeasureStep>().ToArray();
            // Marginal over the deferred measurements' qubits: pattern bit j is deferred[j]'s outcome.
            var marginal = new Dictionary<long, double>();
            for (long index = 0; index < probabilities.Length; index++)
            {
                if (probabilities[index] == 0) continue;
                long pattern = 0;
                for (int j = 0; j < deferred.Length; j++) pattern |= ((index >> deferred[j].Qubit) & 1) << j;
                marginal[pattern] = marginal.GetValueOrDefault(pattern) + probabilities[index];
            }
            var bits = (bool[])clbits.Clone();
            foreach (var (pattern, mass) in marginal)
            {
                for (int j = 0; j < deferred.Length; j++) bits[deferred[j].Clbit] = ((pattern >> j) & 1) != 0;
                string key = Simulator.FormatClbits(circuit, bits);
                Classical[key] = Classical.GetValueOrDefault(key) + weight * mass;
            }
        }

        /// <summary>
        /// Measurements nothing later depends on: no later step touches their qubit, reads or writes their bit.
        /// Measuring such a qubit early or at the end gives the same distributions.
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
                case MeasureStep m:
                    qubits.Add(m.Qubit);
                    clbits.Add(m.Clbit);
                    break;
                case ResetStep r:
                    qubits.Add(r.Qubit);
                    break;
                case ConditionalStep c:
                    clbits.UnionWith(c.Condition.Clbits);
                    Touch(c.Body, qubits, clbits);
                    break;
            }
        }
    }
}
