using System.Numerics;
using QSim.Cpu.Parallel;

namespace QSim.Cpu;

/// <summary>
/// Passes over a whole state that are not gates: clearing, projecting, copying, and the reductions
/// (norm, probability of a qubit, inner product) with the sampling that builds on them; Pauli expectations
/// are <see cref="PauliSumReduction{T}"/>'s.
/// Each block lies inside one <see cref="StateLayout"/> segment, so it is contiguous in memory.
/// Work is split in fixed blocks of 2^<see cref="StateVectorLimits.ReductionBlockBits"/> amplitudes and
/// every reduction keeps one partial sum per block, added in block order: results are bit-for-bit the
/// same whatever the thread count. Sums are accumulated in double for both precisions.
/// </summary>
internal sealed unsafe class StateReductions<T> : IRangeJob where T : unmanaged, IFloatingPointIeee754<T>
{
    private enum Pass { Clear, NormSquared, QubitMass, Project, Probabilities, Copy, InnerProduct }

    private readonly T* _data;
    private readonly long _length;
    private readonly long _blocks;
    private readonly int _blockBits;
    private readonly WorkerPool _pool;
    private readonly bool _parallel;
    private readonly double[] _partials;

    private Pass _pass;
    private int _qubit;
    private int _outcome;
    private double _scale;
    private T* _other;
    private double* _output;

    public StateReductions(T* data, int qubits, WorkerPool pool, bool parallel)
    {
        _data = data;
        _length = 1L << qubits;
        _blockBits = Math.Min(qubits, StateVectorLimits.ReductionBlockBits);
        _blocks = _length >> _blockBits;
        _pool = pool;
        _parallel = parallel;
        _partials = new double[2 * _blocks];
    }

    public void Clear() => Run(Pass.Clear);

    public double NormSquared()
    {
        Run(Pass.NormSquared);
        return SumOfPartials().Real;
    }

    /// <summary>Unnormalised probability mass where <paramref name="qubit"/> is 1, and the whole state's, in one pass.</summary>
    public (double One, double Total) QubitMass(int qubit)
    {
        _qubit = qubit;
        Run(Pass.QubitMass);
        var sums = SumOfPartials();
        return (sums.Real, sums.Imaginary);
    }

    /// <summary>Zeroes the amplitudes where <paramref name="qubit"/> ≠ <paramref name="outcome"/> and scales the rest.</summary>
    public void Project(int qubit, int outcome, double scale)
    {
        (_qubit, _outcome, _scale) = (qubit, outcome, scale);
        Run(Pass.Project);
    }

    public void Probabilities(double* output)
    {
        _output = output;
        Run(Pass.Probabilities);
    }

    public void CopyFrom(T* source)
    {
        _other = source;
        Run(Pass.Copy);
    }

    /// <summary>⟨this|other⟩.</summary>
    public Complex InnerProduct(T* other)
    {
        _other = other;
        Run(Pass.InnerProduct);
        return SumOfPartials();
    }

    /// <summary>Maps sorted uniforms to indices by the cumulative distribution, one pass over the state.</summary>
    public void Sample(ReadOnlySpan<double> sortedUniforms, Span<long> indices)
    {
        double total = NormSquared();
        if (!(total > 0)) throw new InvalidOperationException("Cannot sample from a state of zero norm.");
        int next = 0;
        double cumulative = 0;
        long lastNonZero = 0;
        for (long b = 0; b < _blocks && next < sortedUniforms.Length; b++)
        {
            double blockEnd = cumulative + _partials[2 * b];
            if (sortedUniforms[next] * total >= blockEnd && b < _blocks - 1)
            {
                cumulative = blockEnd;
                continue;
            }
            long begin = b << _blockBits, end = begin + (1L << _blockBits);
            T* block = _data + 2 * StateLayout.Offset(begin);
            for (long i = begin; i < end && next < sortedUniforms.Length; i++)
            {
                double p = Norm(block, i - begin);
                if (p == 0) continue;
                lastNonZero = i;
                cumulative += p;
                while (next < sortedUniforms.Length && sortedUniforms[next] * total < cumulative) indices[next++] = i;
            }
        }
        // Rounding can leave the largest uniforms just above the final cumulative sum: give them the last outcome.
        while (next < sortedUniforms.Length) indices[next++] = lastNonZero;
    }

    private void Run(Pass pass)
    {
        _pass = pass;
        _pool.Run(this, _blocks, _parallel);
    }

    private Complex SumOfPartials() => BlockPartials.SumPairs(_partials, _blocks);

    public void Execute(long beginBlock, long endBlock)
    {
        int length = 1 << _blockBits;
        for (long b = beginBlock; b < endBlock; b++)
        {
            // A block lies inside one layout segment: contiguous from its first amplitude.
            long begin = b << _blockBits, offset = 2 * StateLayout.Offset(begin);
            T* block = _data + offset;
            double re = 0, im = 0;
            switch (_pass)
            {
                case Pass.Clear:
                    new Span<T>(block, 2 * length).Clear();
                    break;
                case Pass.NormSquared:
                    for (int i = 0; i < length; i++) re += Norm(block, i);
                    break;
                case Pass.QubitMass:
                    // re: mass where the qubit is 1; im: all of it (a measurement needs both).
                    for (int i = 0; i < length; i++)
                    {
                        double p = Norm(block, i);
                        im += p;
                        if (((begin + i) >> _qubit & 1) != 0) re += p;
                    }
                    break;
                case Pass.Project:
                    T keep = T.CreateTruncating(_scale);
                    for (int i = 0; i < length; i++)
                    {
                        T factor = (int)((begin + i) >> _qubit & 1) == _outcome ? keep : T.Zero;
                        block[2 * i] *= factor;
                        block[2 * i + 1] *= factor;
                    }
                    break;
                case Pass.Probabilities:
                    for (int i = 0; i < length; i++) _output[begin + i] = Norm(block, i);
                    break;
                case Pass.Copy:
                    new ReadOnlySpan<T>(_other + offset, 2 * length).CopyTo(new Span<T>(block, 2 * length));
                    break;
                case Pass.InnerProduct:
                    T* other = _other + offset;
                    for (int i = 0; i < length; i++)
                    {
                        double ar = Re(block, i), ai = Im(block, i), br = Re(other, i), bi = Im(other, i);
                        re += ar * br + ai * bi;
                        im += ar * bi - ai * br;
                    }
                    break;
            }
            _partials[2 * b] = re;
            _partials[2 * b + 1] = im;
        }
    }

    private static double Norm(T* data, long i)
    {
        double re = Re(data, i), im = Im(data, i);
        return re * re + im * im;
    }

    private static double Re(T* data, long i) => double.CreateTruncating(data[2 * i]);
    private static double Im(T* data, long i) => double.CreateTruncating(data[2 * i + 1]);
}
