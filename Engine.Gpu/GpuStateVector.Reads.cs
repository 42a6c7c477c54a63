using System.Numerics;
using ILGPU;
using ILGPU.Runtime;
using QSim.Backends;
using QSim.Gpu.Kernels;

namespace QSim.Gpu;

/// <summary>The reads of a GPU state: reductions, sampling, amplitudes and matrix elements, each ending in one host wait.</summary>
public sealed partial class GpuStateVector<T>
{
    /// <inheritdoc/>
    public double ProbabilityOfOne(int qubit)
    {
        using var call = _guard.Enter();
        KernelArguments.CheckQubit(qubit, QubitCount, nameof(qubit));
        return MassOfOne(qubit) / NormSquared();
    }

    /// <inheritdoc/>
    public void GetProbabilities(Span<double> probabilities)
    {
        using var call = _guard.Enter();
        if (probabilities.Length != Length)
            throw new ArgumentException($"Expected {Length} probabilities; the span holds {probabilities.Length}.", nameof(probabilities));
        using var hold = Queue.Hold();
        using var output = _kernels.Accelerator.Allocate1D<double>(Length);
        _kernels.Probabilities(AllAmplitudes.Threads, AllAmplitudes, View, output.View);
        Queue.Download(output.View, probabilities);
    }

    /// <inheritdoc/>
    public void Sample(ReadOnlySpan<double> sortedUniforms, Span<long> indices)
    {
        using var call = _guard.Enter();
        if (indices.Length != sortedUniforms.Length)
            throw new ArgumentException("Expected one index per uniform number.", nameof(indices));
        using var hold = Queue.Hold();
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
        using var call = _guard.Enter();
        if (start < 0 || start + destination.Length > Length)
            throw new ArgumentOutOfRangeException(nameof(start), $"Amplitudes [{start}, {start + destination.Length}) are outside [0, {Length}).");
        var host = new DeviceComplex<T>[destination.Length];
        Queue.Download(View.SubView(start, destination.Length), host);
        for (int i = 0; i < host.Length; i++) destination[i] = host[i].ToHost();
    }

    /// <inheritdoc/>
    public Complex InnerProduct(IStateVector other)
    {
        using var call = _guard.Enter();
        using var otherCall = Use(other, out var with);
        Partials(this, Term(0, 0, 0, 0), with);
        return SumOfPartials();
    }

    /// <inheritdoc/>
    public double NormSquared()
    {
        using var call = _guard.Enter();
        Partials(this, Term(0, 0, 0, 0));
        return SumOfPartials().Real;
    }

    /// <inheritdoc/>
    public double ExpectationPauli(ulong xMask, ulong zMask)
    {
        using var call = _guard.Enter();
        if (QubitCount < 64 && (xMask | zMask) >> QubitCount != 0)
            throw new ArgumentOutOfRangeException(nameof(xMask), $"The Pauli string acts on a qubit beyond the state's {QubitCount}.");
        // P|i⟩ = i^{#Y}·(−1)^{|i ∧ z|}·|i ⊕ x⟩, so ⟨ψ|P|ψ⟩ = i^{#Y}·Σ_i (−1)^{|i ∧ z|}·conj(ψ[i ⊕ x])·ψ[i].
        Partials(this, Term(xMask, zMask, 0, 0));
        return PauliPhase.Apply(xMask, zMask, SumOfPartials());
    }

    /// <inheritdoc/>
    public Complex MatrixElement(IStateVector bra, ReadOnlySpan<int> targets, ReadOnlySpan<Complex> matrix, ReadOnlySpan<int> controls)
    {
        using var call = _guard.Enter();
        KernelArguments.CheckMatrix(targets, matrix, controls, diagonal: false, QubitCount, GateKernels.MaxDenseTargets);
        int dimension = 1 << targets.Length;
        using var braCall = Use(bra, out var from);
        long controlMask = 0;
        foreach (int c in controls) controlMask |= 1L << c;
        // Chunks of groups are sized as a reduction over a state of n − k qubits: never more chunks than this state's.
        int groupBits = QubitCount - targets.Length, chunkBits = GpuLimits.ChunkBits(groupBits), chunks = 1 << (groupBits - chunkBits);
        var shape = new MatrixElementShape(GateLayout.Create(targets, []), controlMask, dimension, chunkBits);
        using var hold = Queue.Hold();
        _kernels.MatrixElement(new KernelConfig(chunks, _kernels.ReductionGroupSize), from.View, View, _partials.View, _kernels.Arena.Stage(matrix), shape);
        Queue.Download(_partials.View.SubView(0, 2 * chunks), _hostPartials.AsSpan(0, 2 * chunks));
        return SumOfPartials(chunks);
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
        using var hold = Queue.Hold();
        _kernels.Reduce(new KernelConfig(chunks, _kernels.ReductionGroupSize), bra.View, (ket ?? this).View, _partials.View, term);
        Queue.Download(_partials.View, _hostPartials);
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
}
