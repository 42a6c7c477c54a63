using QSim.Parameters;

namespace QSim.Estimation;

/// <summary>Expectation values and their gradients for a batch of parameter rows.</summary>
/// <param name="Values">[row, observable] expectation values.</param>
/// <param name="Gradients">[row, observable, parameter] derivatives, parameters in <paramref name="Parameters"/> order.</param>
/// <param name="Parameters">The circuit's symbols, in the order of the parameter columns.</param>
public sealed record GradientResult(double[,] Values, double[,,] Gradients, IReadOnlyList<Symbol> Parameters);
