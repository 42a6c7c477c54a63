using QSim.Backends;
using QSim.Circuits;
using QSim.Execution;
using QSim.Parameters;
using QSim.Passes;

namespace QSim.Perf.Circuits;

/// <summary>How the circuit suites turn a circuit into a plan and run it.</summary>
public static class CircuitCompilation
{
    /// <summary>The best optimization level: fusion and cache-blocked sweeps.</summary>
    public const int BestLevel = PassManager.MaxLevel;

    /// <summary>
    /// Optimizes <paramref name="circuit"/> at <paramref name="level"/> for <paramref name="backend"/> and binds it (the
    /// suites' circuits have no symbols).
    /// </summary>
    public static CompiledCircuit Compile(Circuit circuit, IBackend backend, int level = BestLevel, Precision precision = Precision.Single)
    {
        var result = new PassManager(level, backend.Capabilities, precision).Compile(circuit);
        result.Plan.Bind(ParameterBinding.Empty);
        return result;
    }

    /// <summary>Applies every step of a unitary plan (kernel steps, sweeps, relabelling swaps) to <paramref name="state"/>.</summary>
    public static void Run(ExecutionPlan plan, IStateVector state) => PlanExecutor.ApplyUnitary(plan, state);
}
