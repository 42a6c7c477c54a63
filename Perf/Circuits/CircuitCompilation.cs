using QSim.Circuits;
using QSim.Execution;
using QSim.Parameters;

namespace QSim.Perf.Circuits;

/// <summary>How the end-to-end suite turns a parsed circuit into a plan.</summary>
public static class CircuitCompilation
{
    /// <summary>
    /// Optimization level 0: one kernel step per gate.
    /// OPTIMIZER HOOK (issue 5): when Engine/Passes lands, compile with the best level here
    /// (<c>new PassManager(level).Compile(circuit).Plan</c>) and add the level as a benchmark parameter,
    /// so the suite measures parser, optimizer and engine together.
    /// </summary>
    public static ExecutionPlan Compile(Circuit circuit) => ExecutionPlan.Compile(circuit, ParameterBinding.Empty);
}
