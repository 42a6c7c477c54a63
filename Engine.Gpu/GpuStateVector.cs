using System.Numerics;
using ILGPU;
using ILGPU.Runtime;
using QSim.Backends;
using QSim.Gpu.Kernels;

namespace QSim.Gpu;

/// <summary>
/// A state vector in device memory. <b>Layout:</b> interleaved complex numbers, amplitude i at
/// element i of a buffer of <see cref="DeviceComplex{T}"/> = (re, im); bit k of i is qubit k.
/// Gates queue on the accelerator's default stream and never copy the state to the host; reductions
/// copy back only their per-chunk partial sums (at most <see cref="GpuLimits.MaxChunks"/>), which the
/// host adds in chunk order, so results repeat bit for bit on one device.
/// </summary>
/// <typeparam name="T"><see cref="float"/> (complex64) or <see cref="double"/> (complex128).</typeparam>
public sealed class GpuStateVector<T> : IMatrixElementState, IPauliSumState where T : unmanaged, INumber<T>
{
    private readonly GpuKernelSet<T> _kernels;
    private readonly Action<long> _release;
    private readonly long _bytes;
    private readonly MemoryBuffer1D<DeviceComplex<T>, Stride1D.Dense> _state;
    private readonly MemoryBuffer1D<DeviceComplex<T>, Stride1D.Dense> _matrix;
    private readonly MemoryBuffer1D<double, Stride1D.Dense> _partials;
    private readonly double[] _hostPartials;
    private readonly DeviceComplex<T>[] _hostMatrix = new DeviceComplex<T>[1 << (2 * GateKernels.MaxDenseTargets)];
    private readonly int _chunkBits;
    private bool _disposed;

    internal GpuStateVector(int qubits, GpuKernelSet<T> kernels, long bytes, Action<long> release)
    {
        QubitCount = qubits;
        _kernels = kernels;
        _bytes = bytes;
        _release = release;
        var accelerator = kernels.Accelerator;
        _chunkBits = GpuLimits.ChunkBits(qubits);
        _state = accelerator.Allocate1D<DeviceComplex<T>>(Length);
        _matrix = accelerator.Allocate1D<DeviceComplex<T>>(_hostMatrix.Length);
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

    private WorkSplit AllAmplitudes => new(Length);

    internal ArrayView<DeviceComplex<T>> View => _state.View;

    /// <inheritdoc/>
    public void SetBasisState(long index = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Length);
        _state.MemSetToZero();
        View.SubView(index, 1).CopyFromCPU([new DeviceComplex<T>(T.One, T.Zero)]);
    }

    /// <inheritdoc/>
    public void ApplyMatrix(ReadOnlySpan<int> targets, ReadOnlySpan<Complex> matrix, ReadOnlySpan<int> controls)
    {
        KernelArguments.CheckMatrix(targets, matrix, controls, diagonal: false, QubitCount, GateKernels.MaxDenseTargets);
        int dimension = 1 << targets.Length;
        var layout = GateLayout.Create(targets, controls);
        var split = new WorkSplit(layout.GroupCount(QubitCount));
        switch (targets.Length)
        {
            case 0:
                ApplyDiagonal(targets, matrix, controls);
                break;
            case 1:
                _kernels.ApplySingle(split.Threads, split, View, layout, new Matrix2<T>(matrix));
                break;
            default:
                _kernels.ApplyDense(split.Threads, split, View, layout, Upload(matrix), SpecializedValue.New(dimension));
                break;
        }
    }

    /// <inheritdoc/>
    public void ApplyDiagonal(ReadOnlySpan<int> targets, ReadOnlySpan<Complex> diagonal, ReadOnlySpan<int> controls)
    {
        KernelArguments.CheckMatrix(targets, diagonal, controls, diagonal: true, QubitCount, GateLayout.MaxTargets);
        _kernels.ApplyDiagonal(AllAmplitudes.Threads, AllAmplitudes, View, GateLayout.Create(targets, controls), Upload(diagonal));
    }

    /// <inheritdoc/>
    public double ProbabilityOfOne(int qubit)
    {
        KernelArguments.CheckQubit(qubit, QubitCount, nameof(qubit));
        return MassOfOne(qubit) / NormSquared();
    }

