using System.Collections.Immutable;
using QSim.Circuits;
using QSim.Execution;
using QSim.Parameters;

namespace QSim.Estimation;

/// <summary>
/// How one gate parameter depends on the circuit's symbols: ∂(gate parameter)/∂(symbol) as expressions, for
/// the chain rule from gate-parameter derivatives to symbol gradients (shared symbols add up).
/// </summary>
/// <param name="Step">Index of the plan step holding the gate.</param>
/// <param name="Parameter">Index of the parameter in the gate.</param>
/// <param name="SymbolDerivatives">(symbol column, ∂parameter/∂symbol) for every symbol the parameter mentions.</param>
internal sealed record ParameterSlot(int Step, int Parameter, ImmutableArray<(int Symbol, ParameterExpression Derivative)> SymbolDerivatives);

/// <summary>
/// A unitary circuit compiled for estimation: its plan (one gate per step, parameters symbolic), its symbols
/// in column order, and the slots of every symbolic gate parameter. Shared by every worker; each worker
/// clones the plan to bind its own rows.
/// </summary>
internal sealed class VariationalCircuit
{
    public VariationalCircuit(Circuit circuit)
    {
        if (!circuit.IsUnitary)
            throw new ArgumentException("Expectation values need a unitary circuit; this one measures, resets or has classical conditions.", nameof(circuit));
        Symbols = circuit.Symbols;
        QubitCount = circuit.QubitCount;
        Plan = ExecutionPlan.Compile(circuit);
        Steps = Plan.Steps.Cast<KernelStep>().ToArray();
        var slots = new List<ParameterSlot>();
        for (int k = 0; k < Steps.Length; k++)
        {
            var gate = Steps[k].Gates.Single();
            for (int j = 0; j < gate.Parameters.Length; j++)
            {
                var expression = gate.Parameters[j];
                var derivatives = expression.Symbols
                    .Select(s => (Symbol: IndexOf(s), Derivative: expression.Derivative(s)))
                    .Where(d => d.Derivative is not Constant { Value: 0 })
                    .ToImmutableArray();
                if (derivatives.Length > 0) slots.Add(new ParameterSlot(k, j, derivatives));
            }
        }
        Slots = [.. slots];
        FirstParameterizedStep = Slots.Length == 0 ? Steps.Length : Slots[0].Step;
    }

    public int QubitCount { get; }

    /// <summary>The symbols, in the order of the parameter columns.</summary>
    public IReadOnlyList<Symbol> Symbols { get; }

    /// <summary>The plan template (workers bind clones of it).</summary>
    public ExecutionPlan Plan { get; }

    /// <summary>The plan's steps, all kernel steps of one gate each.</summary>
    public KernelStep[] Steps { get; }

    /// <summary>Every gate parameter that depends on a symbol, in circuit order.</summary>
    public ParameterSlot[] Slots { get; }

    /// <summary>Index of the first step with a symbolic parameter (the backward sweep stops there).</summary>
    public int FirstParameterizedStep { get; }

    /// <summary>Binds one row of parameter values, in <see cref="Symbols"/> order.</summary>
    /// <exception cref="ParameterBindingException">The row has the wrong length or a non-finite value.</exception>
    public ParameterBinding Bind(ReadOnlySpan<double> row) => ParameterBinding.From(Symbols, row);

    private int IndexOf(Symbol symbol)
    {
        for (int i = 0; i < Symbols.Count; i++)
            if (Symbols[i].Equals(symbol)) return i;
        throw new InvalidOperationException($"Symbol '{symbol.Name}' is not among the circuit's symbols.");
    }
}
