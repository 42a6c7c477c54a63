using System.Numerics;
using ILGPU;
using ILGPU.Runtime;
using QSim.Backends;
using QSim.Gpu.Kernels;

namespace QSim.Gpu;

/// <summary>
/// A state vector in device memory. <b>Layout:</b> interleaved complex numbers, amplitude i at
/// element i of a buffer of <see cref="DeviceComplex{T}"/> = (re, im); bit k of i is qubit k.
/// Gates, swaps and resets queue on the backend's stream and never make the host wait: a 2×2 matrix travels by
/// value, larger matrices and diagonals through the backend's <see cref="MatrixArena{T}"/>. Reads wait: reductions
/// copy back only their per-chunk partial sums (at most <see cref="GpuLimits.MaxChunks"/>), which the host adds in
/// chunk order, so results repeat bit for bit on one device. Every operation holds the backend's queue, so states of
/// one backend may be driven from several threads; their operations then run one at a time.
/// </summary>
/// <typeparam name="T"><see cref="float"/> (complex64) or <see cref="double"/> (complex128).</typeparam>
public sealed partial class GpuStateVector<T> : IBlockedSweepState, IQubitSwapState, IPauliSumState, IMatrixElementState
    where T : unmanaged, INumber<T>
{
    private readonly GpuKernelSet<T> _kernels;
    private readonly Action<long> _release;
    private readonly long _bytes;
    private readonly MemoryBuffer1D<DeviceComplex<T>, Stride1D.Dense> _state;
    private readonly MemoryBuffer1D<double, Stride1D.Dense> _partials;
    private readonly double[] _hostPartials;
    private readonly int _chunkBits;
    private readonly CallGuard _guard = new("GPU state vector");

    internal GpuStateVector(int qubits, GpuKernelSet<T> kernels, long bytes, Action<long> release)
    {
        QubitCount = qubits;
        _kernels = kernels;
        _bytes = bytes;
        _release = release;
        var accelerator = kernels.Accelerator;
        _chunkBits = GpuLimits.ChunkBits(qubits);
        _state = accelerator.Allocate1D<DeviceComplex<T>>(Length);
        _partials = accelerator.Allocate1D<double>(2 * ChunkCount);
        _hostPartials = new double[2 * ChunkCount];
        SetBasisState(0);
    }

    /// <inheritdoc/>
    public int QubitCount { get; }

    /// <inheritdoc/>
    public Precision Precision => typeof(T) == typeof(float) ? Precision.Single : Precision.Double;

    /// <summary>Number of amplitudes.</summary>
    public long Length => 1L << QubitCount;

    private long ChunkCount => Length >> _chunkBits;

    private WorkSplit AllAmplitudes => new(Length, _kernels.MaxThreadsPerLaunch);

    internal ArrayView<DeviceComplex<T>> View => _state.View;

    private DeviceQueue Queue => _kernels.Queue;

    /// <inheritdoc/>
    public void SetBasisState(long index = 0)
    {
        using var call = _guard.Enter();
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Length);
        using var hold = Queue.Hold();
        _kernels.SetBasis(AllAmplitudes.Threads, AllAmplitudes, View, index);
    }

    /// <inheritdoc/>
    public void ApplyMatrix(ReadOnlySpan<int> targets, ReadOnlySpan<Complex> matrix, ReadOnlySpan<int> controls)
    {
        using var call = _guard.Enter();
        KernelArguments.CheckMatrix(targets, matrix, controls, diagonal: false, QubitCount, GateKernels.MaxDenseTargets);
        using var hold = Queue.Hold();
        Launch(targets, controls, matrix, diagonal: false, TravelsByValue(targets.Length, diagonal: false) ? default : _kernels.Arena.Stage(matrix));
    }

    /// <inheritdoc/>
    public void ApplyDiagonal(ReadOnlySpan<int> targets, ReadOnlySpan<Complex> diagonal, ReadOnlySpan<int> controls)
    {
        using var call = _guard.Enter();
        KernelArguments.CheckMatrix(targets, diagonal, controls, diagonal: true, QubitCount, GateLayout.MaxTargets);
        using var hold = Queue.Hold();
        Launch(targets, controls, diagonal, diagonal: true, _kernels.Arena.Stage(diagonal));
    }

    /// <inheritdoc/>
    /// <remarks>
    /// The GPU does not block the state (every pass streams it), so the run is applied matrix by matrix; what the sweep
    /// saves here is host work: the run's matrices go to the device in one copy, and nothing waits.
    /// </remarks>
    public void ApplySweep(ReadOnlySpan<MatrixApplication> run, int blockQubits)
    {
        using var call = _guard.Enter();
        foreach (var application in run)
        {
            if (application.HighestQubit >= blockQubits)
                throw new ArgumentException($"A matrix of the run touches qubit {application.HighestQubit}, outside the block of {blockQubits} qubit(s).", nameof(run));
        }
        ApplyRun(run);
    }

    /// <summary>
    /// Applies every matrix of <paramref name="run"/> in order (dense or diagonal, with controls), after checking them
    /// all: the GPU form of a plan's list of kernel steps. The matrices go to the device in one asynchronous copy per
    /// <see cref="MatrixArena{T}.Capacity"/> elements, read in place by the kernels, and the host never waits.
    /// </summary>
    /// <exception cref="ArgumentException">A matrix has the wrong size, or its qubits are out of range, repeated or too many.</exception>
    public void ApplyRun(ReadOnlySpan<MatrixApplication> run)
    {
        using var call = _guard.Enter();
        foreach (var a in run)
            KernelArguments.CheckMatrix(a.Targets.AsSpan(), a.Matrix, a.Controls.AsSpan(), a.IsDiagonal, QubitCount,
                a.IsDiagonal ? GateLayout.MaxTargets : GateKernels.MaxDenseTargets);
        using var hold = Queue.Hold();
        while (!run.IsEmpty)
        {
            int count = 0, length = 0;
            while (count < run.Length && length + StagedLength(run[count]) <= MatrixArena<T>.Capacity) length += StagedLength(run[count++]);
            var staged = StageAll(run[..count], length);
            for (int i = 0, at = 0; i < count; i++)
            {
                int elements = StagedLength(run[i]);
                Launch(run[i].Targets.AsSpan(), run[i].Controls.AsSpan(), run[i].Matrix, run[i].IsDiagonal, elements == 0 ? default : staged.SubView(at, elements));
                at += elements;
            }
            run = run[count..];
        }
    }

    /// <summary>The matrices of <paramref name="run"/> that do not travel by value, one after another in the arena, sent in one copy.</summary>
    private ArrayView<DeviceComplex<T>> StageAll(ReadOnlySpan<MatrixApplication> run, int length)
    {
        if (length == 0) return default;
        var arena = _kernels.Arena;
        int offset = arena.Reserve(length), at = offset;
        foreach (var application in run)
        {
            if (StagedLength(application) == 0) continue;
            arena.Write(at, application.Matrix);
            at += application.Matrix.Length;
        }
        return arena.Send(offset, length);
    }

    /// <inheritdoc/>
    /// <remarks>One pass of <see cref="QubitSwapKernel"/> per <see cref="QubitPairList.MaxPairs"/> pairs.</remarks>
    public void SwapQubits(ReadOnlySpan<int> first, ReadOnlySpan<int> second)
    {
        using var call = _guard.Enter();
        QubitPairs.Validate(first, second, QubitCount);
        using var hold = Queue.Hold();
        for (int start = 0; start < first.Length; start += QubitPairList.MaxPairs)
        {
            int count = Math.Min(QubitPairList.MaxPairs, first.Length - start);
            var pairs = QubitPairList.Create(first.Slice(start, count), second.Slice(start, count));
            _kernels.SwapQubits(AllAmplitudes.Threads, AllAmplitudes, View, pairs);
        }
    }

    /// <inheritdoc/>
    public void Collapse(int qubit, int outcome)
    {
        using var call = _guard.Enter();
        KernelArguments.CheckQubit(qubit, QubitCount, nameof(qubit));
        if (outcome is not (0 or 1)) throw new ArgumentOutOfRangeException(nameof(outcome), "A measurement outcome is 0 or 1.");
        using var hold = Queue.Hold();
        double one = MassOfOne(qubit);
        double kept = outcome == 1 ? one : NormSquared() - one;
        if (kept <= 0) throw new InvalidOperationException($"Qubit {qubit} cannot collapse to {outcome}: that outcome has probability zero.");
        _kernels.Project(AllAmplitudes.Threads, AllAmplitudes, View, qubit, outcome, T.CreateTruncating(1 / Math.Sqrt(kept)));
    }

    /// <inheritdoc/>
    public void SetAmplitudes(ReadOnlySpan<Complex> amplitudes)
    {
        using var call = _guard.Enter();
        if (amplitudes.Length != Length)
            throw new ArgumentException($"Expected {Length} amplitudes; got {amplitudes.Length}.", nameof(amplitudes));
        var host = new DeviceComplex<T>[amplitudes.Length];
        for (int i = 0; i < host.Length; i++) host[i] = DeviceComplex<T>.FromHost(amplitudes[i]);
        Queue.Upload(View, host);
    }

    /// <inheritdoc/>
    public void CopyFrom(IStateVector source)
    {
        using var call = _guard.Enter();
        using var sourceCall = Use(source, out var from);
        using var hold = Queue.Hold();
        View.CopyFrom(Queue.Stream, from.View);
    }

    /// <inheritdoc/>
    /// <remarks>One device pass per term.</remarks>
    public double ExpectationPauliGroup(ulong xMask, ReadOnlySpan<ulong> zMasks, ReadOnlySpan<double> coefficients)
    {
        using var call = _guard.Enter();
        if (zMasks.Length != coefficients.Length)
            throw new ArgumentException($"Expected one coefficient per Pauli string; got {coefficients.Length} for {zMasks.Length}.", nameof(coefficients));
        double sum = 0;
        for (int t = 0; t < zMasks.Length; t++) sum += coefficients[t] * ExpectationPauli(xMask, zMasks[t]);
        return sum;
    }

    /// <inheritdoc/>
    /// <remarks>One device pass per term (adjoint gradients start from H|ψ⟩ here, without a copy to the host).</remarks>
    public void AddPauliGroup(IStateVector source, ulong xMask, ReadOnlySpan<ulong> zMasks, ReadOnlySpan<double> coefficients)
    {
        using var call = _guard.Enter();
        if (zMasks.Length != coefficients.Length)
            throw new ArgumentException($"Expected one coefficient per Pauli string; got {coefficients.Length} for {zMasks.Length}.", nameof(coefficients));
        using var sourceCall = Use(source, out var from);
        if (ReferenceEquals(from, this))
            throw new ArgumentException("AddPauliGroup needs a source state other than the destination.", nameof(source));
        using var hold = Queue.Hold();
        for (int t = 0; t < zMasks.Length; t++)
        {
            if (QubitCount < 64 && ((xMask | zMasks[t]) >> QubitCount) != 0)
                throw new ArgumentOutOfRangeException(nameof(zMasks), $"A Pauli string acts on a qubit beyond the state's {QubitCount}.");
            // P_t = i^{#Y}·(X-part)(Z-part) on the bits, so the phase joins the coefficient.
            Complex phase = (BitOperations.PopCount(xMask & zMasks[t]) & 3) switch
            {
                0 => Complex.One, 1 => Complex.ImaginaryOne, 2 => -Complex.One, _ => -Complex.ImaginaryOne,
            };
            _kernels.AddPauliTerm(AllAmplitudes.Threads, AllAmplitudes, View, from.View, (long)xMask, (long)zMasks[t],
                DeviceComplex<T>.FromHost(coefficients[t] * phase));
        }
    }

    /// <summary>Frees the device memory, after a call running on another thread has left; later calls throw <see cref="ObjectDisposedException"/>.</summary>
    public void Dispose()
    {
        if (!_guard.Close()) return;
        _state.Dispose();
        _partials.Dispose();
        _release(_bytes);
    }

    /// <summary>A dense 2×2 goes to its kernel by value; everything else through the arena.</summary>
    private static bool TravelsByValue(int targets, bool diagonal) => !diagonal && targets == 1;

    private static int StagedLength(in MatrixApplication application) =>
        TravelsByValue(application.Targets.Length, application.IsDiagonal) ? 0 : application.Matrix.Length;

    /// <summary>Queues one gate pass; <paramref name="staged"/> is the matrix on the device unless it travels by value.</summary>
    private void Launch(ReadOnlySpan<int> targets, ReadOnlySpan<int> controls, ReadOnlySpan<Complex> matrix, bool diagonal, ArrayView<DeviceComplex<T>> staged)
    {
        var layout = GateLayout.Create(targets, controls);
        if (diagonal || targets.Length == 0)
        {
            _kernels.ApplyDiagonal(AllAmplitudes.Threads, AllAmplitudes, View, layout, staged);
            return;
        }
        var split = new WorkSplit(layout.GroupCount(QubitCount), _kernels.MaxThreadsPerLaunch);
        if (targets.Length == 1) _kernels.ApplySingle(split.Threads, split, View, layout, new Matrix2<T>(matrix));
        else _kernels.ApplyDense(split.Threads, split, View, layout, staged, SpecializedValue.New(1 << targets.Length));
    }

    /// <summary>Another state of this shape, entered for the length of a call that reads or writes it (the same state needs no second entry).</summary>
    /// <exception cref="ArgumentException">It is not a state of this backend, size and precision.</exception>
    private CallGuard.Call Use(IStateVector other, out GpuStateVector<T> same)
    {
        same = SameShape(other);
        return ReferenceEquals(same, this) ? default : same._guard.Enter();
    }

    private GpuStateVector<T> SameShape(IStateVector other) =>
        other is GpuStateVector<T> same && same.QubitCount == QubitCount && same._kernels == _kernels
            ? same
            : throw new ArgumentException($"Expected a state of the same GPU backend with {QubitCount} qubits in {Precision} precision; got {other.GetType().Name} of {other.QubitCount} qubits.", nameof(other));
}
