using System.Globalization;
using System.Text;
using QSim.Circuits;
using QSim.Execution;

namespace QSim.Passes;

/// <summary>What one pass did: operations in and out (gates for circuit passes, passes over the state for the lowering and plan passes).</summary>
public sealed record PassStatistics(string Name, int In, int Out, TimeSpan Elapsed);

/// <summary>
/// Statistics of one optimization: per pass, and of the final plan. A "sweep" is one pass over the
/// whole state by a unitary step (a kernel, a blocked run, or a relabelling swap); measurements and
/// resets are not counted.
/// </summary>
public sealed record OptimizationStatistics
{
    /// <summary>Optimization level.</summary>
    public required int Level { get; init; }

    /// <summary>Settings in force.</summary>
    public required OptimizerOptions Options { get; init; }

    /// <summary>The backend the plan is for, and where its costs come from (e.g. "cpu (AVX2, measured)").</summary>
    public required string Backend { get; init; }

    /// <summary>The sweep block of the plan (log2 of amplitudes), or null when it has no sweeps.</summary>
    public int? BlockQubits { get; init; }

    /// <summary>Gates of the input circuit (conditioned ones included).</summary>
    public required int GatesIn { get; init; }

    /// <summary>Per pass, in order.</summary>
    public required IReadOnlyList<PassStatistics> Passes { get; init; }

    /// <summary>Kernel steps of the plan (inside sweeps included).</summary>
    public required int KernelSteps { get; init; }

    /// <summary>Kernel steps made of two or more gates, by their qubit count.</summary>
    public required IReadOnlyDictionary<int, int> FusedBlocksBySize { get; init; }

    /// <summary>Passes over the state the plan makes.</summary>
    public required int Sweeps { get; init; }

    /// <summary>Of the sweeps, those that only relabel qubits.</summary>
    public required int RelabelSweeps { get; init; }

    /// <summary>Input gates per sweep.</summary>
    public double GatesPerSweep => Sweeps == 0 ? 0 : (double)GatesIn / Sweeps;

    /// <inheritdoc/>
    public override string ToString()
    {
        var text = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        text.AppendLine(inv, $"optimization level {Level} for {Backend} (k = {Options.MaxFusedQubits}{(BlockQubits is { } block ? $", block = 2^{block} amplitudes" : "")})");
        int width = Math.Max(36, Passes.Select(p => p.Name.Length).DefaultIfEmpty(0).Max());
        text.AppendLine(inv, $"  {"pass".PadRight(width)} {"in",8} {"out",8} {"ms",8}");
        foreach (var p in Passes)
            text.AppendLine(inv, $"  {p.Name.PadRight(width)} {p.In,8} {p.Out,8} {p.Elapsed.TotalMilliseconds,8:F2}");
        string blocks = FusedBlocksBySize.Count == 0 ? "none" : string.Join(", ", FusedBlocksBySize.Select(kv => $"{kv.Key}q: {kv.Value}"));
        text.AppendLine(inv, $"  fused blocks by size: {blocks}");
        text.Append(inv, $"  gates {GatesIn} -> kernel steps {KernelSteps}; sweeps over the state {Sweeps} ({RelabelSweeps} relabelling), {GatesPerSweep:F1} gates per sweep");
        return text.ToString();
    }

    internal static OptimizationStatistics Of(PassManager manager, int gatesIn, ExecutionPlan plan, IReadOnlyList<PassStatistics> passes)
    {
        var blocksBySize = new SortedDictionary<int, int>();
        foreach (var kernel in plan.Kernels)
            if (kernel.GateCount > 1)
            {
                int size = kernel.Targets.Length + kernel.Controls.Length;
                blocksBySize[size] = blocksBySize.GetValueOrDefault(size) + 1;
            }
        return new OptimizationStatistics
        {
            Level = manager.Level,
            Options = manager.Options,
            Backend = $"{manager.Backend.Backend} ({manager.Backend.CostSource}, {(manager.Precision == Backends.Precision.Single ? "complex64" : "complex128")})",
            BlockQubits = manager.PlanPasses.OfType<SweepScheduler>().FirstOrDefault()?.BlockQubits,
            GatesIn = gatesIn,
            Passes = passes,
            KernelSteps = plan.Kernels.Length,
            FusedBlocksBySize = blocksBySize,
            Sweeps = CountSweeps(plan),
            RelabelSweeps = plan.Steps.Count(s => s is QubitSwapStep),
        };
    }

    /// <summary>Gates of a circuit, conditioned ones included.</summary>
    public static int CountGates(Circuit circuit) => circuit.Operations.Count(op => Circuit.UnwrapGate(op) is not null);

    /// <summary>Passes over the state by the plan's unitary steps.</summary>
    public static int CountSweeps(ExecutionPlan plan) => plan.Steps.Count(s => Unwrap(s) is UnitaryStep);

    private static PlanStep Unwrap(PlanStep step) => step is ConditionalStep c ? Unwrap(c.Body) : step;
}
