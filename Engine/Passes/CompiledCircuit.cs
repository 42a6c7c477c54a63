using QSim.Backends;
using QSim.Circuits;
using QSim.Execution;

namespace QSim.Passes;

/// <summary>
/// A circuit compiled for a backend and precision: the plan every job runs, and what each pass did to get there. Its plan
/// is bound by the job that runs it, so one compiled circuit is used by one thread at a time.
/// </summary>
/// <param name="Source">The circuit as given (its registers name the counts).</param>
/// <param name="Plan">The optimized plan, parameters still symbolic.</param>
/// <param name="Precision">The precision the plan was shaped for (the backend's costs and sweep block differ by precision).</param>
/// <param name="Statistics">What each pass did.</param>
public sealed record CompiledCircuit(Circuit Source, ExecutionPlan Plan, Precision Precision, OptimizationStatistics Statistics);
