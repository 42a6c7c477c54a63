using System.Runtime.InteropServices;
using QSim.Backends;
using QSim.Execution;
using QSim.Parameters;

namespace QSim.Estimation;

// Batches in caller buffers: the allocation-free face of the estimator that QuantumLayer's tensor API and training loops use.
public sealed partial class CompiledEstimator
{
    private SpanRows? _spanRows;

    /// <summary>
    /// Expectation values of a batch, written into the caller's buffer. <paramref name="parameters"/> holds B rows of P values,
    /// row-major (<c>parameters[r * P + j]</c> is row r's value of <see cref="Parameters"/>[j]); <paramref name="values"/>
    /// receives B rows of <see cref="ObservableCount"/> values (<c>values[r * O + o]</c> is ⟨H_o⟩ of row r). B is
    /// <c>values.Length / O</c>. After the first call with a given batch size, a call allocates nothing on a backend without
    /// native batches (the CPU); on one with native batches (<see cref="IBatchEvaluator"/>) a batch of a small circuit is one
    /// launch that stages its own buffers. A noisy circuit averaged over quantum trajectories is staged in arrays too.
    /// </summary>
    /// <exception cref="ArgumentException">The buffers' lengths do not make B whole rows, or <paramref name="values"/> overlaps <paramref name="parameters"/>.</exception>
    /// <exception cref="ParameterBindingException">A value is not finite (the message names the parameter and the row).</exception>
    /// <exception cref="OperationCanceledException">The call was cancelled.</exception>
    /// <exception cref="ObjectDisposedException">The estimator was disposed.</exception>
    /// <exception cref="InvalidOperationException">Another thread is in a call of this estimator.</exception>
    public void Evaluate(ReadOnlySpan<double> parameters, Span<double> values, CancellationToken cancellation = default)
    {
        int rows = CheckBatch(parameters, values);
        if (_circuit.RunsTrajectories) RunStaged(parameters, rows, values, [], method: null, cancellation);
        else if (_backend is not IBatchEvaluator || !EvaluateStagedBatch(parameters, rows, values, cancellation))
            RunSpanRows(parameters, values, [], method: null, rows, cancellation);
    }

    /// <summary>
    /// Expectation values and their gradients for a batch, written into the caller's buffers: <paramref name="parameters"/>
    /// [B × P] and <paramref name="values"/> [B × O] as in <see cref="Evaluate(ReadOnlySpan{double}, Span{double}, CancellationToken)"/>,
    /// and <paramref name="gradients"/> [B × O × P], row-major: <c>gradients[(r * O + o) * P + j]</c> is ∂⟨H_o⟩/∂Parameters[j]
    /// at row r (the layout of <see cref="GradientResult.Gradients"/>). After the first call with a given batch size, the
    /// adjoint method allocates nothing; parameter shift and finite differences allocate a little per row. A noisy circuit
    /// (trajectories, or the adjoint method on density matrices) runs as <see cref="EvaluateWithGradient(double[,], GradientMethod, CancellationToken)"/>
    /// does, staged in arrays.
    /// </summary>
    /// <exception cref="ArgumentException">The buffers' lengths do not make B whole rows, or an output overlaps <paramref name="parameters"/>.</exception>
    /// <exception cref="ParameterBindingException">A value is not finite (the message names the parameter and the row).</exception>
    /// <exception cref="NotSupportedException">A gate has no known generator (adjoint) or no usable shift rule (parameter shift).</exception>
    /// <exception cref="OperationCanceledException">The call was cancelled.</exception>
    /// <exception cref="ObjectDisposedException">The estimator was disposed.</exception>
    /// <exception cref="InvalidOperationException">Another thread is in a call of this estimator.</exception>
    public void EvaluateWithGradient(ReadOnlySpan<double> parameters, Span<double> values, Span<double> gradients,
        GradientMethod method = GradientMethod.Adjoint, CancellationToken cancellation = default)
    {
        int rows = CheckBatch(parameters, values);
        CheckGradients(rows, parameters, values, gradients);
        if (_circuit.RunsTrajectories || (method == GradientMethod.Adjoint && _backend.Capabilities.MixedStates))
            RunStaged(parameters, rows, values, gradients, method, cancellation);
        else RunSpanRows(parameters, values, gradients, method, rows, cancellation);
    }

