using System.Runtime.InteropServices;
using QSim.Backends;
using QSim.Circuits;
using QSim.Execution;
using QSim.Numerics;
using QSim.Observables;
using QSim.Parameters;

namespace QSim.Estimation;

/// <summary>
/// A circuit and its observables compiled once for repeated batches (a training loop): the optimized plan for the backend,
/// its parameter slots and one worker per thread in flight, each with its states, live until disposal, so later batches
/// allocate no state. Rows run in parallel, one thread each, for circuits smaller than the backend splits across its threads
/// (<see cref="BackendCapabilities.ParallelStateQubits"/>); larger circuits run rows in turn and let the backend split every
/// pass. A backend with native batches (<see cref="IBatchEvaluator"/>) evaluates a whole batch of a small circuit in one call.
/// <para>
/// A circuit with noise channels runs exactly on a backend of mixed states (the density-matrix backend) and as an average over
/// <see cref="EstimatorOptions.Trajectories"/> quantum trajectories per row on a state-vector backend
/// (<see cref="EvaluateWithErrors"/> gives their standard errors).
/// </para>
/// <para>
/// One call at a time: a call made while another is running throws <see cref="InvalidOperationException"/>; after
/// <see cref="Dispose"/> every member throws <see cref="ObjectDisposedException"/>. Long calls take a
/// <see cref="CancellationToken"/>, checked between steps and rows.
/// </para>
/// </summary>
public sealed partial class CompiledEstimator : IDisposable
{
    private readonly IBackend _backend;
    private readonly EstimatorOptions _options;
    private readonly VariationalPlan _circuit;
    private readonly PauliSum[] _observables;
    private readonly List<EstimationWorker> _workers = new();
    private readonly CallGuard _guard = new(nameof(CompiledEstimator));

    internal CompiledEstimator(IBackend backend, EstimatorOptions options, VariationalPlan circuit, IReadOnlyList<PauliSum> observables)
    {
        if (observables.Count == 0) throw new ArgumentException("Give at least one observable.", nameof(observables));
        _backend = backend;
        _options = options;
        _observables = observables.Select(o => o.ValidateFor(circuit.QubitCount)).ToArray();
        _circuit = circuit;
    }

    /// <summary>The circuit's symbols: column j of a parameter row is the value of Parameters[j].</summary>
    public IReadOnlyList<Symbol> Parameters => _circuit.Symbols;

    /// <summary>Number of observables (columns of the values).</summary>
    public int ObservableCount => _observables.Length;

    /// <summary>What the optimizer made of the circuit for this backend.</summary>
    public Passes.OptimizationStatistics Statistics => _circuit.Compiled.Statistics;

    /// <summary>Expectation values [B, O] for parameter rows [B, P].</summary>
    /// <exception cref="ParameterBindingException">The column count differs from the symbol count, or a value is not finite.</exception>
    /// <exception cref="OperationCanceledException">The call was cancelled.</exception>
    public double[,] Evaluate(double[,] parameters, CancellationToken cancellation = default) => Call(cancellation, token =>
    {
        int rows = CheckRows(parameters);
        if (_circuit.RunsTrajectories) return EvaluateTrajectories(parameters, rows, token).Values;
        var values = new double[rows, _observables.Length];
        if (TryEvaluateBatch(parameters, rows, values)) return values;
        ForEachRow(rows, token, (worker, r) => EvaluateRow(worker, Row(parameters, r), RowSpan(values, r), token));
        return values;
    });

    /// <summary>Expectation values [B, O] and gradients [B, O, P] for parameter rows [B, P].</summary>
    /// <exception cref="ParameterBindingException">The column count differs from the symbol count, or a value is not finite.</exception>
    /// <exception cref="NotSupportedException">A gate has no known generator (adjoint) or no usable shift rule (parameter shift).</exception>
    /// <exception cref="OperationCanceledException">The call was cancelled.</exception>
    public GradientResult EvaluateWithGradient(double[,] parameters, GradientMethod method = GradientMethod.Adjoint, CancellationToken cancellation = default) =>
        Call(cancellation, token => Differentiate(parameters, method, token));

    private GradientResult Differentiate(double[,] parameters, GradientMethod method, CancellationToken cancellation)
    {
        if (_circuit.RunsTrajectories) return DifferentiateTrajectories(parameters, method, cancellation);
        if (method == GradientMethod.Adjoint && _backend.Capabilities.MixedStates) return DifferentiateDensityMatrix(parameters, cancellation);
        int rows = CheckRows(parameters), o = _observables.Length, p = _circuit.Symbols.Count;
        var values = new double[rows, o];
        var gradients = new double[rows, o, p];
        ForEachRow(rows, cancellation, (worker, r) =>
        {
            var rowGradient = p == 0 ? [] : MemoryMarshal.CreateSpan(ref gradients[r, 0, 0], o * p);
            DifferentiateRow(worker, Row(parameters, r), method, RowSpan(values, r), rowGradient, cancellation);
        });
        return new GradientResult(values, gradients, _circuit.Symbols);
    }

