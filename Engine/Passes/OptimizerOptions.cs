namespace QSim.Passes;

/// <summary>Settings of the optimizer; see <see cref="PassManager"/> for what each level runs. Unset values come from the backend.</summary>
public sealed record OptimizerOptions
{
    /// <summary>Most qubits of a fused block (1..5).</summary>
    public int MaxFusedQubits { get; init; } = 4;

    /// <summary>
    /// Most qubits of a fused block that holds a parameterized gate (null: <see cref="MaxFusedQubits"/>). Gradients read one
    /// derivative term per gate parameter on its block's qubits, so the estimator keeps these blocks small.
    /// </summary>
    public int? MaxParameterizedQubits { get; init; }

    /// <summary>log2 of the amplitudes in one cache block of a sweep (level 3); null: the backend's.</summary>
    public int? BlockQubits { get; init; }

    /// <summary>The cost model for fusion; null: the backend's measured one that suits the level.</summary>
    public Backends.KernelCostModel? Costs { get; init; }
}