    /// <summary>
    /// A batch through the array calls, staged in arrays: the noisy paths (trajectories, the density matrix's adjoint), which
    /// allocate per call anyway.
    /// </summary>
    private void RunStaged(ReadOnlySpan<double> parameters, int rows, Span<double> values, Span<double> gradients, GradientMethod? method,
        CancellationToken cancellation)
    {
        int p = _circuit.Symbols.Count;
        if (rows == 0) return;
        var staged = new double[rows, p];
        if (p > 0) parameters.CopyTo(MemoryMarshal.CreateSpan(ref staged[0, 0], staged.Length));
        if (method is not { } gradientMethod)
        {
            var result = Evaluate(staged, cancellation);
            MemoryMarshal.CreateReadOnlySpan(ref result[0, 0], result.Length).CopyTo(values);
            return;
        }
        var gradient = EvaluateWithGradient(staged, gradientMethod, cancellation);
        MemoryMarshal.CreateReadOnlySpan(ref gradient.Values[0, 0], gradient.Values.Length).CopyTo(values);
        if (p > 0) MemoryMarshal.CreateReadOnlySpan(ref gradient.Gradients[0, 0, 0], gradient.Gradients.Length).CopyTo(gradients);
    }

    /// <summary>Values [O] of one parameter row on <paramref name="worker"/>.</summary>
    private void EvaluateRow(EstimationWorker worker, ReadOnlySpan<double> row, Span<double> values, CancellationToken cancellation)
    {
        worker.Bind(row);
        worker.RunCircuit(worker.State, cancellation);
        EstimationWorker.Expectations(_observables, worker.State, values);
    }

    /// <summary>Values [O] and gradient [O × P] of one parameter row on <paramref name="worker"/>.</summary>
    private void DifferentiateRow(EstimationWorker worker, ReadOnlySpan<double> row, GradientMethod method, Span<double> values,
        Span<double> gradient, CancellationToken cancellation)
    {
        if (method == GradientMethod.FiniteDifference)
        {
            double step = _options.FiniteDifferenceStep ?? FiniteDifferenceDifferentiation.DefaultStep(_options.Precision);
            FiniteDifferenceDifferentiation.Run(worker, _observables, row, step, values, gradient, cancellation);
            return;
        }
        worker.Bind(row);
        if (method == GradientMethod.Adjoint) AdjointDifferentiation.Run(worker, _observables, values, gradient, cancellation);
        else ParameterShiftDifferentiation.Run(worker, _observables, values, gradient, cancellation);
    }

    /// <summary>Worker threads for a batch of <paramref name="rows"/> rows, with a worker (and its states) made for each.</summary>
    private int PrepareWorkers(int rows)
    {
        int threads = ParallelItems.Threads(_backend, _circuit.QubitCount, rows, _options.MaxParallelRows);
        while (_workers.Count < threads) _workers.Add(new EstimationWorker(_circuit, _backend, _options.Precision));
        return threads;
    }

    /// <summary>Checks the buffers' shapes and the parameters' values; returns B.</summary>
    private int CheckBatch(ReadOnlySpan<double> parameters, Span<double> values)
    {
        int o = _observables.Length, p = _circuit.Symbols.Count;
        if (values.Length % o != 0)
            throw new ArgumentException($"The values buffer holds {values.Length} numbers, not a whole number of rows of {o} observable(s).", nameof(values));
        int rows = values.Length / o;
        if (parameters.Length != (long)rows * p)
            throw new ArgumentException($"{rows} row(s) of values need {(long)rows * p} parameters ({rows} × {p}); the parameters buffer holds {parameters.Length}.", nameof(parameters));
        if (values.Overlaps(parameters)) throw new ArgumentException("The values buffer overlaps the parameters.", nameof(values));
        CheckFinite(parameters);
        return rows;
    }

    private void CheckGradients(int rows, ReadOnlySpan<double> parameters, Span<double> values, Span<double> gradients)
    {
        long length = (long)rows * _observables.Length * _circuit.Symbols.Count;
        if (gradients.Length != length)
            throw new ArgumentException($"{rows} row(s) need a gradients buffer of {length} numbers ({rows} × {_observables.Length} × {_circuit.Symbols.Count}); it holds {gradients.Length}.", nameof(gradients));
        if (gradients.Overlaps(parameters) || gradients.Overlaps(values))
            throw new ArgumentException("The gradients buffer overlaps the parameters or the values.", nameof(gradients));
    }