    /// <summary>
    /// Shot-based estimates [B, O] (see <see cref="SampledExpectation"/>): <paramref name="shotsPerGroup"/> shots for
    /// each group of qubit-wise commuting terms. Row r draws from its own generator seeded by
    /// (<paramref name="seed"/>, r), so results do not depend on the thread count. A noisy circuit on a state-vector backend
    /// spreads each group's shots evenly over up to <see cref="EstimatorOptions.Trajectories"/> trajectories.
    /// </summary>
    /// <exception cref="OperationCanceledException">The call was cancelled.</exception>
    public double[,] EvaluateSampled(double[,] parameters, int shotsPerGroup, ulong seed, CancellationToken cancellation = default) => Call(cancellation, token =>
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(shotsPerGroup, 1);
        int rows = CheckRows(parameters);
        if (_circuit.RunsTrajectories) return EvaluateSampledTrajectories(parameters, rows, shotsPerGroup, seed, token);
        var values = new double[rows, _observables.Length];
        ForEachRow(rows, token, (worker, r) =>
        {
            worker.Bind(Row(parameters, r));
            worker.RunCircuit(worker.State, token);
            var random = new SeededRandom(seed + 0x9E3779B97F4A7C15UL * (ulong)r);
            for (int o = 0; o < _observables.Length; o++)
                values[r, o] = SampledExpectation.Estimate(worker.State, _observables[o], shotsPerGroup, random, worker.Scratch);
        });
        return values;
    });

    /// <summary>
    /// Runs one public call under the guard: one at a time, none after disposal, and cancelled by the caller's token or by
    /// <see cref="Dispose"/> from another thread (which then surfaces as <see cref="ObjectDisposedException"/>).
    /// </summary>
    private T Call<T>(CancellationToken cancellation, Func<CancellationToken, T> work)
    {
        using var call = _guard.Enter();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellation, _guard.Closing);
        try
        {
            return work(linked.Token);
        }
        catch (OperationCanceledException) when (_guard.Closing.IsCancellationRequested && !cancellation.IsCancellationRequested)
        {
            throw new ObjectDisposedException(nameof(CompiledEstimator));
        }
    }

    /// <summary>Frees the states. A call running on another thread finishes first (Dispose waits for it); later calls throw <see cref="ObjectDisposedException"/>.</summary>
    public void Dispose()
    {
        if (!_guard.Close()) return;
        foreach (var worker in _workers) worker.Dispose();
        _workers.Clear();
        DisposeSpanRows();
    }

    /// <summary>The whole batch in one call of a backend with native batches, when the circuit is small enough for it.</summary>
    private bool TryEvaluateBatch(double[,] parameters, int rows, double[,] values)
    {
        if (_backend is not IBatchEvaluator batches || _circuit.IsNoisy || rows < 2 || _circuit.QubitCount > batches.MaxBatchQubits) return false;
        var strings = _observables.SelectMany(o => o.Terms.Select(t => t.Pauli)).Distinct().ToArray();
        var pauli = new double[rows, strings.Length];
        batches.EvaluatePauliStrings(_circuit.Plan, parameters, strings, _options.Precision, pauli);
        var index = strings.Select((s, i) => (s, i)).ToDictionary(p => p.s, p => p.i);
        for (int r = 0; r < rows; r++)
            for (int o = 0; o < _observables.Length; o++)
            {
                double sum = 0;
                foreach (var term in _observables[o].Terms) sum += term.Coefficient * pauli[r, index[term.Pauli]];
                values[r, o] = sum;
            }
        return true;
    }

    private int CheckRows(double[,] parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        int rows = parameters.GetLength(0), columns = parameters.GetLength(1), p = _circuit.Symbols.Count;
        if (columns != p)
            throw new ParameterBindingException($"Expected {p} parameter column(s) ({string.Join(", ", _circuit.Symbols.Select(s => s.Name))}); got {columns}.");
        if (parameters.Length > 0) CheckFinite(MemoryMarshal.CreateReadOnlySpan(ref parameters[0, 0], parameters.Length));
        return rows;
    }

    private static ReadOnlySpan<double> Row(double[,] parameters, int r) =>
        parameters.GetLength(1) == 0 ? [] : MemoryMarshal.CreateReadOnlySpan(ref parameters[r, 0], parameters.GetLength(1));

    private static Span<double> RowSpan(double[,] values, int r) =>
        MemoryMarshal.CreateSpan(ref values[r, 0], values.GetLength(1));

    private void ForEachRow(int rows, CancellationToken cancellation, Action<EstimationWorker, int> action)
    {
        int threads = PrepareWorkers(rows);
        ParallelItems.Run(_workers, threads, rows, cancellation, action);
    }
}
