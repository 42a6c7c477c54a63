using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using QSim.Backends;
using QSim.Cpu.Kernels;
using QSim.Cpu.Parallel;
using QSim.Cpu.Simd;

namespace QSim.Cpu;

/// <summary>
/// A state vector in host memory. <b>Layout:</b> interleaved complex numbers (re, im) in a 64-byte-aligned
/// native buffer of <typeparamref name="T"/>, in segments of 2^20 amplitudes separated by small gaps
/// (<see cref="StateLayout"/>); bit k of an amplitude index is qubit k.
/// Gates go to the SIMD kernel of the configured width (or the scalar reference kernel);
/// reductions (norms, probabilities, inner products, expectations) live in <see cref="StateReductions{T}"/>.
/// </summary>
/// <typeparam name="T"><see cref="float"/> (complex64) or <see cref="double"/> (complex128).</typeparam>
public sealed unsafe partial class CpuStateVector<T> : IBlockedSweepState, IQubitSwapState, IPauliSumState, IBlockedReadState
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly CallGuard _guard = new("CPU state vector");
    private T* _data;
    private readonly WorkerPool _pool;
    private readonly ScalarGateKernel<T> _scalar;
    private readonly SimdKernel? _simd;
    private readonly StateReductions<T> _reductions;
    private readonly BlockedSweep _sweep;
    private readonly QubitSwapKernel _swap;
    private readonly DiagonalControls _diagonalControls = new();
    private readonly SweepScalars _sweepScalars = new();
    private readonly int _parallelQubits;

    internal CpuStateVector(int qubits, SimdLevel level, WorkerPool pool, int parallelQubits)
    {
        if (typeof(T) != typeof(float) && typeof(T) != typeof(double))
            throw new NotSupportedException($"A CPU state vector holds float or double amplitudes, not {typeof(T).Name}.");
        QubitCount = qubits;
        _pool = pool;
        _parallelQubits = parallelQubits;
        nuint bytes = (nuint)Math.Max(64, 2L * sizeof(T) * StateLayout.StoredAmplitudes(qubits));
        _data = (T*)NativeMemory.AlignedAlloc(bytes, 64);
        HugePages.Advise(_data, bytes);
        _scalar = new ScalarGateKernel<T>(_data);
        _simd = SimdKernel.Create(_data, SimdSupport.Resolve(level), qubits);
        _reductions = new StateReductions<T>(_data, qubits, pool, Parallel);
        _sweep = new BlockedSweep(_simd is null ? null : _simd.NewKernel, () => new ScalarGateKernel<T>(_data));
        _swap = new QubitSwapKernel(_data, 2 * sizeof(T));
        SimdLevel = _simd?.Level ?? SimdLevel.Scalar;
        SetBasisState(0);
    }

    /// <inheritdoc/>
    public int QubitCount { get; }

    /// <inheritdoc/>
    public Precision Precision => typeof(T) == typeof(float) ? Precision.Single : Precision.Double;

    /// <summary>The kernel path this state uses.</summary>
    public SimdLevel SimdLevel { get; }

    /// <summary>Number of amplitudes.</summary>
    public long Length => 1L << QubitCount;

    private bool Parallel => QubitCount >= _parallelQubits;

    internal T* Data => _data;

    /// <inheritdoc/>
    public void SetBasisState(long index = 0)
    {
        using var call = _guard.Enter();
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Length);
        _reductions.Clear();
        _data[2 * StateLayout.Offset(index)] = T.One;
    }

    /// <inheritdoc/>
    public void ApplyMatrix(ReadOnlySpan<int> targets, ReadOnlySpan<Complex> matrix, ReadOnlySpan<int> controls)
    {
        using var call = _guard.Enter();
        CheckMatrix(targets, matrix, controls, diagonal: false);
        Apply(targets, matrix, controls, diagonal: false);
    }

    /// <inheritdoc/>
    public void ApplyDiagonal(ReadOnlySpan<int> targets, ReadOnlySpan<Complex> diagonal, ReadOnlySpan<int> controls)
    {
        using var call = _guard.Enter();
        CheckMatrix(targets, diagonal, controls, diagonal: true);
        Apply(targets, diagonal, controls, diagonal: true);
    }

    /// <inheritdoc/>
    public void ApplySweep(ReadOnlySpan<MatrixApplication> run, int blockQubits)
    {
        using var call = _guard.Enter();
        CheckSweep(run, blockQubits);
        // A block as large as the state, or smaller than a SIMD vector, gains nothing from blocking.
        if (blockQubits >= QubitCount || blockQubits < (_simd?.LowQubits ?? 0))
        {
            foreach (var a in run) Apply(a.Targets.AsSpan(), a.Matrix, a.Controls.AsSpan(), a.IsDiagonal);
            return;
        }
        _pool.Run(PrepareSweep(run, blockQubits), 1L << (QubitCount - blockQubits), Parallel);
    }

    private void CheckSweep(ReadOnlySpan<MatrixApplication> run, int blockQubits)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(blockQubits);
        foreach (var a in run)
        {
            CheckMatrix(a.Targets.AsSpan(), a.Matrix, a.Controls.AsSpan(), a.IsDiagonal);
            if (a.HighestQubit >= blockQubits)
                throw new ArgumentException($"A matrix of the run touches qubit {a.HighestQubit}, outside the block of {blockQubits} qubit(s).", nameof(run));
        }
    }

    /// <summary>The run's kernels prepared on this state, as a job over its blocks of 2^<paramref name="blockQubits"/> amplitudes.</summary>
    private BlockedSweep PrepareSweep(ReadOnlySpan<MatrixApplication> run, int blockQubits)
    {
        _sweep.Begin(run.Length);
        _sweepScalars.Plan(run, _simd?.LowQubits ?? 0);
        for (int i = 0; i < run.Length; i++)
        {
            var a = run[i];
            ReadOnlySpan<int> targets = a.Targets.AsSpan(), controls = a.Controls.AsSpan();
            ReadOnlySpan<Complex> matrix = _sweepScalars.Matrix(i, a.Matrix);
            PeelDiagonalControls(ref targets, ref matrix, ref controls, a.IsDiagonal);
            bool simd = _simd is not null && _simd.Fits(targets, controls);
            _sweep.Add(simd, QubitCount, QubitCount - blockQubits, targets, matrix, controls, a.IsDiagonal);
        }
        return _sweep;
    }

    /// <inheritdoc/>
    public void SwapQubits(ReadOnlySpan<int> first, ReadOnlySpan<int> second)
    {
        using var call = _guard.Enter();
        QubitPairs.Validate(first, second, QubitCount);
        if (first.IsEmpty) return;
        long chunks = _swap.Prepare(QubitCount, first, second);
        _pool.Run(_swap, chunks, Parallel);
    }

    /// <summary>A diagonal's identity part becomes controls (<see cref="DiagonalControls"/>); the spans then read its scratch until the next gate.</summary>
    private void PeelDiagonalControls(ref ReadOnlySpan<int> targets, ref ReadOnlySpan<Complex> matrix, ref ReadOnlySpan<int> controls, bool diagonal)
    {
        if (!diagonal) return;
        _diagonalControls.Peel(targets, matrix, controls);
        targets = _diagonalControls.Targets;
        matrix = _diagonalControls.Diagonal;
        controls = _diagonalControls.Controls;
    }

    private void Apply(ReadOnlySpan<int> targets, ReadOnlySpan<Complex> matrix, ReadOnlySpan<int> controls, bool diagonal)
    {
        PeelDiagonalControls(ref targets, ref matrix, ref controls, diagonal);
        if (_simd is not null && _simd.Fits(targets, controls))
        {
            long groups = _simd.Prepare(QubitCount, targets, matrix, controls, diagonal);
            _pool.Run(_simd.Job, groups, Parallel);
        }
        else
        {
            long groups = _scalar.Prepare(QubitCount, targets, matrix, controls, diagonal);
            _pool.Run(_scalar, groups, Parallel);
        }
    }

    /// <inheritdoc/>
    public double ProbabilityOfOne(int qubit)
    {
        using var call = _guard.Enter();
        KernelArguments.CheckQubit(qubit, QubitCount, nameof(qubit));
        var (one, total) = _reductions.QubitMass(qubit);
        return one / total;
    }

    /// <inheritdoc/>
    public void Collapse(int qubit, int outcome)
    {
        using var call = _guard.Enter();
        KernelArguments.CheckQubit(qubit, QubitCount, nameof(qubit));
        if (outcome is not (0 or 1)) throw new ArgumentOutOfRangeException(nameof(outcome), "A measurement outcome is 0 or 1.");
        var (one, total) = _reductions.QubitMass(qubit);
        double kept = outcome == 1 ? one : total - one;
        if (kept <= 0) throw new InvalidOperationException($"Qubit {qubit} cannot collapse to {outcome}: that outcome has probability zero.");
        _reductions.Project(qubit, outcome, 1 / Math.Sqrt(kept));
    }

    /// <inheritdoc/>
    public void GetProbabilities(Span<double> probabilities)
    {
        using var call = _guard.Enter();
        if (probabilities.Length != Length)
            throw new ArgumentException($"Expected {Length} probabilities; the span holds {probabilities.Length}.", nameof(probabilities));
        fixed (double* p = probabilities) _reductions.Probabilities(p);
    }

    /// <inheritdoc/>
    public void Sample(ReadOnlySpan<double> sortedUniforms, Span<long> indices)
    {
        using var call = _guard.Enter();
        if (indices.Length != sortedUniforms.Length)
            throw new ArgumentException("Expected one index per uniform number.", nameof(indices));
        _reductions.Sample(sortedUniforms, indices);
    }

    /// <inheritdoc/>
    public void GetAmplitudes(Span<Complex> destination, long start = 0)
    {
        using var call = _guard.Enter();
        if (start < 0 || start + destination.Length > Length)
            throw new ArgumentOutOfRangeException(nameof(start), $"Amplitudes [{start}, {start + destination.Length}) are outside [0, {Length}).");
        for (int i = 0; i < destination.Length; i++)
        {
            long j = 2 * StateLayout.Offset(start + i);
            destination[i] = new Complex(double.CreateTruncating(_data[j]), double.CreateTruncating(_data[j + 1]));
        }
    }

    /// <inheritdoc/>
    public void SetAmplitudes(ReadOnlySpan<Complex> amplitudes)
    {
        using var call = _guard.Enter();
        if (amplitudes.Length != Length)
            throw new ArgumentException($"Expected {Length} amplitudes; got {amplitudes.Length}.", nameof(amplitudes));
        for (int i = 0; i < amplitudes.Length; i++)
        {
            long j = 2 * StateLayout.Offset(i);
            _data[j] = T.CreateTruncating(amplitudes[i].Real);
            _data[j + 1] = T.CreateTruncating(amplitudes[i].Imaginary);
        }
    }

    /// <inheritdoc/>
    public void CopyFrom(IStateVector source)
    {
        using var call = _guard.Enter();
        using var sourceCall = Use(source, out var from);
        _reductions.CopyFrom(from._data);
    }

    /// <inheritdoc/>
    public Complex InnerProduct(IStateVector other)
    {
        using var call = _guard.Enter();
        using var otherCall = Use(other, out var with);
        return _reductions.InnerProduct(with._data);
    }

    /// <inheritdoc/>
    public double NormSquared()
    {
        using var call = _guard.Enter();
        return _reductions.NormSquared();
    }

    /// <inheritdoc/>
    public double ExpectationPauli(ulong xMask, ulong zMask) => ExpectationPauliGroup(xMask, [zMask], [1.0]);

    /// <summary>Frees the amplitudes, after a call running on another thread has left; later calls throw <see cref="ObjectDisposedException"/>.</summary>
    public void Dispose()
    {
        if (!_guard.Close()) return;
        _simd?.Dispose();
        _sweep.Dispose();
        NativeMemory.AlignedFree(_data);
        _data = null;
    }

    /// <summary>
    /// Another state of this shape, entered for the length of a call that reads or writes it (so it cannot be freed under
    /// the call); the same state as this one needs no second entry.
    /// </summary>
    /// <exception cref="ArgumentException">It is not a CPU state of this size and precision.</exception>
    private CallGuard.Call Use(IStateVector other, out CpuStateVector<T> same)
    {
        same = SameShape(other);
        return ReferenceEquals(same, this) ? default : same._guard.Enter();
    }

    private CpuStateVector<T> SameShape(IStateVector other) =>
        other is CpuStateVector<T> same && same.QubitCount == QubitCount
            ? same
            : throw new ArgumentException($"Expected a CPU state of {QubitCount} qubits in {Precision} precision; got {other.GetType().Name} of {other.QubitCount} qubits.", nameof(other));

    private void CheckMatrix(ReadOnlySpan<int> targets, ReadOnlySpan<Complex> matrix, ReadOnlySpan<int> controls, bool diagonal) =>
        KernelArguments.CheckMatrix(targets, matrix, controls, diagonal, QubitCount, StateVectorLimits.MaxTargets);

    /// <summary>The SIMD kernel of one width and precision, behind a non-generic face.</summary>
    private abstract class SimdKernel : IDisposable
    {
        public abstract SimdLevel Level { get; }
        public abstract IRangeJob Job { get; }
        public abstract int LowQubits { get; }
        public abstract long Prepare(int qubits, ReadOnlySpan<int> targets, ReadOnlySpan<Complex> matrix, ReadOnlySpan<int> controls, bool diagonal);
        public abstract void Dispose();

        /// <summary>Another kernel of the same width and precision on the same state (a blocked sweep prepares one per matrix of its run).</summary>
        public abstract IGateKernel NewKernel();

        /// <summary>The matrix-element pass of the same width and precision, with this state as the ket.</summary>
        public abstract ISimdMatrixElement NewMatrixElement(int qubits, WorkerPool pool, bool parallel);

        /// <summary>The Pauli-group pass of the same width and precision on this state.</summary>
        public abstract ISimdPauliSum NewPauliSum(int qubits, WorkerPool pool, bool parallel);

        /// <summary>The every-qubit projector overlaps of the same width and precision, with this state as the ket; null below the pass's smallest state.</summary>
        public abstract ISimdQubitOverlaps? NewQubitOverlaps(int qubits, WorkerPool pool, bool parallel);

        /// <summary>True when the state has a whole vector and the folded gate stays within the table sizes.</summary>
        public bool Fits(ReadOnlySpan<int> targets, ReadOnlySpan<int> controls)
        {
            int lowControls = 0;
            foreach (int c in controls) if (c < LowQubits) lowControls++;
            return targets.Length + lowControls <= StateVectorLimits.MaxTargets;
        }

        public static SimdKernel? Create(T* data, SimdLevel level, int qubits)
        {
            SimdKernel? kernel = (level, typeof(T) == typeof(float)) switch
            {
                (SimdLevel.Vector512, true) => new Typed<Vector512<float>, Avx512Single>(data, level),
                (SimdLevel.Vector512, false) => new Typed<Vector512<double>, Avx512Double>(data, level),
                (SimdLevel.Vector256, true) => new Typed<Vector256<float>, Avx2Single>(data, level),
                (SimdLevel.Vector256, false) => new Typed<Vector256<double>, Avx2Double>(data, level),
                _ => null,
            };
            // A state smaller than one vector has no SIMD path.
            if (kernel is not null && qubits < kernel.LowQubits)
            {
                kernel.Dispose();
                return null;
            }
            return kernel;
        }

        private sealed class Typed<TVec, TOps>(T* data, SimdLevel level) : SimdKernel
            where TVec : unmanaged where TOps : IComplexVectorOps<TVec>
        {
            private readonly SimdGateKernel<TVec, TOps> _kernel = new(data);
            public override SimdLevel Level => level;
            public override IRangeJob Job => _kernel;
            public override int LowQubits => SimdGateKernel<TVec, TOps>.LowQubits;
            public override long Prepare(int qubits, ReadOnlySpan<int> targets, ReadOnlySpan<Complex> matrix, ReadOnlySpan<int> controls, bool diagonal) =>
                _kernel.Prepare(qubits, targets, matrix, controls, diagonal);
            public override void Dispose() => _kernel.Dispose();
            public override IGateKernel NewKernel() => new SimdGateKernel<TVec, TOps>(data);
            public override ISimdMatrixElement NewMatrixElement(int qubits, WorkerPool pool, bool parallel) =>
                new SimdMatrixElementReduction<TVec, TOps>(data, qubits, pool, parallel);
            public override ISimdPauliSum NewPauliSum(int qubits, WorkerPool pool, bool parallel) =>
                new SimdPauliSumReduction<TVec, TOps>(data, qubits, pool, parallel);
            public override ISimdQubitOverlaps? NewQubitOverlaps(int qubits, WorkerPool pool, bool parallel) =>
                qubits >= SimdQubitOverlaps<TVec, TOps>.MinQubits ? new SimdQubitOverlaps<TVec, TOps>(data, qubits, pool, parallel) : null;
        }
    }
}