    /// <summary>Throws for the first value of row-major parameter rows that is not finite, naming its parameter and row.</summary>
    private void CheckFinite(ReadOnlySpan<double> parameters)
    {
        int p = _circuit.Symbols.Count;
        for (int i = 0; i < parameters.Length; i++)
            if (!double.IsFinite(parameters[i]))
                throw new ParameterBindingException($"Parameter '{_circuit.Symbols[i % p].Name}' in row {i / p} must be a finite number; got {parameters[i]}.");
    }

    /// <summary>A batch through the backend's native batches, staged in arrays; false when the backend would not take it.</summary>
    private bool EvaluateStagedBatch(ReadOnlySpan<double> parameters, int rows, Span<double> values, CancellationToken cancellation)
    {
        using var call = _guard.Enter();
        cancellation.ThrowIfCancellationRequested();
        int p = _circuit.Symbols.Count, o = _observables.Length;
        var staged = new double[rows, p];
        for (int r = 0; r < rows; r++)
            for (int j = 0; j < p; j++) staged[r, j] = parameters[r * p + j];
        var result = new double[rows, o];
        if (!TryEvaluateBatch(staged, rows, result)) return false;
        for (int r = 0; r < rows; r++)
            for (int k = 0; k < o; k++) values[r * o + k] = result[r, k];
        return true;
    }

    /// <summary>
    /// Runs every row of a batch in the caller's buffers under the call guard: one at a time, none after disposal, stopped
    /// by the caller's token or by <see cref="Dispose"/> from another thread (which then surfaces as <see cref="ObjectDisposedException"/>).
    /// </summary>
    private unsafe void RunSpanRows(ReadOnlySpan<double> parameters, Span<double> values, Span<double> gradients, GradientMethod? method,
        int rows, CancellationToken cancellation)
    {
        using var call = _guard.Enter();
        _spanRows ??= new SpanRows(this);
        var token = _spanRows.Link.Link(cancellation, _guard.Closing);
        // SAFETY: the buffers stay pinned until every row has run: RowLoop.Run returns only after each worker left, and the
        // row body clears the pointers before the buffers are unpinned.
        fixed (double* parameterRows = parameters, valueRows = values, gradientRows = gradients)
        {
            try
            {
                _spanRows.Start(parameterRows, valueRows, gradientRows, method, token);
                _spanRows.Loop.Run(_spanRows, PrepareWorkers(rows), rows, token);
            }
            catch (OperationCanceledException) when (_guard.Closing.IsCancellationRequested && !cancellation.IsCancellationRequested)
            {
                throw new ObjectDisposedException(nameof(CompiledEstimator));
            }
            finally
            {
                _spanRows.Finish();
            }
        }
    }

    /// <summary>Frees what the span calls keep between calls (called by <see cref="Dispose"/>).</summary>
    private void DisposeSpanRows() => _spanRows?.Dispose();

    /// <summary>
    /// The rows of one span call: pointers to the caller's pinned buffers, set for the call and cleared after it, and the
    /// loop and cancellation link reused by every call.
    /// </summary>
    private sealed unsafe class SpanRows(CompiledEstimator owner) : IRowBody, IDisposable
    {
        private double* _parameters, _values, _gradients;
        private GradientMethod? _method;
        private CancellationToken _cancellation;

        public RowLoop Loop { get; } = new();

        public CancellationLink Link { get; } = new();

        public void Start(double* parameters, double* values, double* gradients, GradientMethod? method, CancellationToken cancellation)
        {
            _parameters = parameters;
            _values = values;
            _gradients = gradients;
            _method = method;
            _cancellation = cancellation;
        }

        public void Finish()
        {
            _parameters = _values = _gradients = null;
            Link.Unlink();
        }

        public void Run(int worker, int row)
        {
            int p = owner._circuit.Symbols.Count, o = owner._observables.Length;
            var parameters = new ReadOnlySpan<double>(_parameters + (long)row * p, p);
            var values = new Span<double>(_values + (long)row * o, o);
            if (_method is not { } method)
            {
                owner.EvaluateRow(owner._workers[worker], parameters, values, _cancellation);
                return;
            }
            var gradient = new Span<double>(_gradients + (long)row * o * p, o * p);
            owner.DifferentiateRow(owner._workers[worker], parameters, method, values, gradient, _cancellation);
        }

        public void Dispose()
        {
            Loop.Dispose();
            Link.Dispose();
        }
    }
}
