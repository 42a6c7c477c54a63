using QSim.Circuits;
using QSim.Execution;

namespace QSim.Passes;

/// <summary>
/// A rewrite of a circuit into an equivalent one: the same state for every binding of its symbols and
/// every measurement outcome. Gate-level rewrites (cancel, merge, absorb) work on the circuit IR,
/// where gates still have names and flags; fusion then lowers the circuit to an
/// <see cref="ExecutionPlan"/> (<see cref="GateFusion"/>), and plan-level passes
/// (<see cref="IPlanPass"/>) reorganise its matrices without knowing gate names.
/// </summary>
public interface IPass
{
    /// <summary>Short name for statistics.</summary>
    string Name { get; }

    /// <summary>The rewritten circuit (a new one; the input is not changed).</summary>
    Circuit Run(Circuit circuit);
}

/// <summary>A rewrite of an execution plan into an equivalent one (the same final state and outcomes).</summary>
public interface IPlanPass
{
    /// <summary>Short name for statistics.</summary>
    string Name { get; }

    /// <summary>The rewritten plan (a new one; the input is not changed).</summary>
    ExecutionPlan Run(ExecutionPlan plan);
}