    /// <inheritdoc/>
    public void Collapse(int qubit, int outcome)
    {
        KernelArguments.CheckQubit(qubit, QubitCount, nameof(qubit));
        if (outcome is not (0 or 1)) throw new ArgumentOutOfRangeException(nameof(outcome), "A measurement outcome is 0 or 1.");
        double one = MassOfOne(qubit);
        double kept = outcome == 1 ? one : NormSquared() - one;
        if (kept <= 0) throw new InvalidOperationException($"Qubit {qubit} cannot collapse to {outcome}: that outcome has probability zero.");
        _kernels.Project(AllAmplitudes.Threads, AllAmplitudes, View, qubit, outcome, T.CreateTruncating(1 / Math.Sqrt(kept)));
    }

    /// <inheritdoc/>
    public void GetProbabilities(Span<double> probabilities)
    {
        if (probabilities.Length != Length)
            throw new ArgumentException($"Expected {Length} probabilities; the span holds {probabilities.Length}.", nameof(probabilities));
        using var output = _kernels.Accelerator.Allocate1D<double>(Length);
        _kernels.Probabilities(AllAmplitudes.Threads, AllAmplitudes, View, output.View);
        output.View.AsContiguous().CopyToCPU(probabilities);
    }

    /// <inheritdoc/>
    public void Sample(ReadOnlySpan<double> sortedUniforms, Span<long> indices)
    {
        if (indices.Length != sortedUniforms.Length)
            throw new ArgumentException("Expected one index per uniform number.", nameof(indices));
        var chunkMass = Partials(this, Term(0, 0, 0, 0));
        double total = SumOfPartials().Real;
        if (!(total > 0)) throw new InvalidOperationException("Cannot sample from a state of zero norm.");
        var chunk = new Complex[1 << _chunkBits];
        int next = 0;
        double cumulative = 0;
        long lastNonZero = 0;
        for (long c = 0; c < ChunkCount && next < sortedUniforms.Length; c++)
        {
            double chunkEnd = cumulative + chunkMass[(int)(2 * c)];
            if (sortedUniforms[next] * total >= chunkEnd && c < ChunkCount - 1)
            {
                cumulative = chunkEnd;
                continue;
            }
            // Only chunks that some uniform falls in come to the host.
            long begin = c << _chunkBits;
            GetAmplitudes(chunk, begin);
            for (int i = 0; i < chunk.Length && next < sortedUniforms.Length; i++)
            {
                double p = chunk[i].Real * chunk[i].Real + chunk[i].Imaginary * chunk[i].Imaginary;
                if (p == 0) continue;
                lastNonZero = begin + i;
                cumulative += p;
                while (next < sortedUniforms.Length && sortedUniforms[next] * total < cumulative) indices[next++] = begin + i;
            }
        }
        // Rounding can leave the largest uniforms just above the final cumulative sum: give them the last outcome.
        while (next < sortedUniforms.Length) indices[next++] = lastNonZero;
    }

    /// <inheritdoc/>
    public void GetAmplitudes(Span<Complex> destination, long start = 0)
    {
        if (start < 0 || start + destination.Length > Length)
            throw new ArgumentOutOfRangeException(nameof(start), $"Amplitudes [{start}, {start + destination.Length}) are outside [0, {Length}).");
        var host = new DeviceComplex<T>[destination.Length];
        View.SubView(start, destination.Length).CopyToCPU(host);
        for (int i = 0; i < host.Length; i++) destination[i] = host[i].ToHost();
    }

    /// <inheritdoc/>
    public void SetAmplitudes(ReadOnlySpan<Complex> amplitudes)
    {
        if (amplitudes.Length != Length)
            throw new ArgumentException($"Expected {Length} amplitudes; got {amplitudes.Length}.", nameof(amplitudes));
        var host = new DeviceComplex<T>[amplitudes.Length];
        for (int i = 0; i < host.Length; i++) host[i] = DeviceComplex<T>.FromHost(amplitudes[i]);
        View.CopyFromCPU(host);
    }

    /// <inheritdoc/>
    public void CopyFrom(IStateVector source) => View.CopyFrom(SameShape(source).View);

    /// <inheritdoc/>
    public Complex InnerProduct(IStateVector other)
    {
        Partials(this, Term(0, 0, 0, 0), SameShape(other));
        return SumOfPartials();
    }

    /// <inheritdoc/>
    public double NormSquared()
    {
        Partials(this, Term(0, 0, 0, 0));
        return SumOfPartials().Real;
    }

    /// <inheritdoc/>
    public double ExpectationPauli(ulong xMask, ulong zMask)
    {
        if (QubitCount < 64 && (xMask | zMask) >> QubitCount != 0)
            throw new ArgumentOutOfRangeException(nameof(xMask), $"The Pauli string acts on a qubit beyond the state's {QubitCount}.");
        // P|i⟩ = i^{#Y}·(−1)^{|i ∧ z|}·|i ⊕ x⟩, so ⟨ψ|P|ψ⟩ = i^{#Y}·Σ_i (−1)^{|i ∧ z|}·conj(ψ[i ⊕ x])·ψ[i].
        Partials(this, Term(xMask, zMask, 0, 0));
        return PauliPhase.Apply(xMask, zMask, SumOfPartials());
    }

