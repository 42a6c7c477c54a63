using QSim.Execution;
using QSim.Observables;

namespace QSim.Backends;

/// <summary>
/// Optional, on a backend: evaluates one small unitary plan for a whole batch of parameter rows in one call (a GPU runs
/// every row at once). The estimator uses it for the rows of a batch when the circuit fits <see cref="MaxBatchQubits"/>.
/// </summary>
public interface IBatchEvaluator
{
    /// <summary>Largest circuit a batch call takes.</summary>
    int MaxBatchQubits { get; }

    /// <summary>
    /// ⟨ψ_r|P_t|ψ_r⟩ into results[r, t], where ψ_r is <paramref name="plan"/> bound to parameter row r (columns in
    /// <see cref="ExecutionPlan.Symbols"/> order) applied to |0…0⟩.
    /// </summary>
    /// <exception cref="NotSupportedException">The plan is not unitary or exceeds what the batch path takes.</exception>
    void EvaluatePauliStrings(ExecutionPlan plan, double[,] rows, IReadOnlyList<PauliString> strings, Precision precision, double[,] results);
}
