using QSim.Backends;

namespace QSim.Cli.Commands;

/// <summary>
/// The precision of exact outputs (probabilities, state vector, expectation values): <c>--precision</c> when given,
/// else complex128, so that they read as exact numbers (0.5, not 0.499999983), falling back to complex64 when a
/// complex128 state does not fit the memory guard, with one note on stderr.
/// </summary>
internal sealed class ExactPrecision(Precision? requested, TextWriter notes)
{
    private bool _fellBack;

    /// <summary>
    /// <paramref name="compute"/> at the chosen precision. Without <c>--precision</c> it first tries complex128 and, if
    /// that state does not fit, complex64 (and keeps to complex64 for later outputs of the run).
    /// </summary>
    /// <exception cref="StateTooLargeException">Not even the complex64 state fits (or the requested one, when given).</exception>
    public T Run<T>(Func<Precision, T> compute)
    {
        if (requested is { } precision) return compute(precision);
        if (!_fellBack)
        {
            try
            {
                return compute(Precision.Double);
            }
            catch (StateTooLargeException e)
            {
                var result = compute(Precision.Single);
                _fellBack = true;
                notes.WriteLine($"qsim: computing in single precision (complex64), as complex128 does not fit: {e.Message} Give --precision to choose.");
                return result;
            }
        }
        return compute(Precision.Single);
    }
}
