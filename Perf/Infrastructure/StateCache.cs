using QSim.Backends;
using QSim.Cpu;

namespace QSim.Perf.Infrastructure;

/// <summary>
/// One CPU backend and state kept across benchmark cases of the same suite and shape (cases run in one process):
/// allocating and first touching a multi-GiB state costs seconds here, more than the figures measured on it.
/// </summary>
public static class StateCache
{
    private static (Type Owner, int Qubits, Precision Precision, int Threads)? s_key;
    private static CpuBackend? s_backend;
    private static IStateVector? s_state;

    /// <summary>The backend of the last <see cref="Get"/>.</summary>
    public static IBackend Backend => s_backend ?? throw new InvalidOperationException("No state has been made yet.");

    /// <summary>
    /// A state of this shape on a backend with <paramref name="threads"/> threads, reused when the last one was made
    /// for the same <paramref name="owner"/> (the suite) and shape; <paramref name="prepare"/> runs only on a new state
    /// (a reused one keeps what earlier cases of the suite left, still normalised). Keying on the owner means a suite
    /// never measures a state another suite prepared, or skips its own preparation because of one.
    /// </summary>
    public static IStateVector Get(Type owner, int qubits, Precision precision, int threads, Action<IStateVector>? prepare = null)
    {
        if (s_key != (owner, qubits, precision, threads) || s_state is null)
        {
            s_state?.Dispose();
            s_backend?.Dispose();
            s_state = null; // freed before the next allocation, so two large states never coexist
            s_backend = new CpuBackend(new CpuBackendOptions { Threads = threads });
            s_state = s_backend.CreateState(qubits, precision);
            s_key = (owner, qubits, precision, threads);
            prepare?.Invoke(s_state);
        }
        return s_state;
    }
}