    /// <inheritdoc/>
    /// <remarks>One device pass per term.</remarks>
    public double ExpectationPauliGroup(ulong xMask, ReadOnlySpan<ulong> zMasks, ReadOnlySpan<double> coefficients)
    {
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
        if (zMasks.Length != coefficients.Length)
            throw new ArgumentException($"Expected one coefficient per Pauli string; got {coefficients.Length} for {zMasks.Length}.", nameof(coefficients));
        var from = SameShape(source);
        if (ReferenceEquals(from, this))
            throw new ArgumentException("AddPauliGroup needs a source state other than the destination.", nameof(source));
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

    /// <inheritdoc/>
    public Complex MatrixElement(IStateVector bra, ReadOnlySpan<int> targets, ReadOnlySpan<Complex> matrix, ReadOnlySpan<int> controls)
    {
        KernelArguments.CheckMatrix(targets, matrix, controls, diagonal: false, QubitCount, GateKernels.MaxDenseTargets);
        int dimension = 1 << targets.Length;
        var from = SameShape(bra);
        long controlMask = 0;
        foreach (int c in controls) controlMask |= 1L << c;
        // Chunks of groups are sized as a reduction over a state of n − k qubits: never more chunks than this state's.
        int groupBits = QubitCount - targets.Length, chunkBits = GpuLimits.ChunkBits(groupBits), chunks = 1 << (groupBits - chunkBits);
        var shape = new MatrixElementShape(GateLayout.Create(targets, []), controlMask, dimension, chunkBits);
        _kernels.MatrixElement(new KernelConfig(chunks, _kernels.ReductionGroupSize), from.View, View, _partials.View, Upload(matrix), shape);
        _partials.View.AsContiguous().SubView(0, 2 * chunks).CopyToCPU(_hostPartials.AsSpan(0, 2 * chunks));
        return SumOfPartials(chunks);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _state.Dispose();
        _matrix.Dispose();
        _partials.Dispose();
        _release(_bytes);
    }

    private double MassOfOne(int qubit)
    {
        Partials(this, Term(0, 0, 1L << qubit, 1L << qubit));
        return SumOfPartials().Real;
    }

    private ReductionTerm Term(ulong xMask, ulong zMask, long selectMask, long selectValue) =>
        new(xMask, zMask, selectMask, selectValue, _chunkBits);

    /// <summary>Runs the reduction of ⟨bra| and |ket⟩ (this state by default) and brings its partials to the host.</summary>
    private double[] Partials(GpuStateVector<T> bra, ReductionTerm term, GpuStateVector<T>? ket = null)
    {
        int chunks = (int)ChunkCount;
        _kernels.Reduce(new KernelConfig(chunks, _kernels.ReductionGroupSize), bra.View, (ket ?? this).View, _partials.View, term);
        _partials.View.AsContiguous().CopyToCPU(_hostPartials);
        return _hostPartials;
    }

    private Complex SumOfPartials() => SumOfPartials((int)ChunkCount);

    private Complex SumOfPartials(int chunks)
    {
        double re = 0, im = 0;
        for (int c = 0; c < 2 * chunks; c += 2)
        {
            re += _hostPartials[c];
            im += _hostPartials[c + 1];
        }
        return new Complex(re, im);
    }

    /// <summary>Copies a host matrix or diagonal into the state's matrix buffer; the stream orders it after the previous gate.</summary>
    private ArrayView<DeviceComplex<T>> Upload(ReadOnlySpan<Complex> elements)
    {
        for (int i = 0; i < elements.Length; i++) _hostMatrix[i] = DeviceComplex<T>.FromHost(elements[i]);
        var view = _matrix.View.AsContiguous().SubView(0, elements.Length);
        view.CopyFromCPU(_hostMatrix.AsSpan(0, elements.Length));
        return view;
    }

    private GpuStateVector<T> SameShape(IStateVector other) =>
        other is GpuStateVector<T> same && same.QubitCount == QubitCount && same._kernels == _kernels
            ? same
            : throw new ArgumentException($"Expected a state of the same GPU backend with {QubitCount} qubits in {Precision} precision; got {other.GetType().Name} of {other.QubitCount} qubits.", nameof(other));
}
