using QSim.Backends;
using QSim.Circuits;
using QSim.Cpu;
using QSim.Execution;
using QSim.Numerics;
using QSim.Passes;

namespace QSim.Tests.Passes;

/// <summary>Compiling and running plans in tests: the CPU backend's description, and the one executor.</summary>
internal static class TestPlans
{
    /// <summary>What the CPU backend tells the optimizer on this machine.</summary>
    public static BackendCapabilities Cpu { get; } = CpuCapabilities();

    /// <summary>The CPU backend's measured costs of streaming (each kernel a pass) in complex64.</summary>
    public static KernelCostModel Streaming => Cpu.Single.Streaming;

    /// <summary>Compiles <paramref name="circuit"/> for the CPU at <paramref name="level"/>.</summary>
    public static CompiledCircuit Compile(Circuit circuit, int level = 0, OptimizerOptions? options = null, Precision precision = Precision.Single) =>
        new PassManager(level, Cpu, precision, options).Compile(circuit);

    /// <summary>The plan of <paramref name="circuit"/> at <paramref name="level"/> (parameters still symbolic).</summary>
    public static ExecutionPlan Plan(Circuit circuit, int level = 0, OptimizerOptions? options = null) => Compile(circuit, level, options).Plan;

    /// <summary>Runs every step of a bound plan on <paramref name="state"/>, drawing measurement outcomes from <paramref name="random"/>.</summary>
    public static void Run(ExecutionPlan plan, IStateVector state, Span<bool> clbits, SeededRandom random) =>
        PlanExecutor.Run(plan, state, clbits, new SampledMeasurements(random));

    private static BackendCapabilities CpuCapabilities()
    {
        using var backend = new CpuBackend(new CpuBackendOptions { Threads = 1 });
        return backend.Capabilities;
    }
}
