using QSim.Parameters;

namespace QSim.Estimation;

/// <summary>Expectation values and their gradients for a batch of parameter rows.</summary>
/// <param name="Values">[row, observable] expectation values.</param>
/// <param name="Gradients">[row, observable, parameter] derivatives, parameters in <paramref name="Parameters"/> order.</param>
/// <param name="Parameters">The circuit's symbols, in the order of the parameter columns.</param>
public sealed record GradientResult(double[,] Values, double[,,] Gradients, IReadOnlyList<Symbol> Parameters)
{
    /// <summary>[row, observable] standard errors of <see cref="Values"/> when they are averages over quantum trajectories; null when exact.</summary>
    public double[,]? ValueErrors { get; init; }

    /// <summary>[row, observable, parameter] standard errors of <see cref="Gradients"/> when they are averages over trajectories; null when exact.</summary>
    public double[,,]? GradientErrors { get; init; }

    /// <summary>Trajectories averaged per row, or 0 when the results are exact.</summary>
    public int Trajectories { get; init; }
}

/// <summary>Expectation values for a batch of parameter rows, with their standard errors when they are averages over quantum trajectories.</summary>
/// <param name="Values">[row, observable] expectation values.</param>
/// <param name="StandardErrors">[row, observable] standard errors, or null when the values are exact.</param>
/// <param name="Trajectories">Trajectories averaged per row, or 0 when exact.</param>
public sealed record EstimateResult(double[,] Values, double[,]? StandardErrors, int Trajectories);
