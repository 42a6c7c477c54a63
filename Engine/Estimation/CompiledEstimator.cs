using System.Runtime.ExceptionServices;
using System.Runtime.InteropServices;
using QSim.Backends;
using QSim.Circuits;
using QSim.Numerics;
using QSim.Observables;
using QSim.Parameters;

namespace QSim.Estimation;

/// <summary>
/// A circuit and its observables compiled once for repeated batches (a training loop): the plan, the
/// parameter slots and one worker per thread in flight, each with its states, live until disposal, so
/// later batches allocate no state. Rows run in parallel, one thread each, for circuits below
/// <see cref="EstimatorOptions.BatchParallelBelowQubits"/>; larger circuits run rows in turn and let the
/// backend split every gate. One call at a time.
/// </summary>
public sealed class CompiledEstimator : IDisposable
{
    private readonly IBackend _backend;
    private readonly EstimatorOptions _options;
    private readonly VariationalCircuit _circuit;
    private readonly PauliSum[] _observables;
    private readonly List<EstimationWorker> _workers = new();

    internal CompiledEstimator(IBackend backend, EstimatorOptions options, Circuit circuit, IReadOnlyList<PauliSum> observables)
    {
        if (observables.Count == 0) throw new ArgumentException("Give at least one observable.", nameof(observables));
        _backend = backend;
        _options = options;
        _circuit = new VariationalCircuit(circuit);
        _observables = observables.Select(o => o.ValidateFor(circuit.QubitCount)).ToArray();
    }

    /// <summary>The circuit's symbols: column j of a parameter row is the value of Parameters[j].</summary>
    public IReadOnlyList<Symbol> Parameters => _circuit.Symbols;

    /// <summary>Number of observables (columns of the values).</summary>
    public int ObservableCount => _observables.Length;

    /// <summary>Expectation values [B, O] for parameter rows [B, P].</summary>
    /// <exception cref="ParameterBindingException">The column count differs from the symbol count, or a value is not finite.</exception>
    public double[,] Evaluate(double[,] parameters)
    {
        int rows = CheckRows(parameters);
        var values = new double[rows, _observables.Length];
        ForEachRow(rows, (worker, r) =>
        {
            worker.Bind(Row(parameters, r));
            worker.RunCircuit(worker.State);
            EstimationWorker.Expectations(_observables, worker.State, RowSpan(values, r));
        });
        return values;
    }

    /// <summary>Expectation values [B, O] and gradients [B, O, P] for parameter rows [B, P].</summary>
    /// <exception cref="ParameterBindingException">The column count differs from the symbol count, or a value is not finite.</exception>
    /// <exception cref="NotSupportedException">A gate has no known generator (adjoint) or no usable shift rule (parameter shift).</exception>
    public GradientResult EvaluateWithGradient(double[,] parameters, GradientMethod method = GradientMethod.Adjoint)
    {
        int rows = CheckRows(parameters), o = _observables.Length, p = _circuit.Symbols.Count;
        var values = new double[rows, o];
        var gradients = new double[rows, o, p];
        double step = _options.FiniteDifferenceStep ?? FiniteDifferenceDifferentiation.DefaultStep(_options.Precision);
        ForEachRow(rows, (worker, r) =>
        {
            var rowValues = RowSpan(values, r);
            var rowGradient = p == 0 ? [] : MemoryMarshal.CreateSpan(ref gradients[r, 0, 0], o * p);
            if (method == GradientMethod.FiniteDifference)
            {
                FiniteDifferenceDifferentiation.Run(worker, _observables, Row(parameters, r), step, rowValues, rowGradient);
                return;
            }
            worker.Bind(Row(parameters, r));
            if (method == GradientMethod.Adjoint) AdjointDifferentiation.Run(worker, _observables, rowValues, rowGradient);
            else ParameterShiftDifferentiation.Run(worker, _observables, rowValues, rowGradient);
        });
        return new GradientResult(values, gradients, _circuit.Symbols);
    }

    /// <summary>
    /// Shot-based estimates [B, O] (see <see cref="SampledExpectation"/>): <paramref name="shotsPerGroup"/> shots for
    /// each group of qubit-wise commuting terms. Row r draws from its own generator seeded by
    /// (<paramref name="seed"/>, r), so results do not depend on the thread count.
    /// </summary>
    public double[,] EvaluateSampled(double[,] parameters, int shotsPerGroup, ulong seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(shotsPerGroup, 1);
        int rows = CheckRows(parameters);
        var values = new double[rows, _observables.Length];
        ForEachRow(rows, (worker, r) =>
        {
            worker.Bind(Row(parameters, r));
            worker.RunCircuit(worker.State);
            var random = new SeededRandom(seed + 0x9E3779B97F4A7C15UL * (ulong)r);
            for (int o = 0; o < _observables.Length; o++)
                values[r, o] = SampledExpectation.Estimate(worker.State, _observables[o], shotsPerGroup, random, worker.Scratch);
        });
        return values;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (var worker in _workers) worker.Dispose();
        _workers.Clear();
    }

    private int CheckRows(double[,] parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        int rows = parameters.GetLength(0), columns = parameters.GetLength(1), p = _circuit.Symbols.Count;
        if (columns != p)
            throw new ParameterBindingException($"Expected {p} parameter column(s) ({string.Join(", ", _circuit.Symbols.Select(s => s.Name))}); got {columns}.");
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < columns; c++)
                if (!double.IsFinite(parameters[r, c]))
                    throw new ParameterBindingException($"Parameter '{_circuit.Symbols[c].Name}' in row {r} must be a finite number; got {parameters[r, c]}.");
        return rows;
    }

    private static ReadOnlySpan<double> Row(double[,] parameters, int r) =>
        parameters.GetLength(1) == 0 ? [] : MemoryMarshal.CreateReadOnlySpan(ref parameters[r, 0], parameters.GetLength(1));

    private static Span<double> RowSpan(double[,] values, int r) =>
        MemoryMarshal.CreateSpan(ref values[r, 0], values.GetLength(1));

    private delegate void RowAction(EstimationWorker worker, int row);

    private void ForEachRow(int rows, RowAction action)
    {
        bool batchParallel = _circuit.QubitCount < _options.BatchParallelBelowQubits && rows > 1 && _options.MaxParallelRows > 1;
        int threads = batchParallel ? Math.Min(_options.MaxParallelRows, rows) : 1;
        while (_workers.Count < threads) _workers.Add(new EstimationWorker(_circuit, _backend, _options.Precision, _options.SweepBlockQubits));
        if (threads == 1)
        {
            for (int r = 0; r < rows; r++) action(_workers[0], r);
            return;
        }
        int next = -1;
        try
        {
            Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, t =>
            {
                for (int r = Interlocked.Increment(ref next); r < rows; r = Interlocked.Increment(ref next)) action(_workers[t], r);
            });
        }
        catch (AggregateException e) when (e.InnerExceptions.Count >= 1)
        {
            ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
        }
    }
}
