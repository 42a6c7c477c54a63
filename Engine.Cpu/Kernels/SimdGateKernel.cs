using System.Numerics;
using System.Runtime.InteropServices;
using QSim.Cpu.Parallel;
using QSim.Cpu.Simd;

namespace QSim.Cpu.Kernels;

/// <summary>
/// One SIMD kernel for every gate shape: a dense or diagonal matrix on any targets, under any controls,
/// on a state of interleaved complex amplitudes (re, im, re, im, …).
/// <para>
/// Qubits below <see cref="LowQubits"/> live inside one vector (for AVX2 complex64, 4 amplitudes: qubits
/// 0-1). A gate's qubits split there: its <i>high</i> targets select which vectors of a group are mixed,
/// its <i>low</i> targets mix lanes inside a vector. The kernel loads the 2^h vectors of a group and
/// computes each output vector as Σ over input vectors i and low-flip patterns p of
/// coefficient[o,i,p] ⊙ permute_p(v_i): lane-wise coefficients hold the matrix element that lane needs,
/// and permute_p brings each lane its partner amplitude. Controls above the boundary shrink the loop;
/// controls below it are folded into the matrix as extra low targets.
/// </para>
/// </summary>
internal sealed unsafe class SimdGateKernel<TVec, TOps> : IRangeJob, IDisposable
    where TVec : unmanaged
    where TOps : IComplexVectorOps<TVec>
{
    private readonly byte* _state;
    private IndexSkeleton _skeleton = new(64);
    private readonly long[] _offsets = new long[1 << StateVectorLimits.MaxTargets];
    private readonly int[] _extended = new int[2 * StateVectorLimits.MaxTargets];
    private TVec* _table;
    private long _tableVectors;
    private TVec* _coefficients;
    private int _groupVectors;
    private int _patterns;
    private bool _diagonal;

    public SimdGateKernel(void* state) => _state = (byte*)state;

    /// <summary>Qubits whose amplitudes share one vector.</summary>
    public static int LowQubits => BitOperations.Log2((uint)TOps.ComplexCount);

    private static int VectorBytes => sizeof(TVec);

    /// <summary>Prepares the coefficient tables for one gate and returns the number of groups to run.</summary>
    public long Prepare(int qubits, ReadOnlySpan<int> targets, ReadOnlySpan<Complex> matrix, ReadOnlySpan<int> controls, bool diagonal)
    {
        int low = LowQubits;
        // The extended target list: low controls first (folded into the matrix), then the targets.
        int lowControls = 0, count = 0;
        foreach (int c in controls) if (c < low) { _extended[count++] = c; lowControls++; }
        foreach (int t in targets) _extended[count++] = t;
        var extended = _extended.AsSpan(0, count);

        _skeleton.Clear();
        int highCount = 0, lowCount = 0;
        foreach (int q in extended)
        {
            if (q >= low) { _skeleton.Fix(q - low, one: false); highCount++; }
            else lowCount++;
        }
        foreach (int c in controls) if (c >= low) _skeleton.Fix(c - low, one: true);

        _diagonal = diagonal;
        _groupVectors = 1 << highCount;
        _patterns = diagonal ? 1 : 1 << lowCount;
        for (int o = 0; o < _groupVectors; o++) _offsets[o] = VectorOffset(extended, o);

        long coefficientVectors = diagonal ? 2L * _groupVectors : 2L * _groupVectors * _groupVectors * _patterns;
        EnsureTable(2L * _patterns + coefficientVectors);
        _coefficients = _table + 2 * _patterns;
        WritePermutations(extended);
        var element = new ExtendedMatrix(matrix, lowControls, diagonal);
        if (diagonal) WriteDiagonalCoefficients(extended, element);
        else WriteDenseCoefficients(extended, element);
        return 1L << (qubits - low - _skeleton.FixedCount);
    }

    public void Execute(long begin, long end)
    {
        int g = _groupVectors, patterns = _patterns;
        TVec* v = stackalloc TVec[g];
        TVec* acc = stackalloc TVec[g];
        TVec* perms = _table, coef = _coefficients;
        long vectorBytes = VectorBytes;
        for (long counter = begin; counter < end; counter++)
        {
            byte* groupBase = _state + _skeleton.BaseIndex(counter) * vectorBytes;
            for (int i = 0; i < g; i++) v[i] = TOps.Load(groupBase + _offsets[i] * vectorBytes);
            if (_diagonal)
            {
                for (int o = 0; o < g; o++)
                {
                    TVec swapped = TOps.Permute(v[o], perms[1]);
                    acc[o] = TOps.MultiplyAdd(coef[2 * o + 1], swapped, TOps.Multiply(coef[2 * o], v[o]));
                }
            }
            else
            {
                new Span<TVec>(acc, g).Clear();
                TVec* c = coef;
                for (int i = 0; i < g; i++)
                    for (int p = 0; p < patterns; p++)
                    {
                        TVec partner = p == 0 ? v[i] : TOps.Permute(v[i], perms[2 * p]);
                        TVec swapped = TOps.Permute(v[i], perms[2 * p + 1]);
                        for (int o = 0; o < g; o++, c += 2)
                            acc[o] = TOps.MultiplyAdd(c[1], swapped, TOps.MultiplyAdd(c[0], partner, acc[o]));
                    }
            }
            for (int o = 0; o < g; o++) TOps.Store(groupBase + _offsets[o] * vectorBytes, acc[o]);
        }
    }

    /// <summary>Offset, in vectors, of output/input vector <paramref name="o"/> of a group: its bits are the high extended targets.</summary>
    private static long VectorOffset(ReadOnlySpan<int> extended, int o)
    {
        long offset = 0;
        int bit = 0;
        foreach (int q in extended)
        {
            if (q < LowQubits) continue;
            if (((o >> bit++) & 1) != 0) offset |= 1L << (q - LowQubits);
        }
        return offset;
    }

    /// <summary>Index into the extended matrix of lane <paramref name="lane"/> of group vector <paramref name="o"/>.</summary>
    private static int ExtendedIndex(ReadOnlySpan<int> extended, int o, int lane)
    {
        int index = 0, highBit = 0;
        for (int m = 0; m < extended.Length; m++)
        {
            int q = extended[m];
            int bit = q < LowQubits ? (lane >> q) & 1 : (o >> highBit++) & 1;
            index |= bit << m;
        }
        return index;
    }

    /// <summary>Lanes (complex units) whose low extended-target bits are flipped by pattern <paramref name="p"/>.</summary>
    private static int LaneFlips(ReadOnlySpan<int> extended, int p)
    {
        int flips = 0, lowBit = 0;
        foreach (int q in extended)
        {
            if (q >= LowQubits) continue;
            if (((p >> lowBit++) & 1) != 0) flips |= 1 << q;
        }
        return flips;
    }

    /// <summary>For each pattern, the 32-bit-lane indices that fetch each lane's partner, straight and with re/im swapped.</summary>
    private void WritePermutations(ReadOnlySpan<int> extended)
    {
        int wordsPerScalar = TOps.ScalarSize / 4;
        for (int p = 0; p < _patterns; p++)
        {
            int flips = LaneFlips(extended, p);
            int* straight = (int*)(_table + 2 * p), swapped = (int*)(_table + 2 * p + 1);
            for (int lane = 0; lane < TOps.ComplexCount; lane++)
                for (int part = 0; part < 2; part++)
                    for (int w = 0; w < wordsPerScalar; w++)
                    {
                        int destination = (2 * lane + part) * wordsPerScalar + w;
                        straight[destination] = (2 * (lane ^ flips) + part) * wordsPerScalar + w;
                        swapped[destination] = (2 * (lane ^ flips) + 1 - part) * wordsPerScalar + w;
                    }
        }
    }

    private void WriteDenseCoefficients(ReadOnlySpan<int> extended, ExtendedMatrix element)
    {
        TVec* c = _coefficients;
        for (int i = 0; i < _groupVectors; i++)
            for (int p = 0; p < _patterns; p++)
            {
                int flips = LaneFlips(extended, p);
                for (int o = 0; o < _groupVectors; o++, c += 2)
                    for (int lane = 0; lane < TOps.ComplexCount; lane++)
                        WriteLane(c, lane, element[ExtendedIndex(extended, o, lane), ExtendedIndex(extended, i, lane ^ flips)]);
            }
    }

    private void WriteDiagonalCoefficients(ReadOnlySpan<int> extended, ExtendedMatrix element)
    {
        for (int o = 0; o < _groupVectors; o++)
            for (int lane = 0; lane < TOps.ComplexCount; lane++)
                WriteLane(_coefficients + 2 * o, lane, element.Diagonal(ExtendedIndex(extended, o, lane)));
    }

    /// <summary>Writes the pair (re, re) into the first vector and (−im, im) into the second, so c·v = re·v + im'·swap(v).</summary>
    private static void WriteLane(TVec* pair, int lane, Complex value)
    {
        TOps.WriteScalar(pair, 2 * lane, value.Real);
        TOps.WriteScalar(pair, 2 * lane + 1, value.Real);
        TOps.WriteScalar(pair + 1, 2 * lane, -value.Imaginary);
        TOps.WriteScalar(pair + 1, 2 * lane + 1, value.Imaginary);
    }

    private void EnsureTable(long vectors)
    {
        if (vectors <= _tableVectors) return;
        NativeMemory.AlignedFree(_table);
        _table = (TVec*)NativeMemory.AlignedAlloc((nuint)(vectors * VectorBytes), 64);
        _tableVectors = vectors;
    }

    public void Dispose()
    {
        NativeMemory.AlignedFree(_table);
        _table = null;
        _tableVectors = 0;
    }

    /// <summary>A gate matrix seen with <c>lowControls</c> extra control bits at the bottom of its index.</summary>
    private readonly ref struct ExtendedMatrix(ReadOnlySpan<Complex> matrix, int lowControls, bool diagonal)
    {
        private readonly ReadOnlySpan<Complex> _matrix = matrix;
        private readonly int _allOnes = (1 << lowControls) - 1;
        private readonly int _dimension = diagonal ? matrix.Length : (int)Math.Sqrt(matrix.Length);

        public Complex this[int row, int column]
        {
            get
            {
                if ((row & _allOnes) != _allOnes || (column & _allOnes) != _allOnes)
                    return row == column ? Complex.One : Complex.Zero;
                int shift = BitOperations.PopCount((uint)_allOnes);
                return _matrix[(row >> shift) * _dimension + (column >> shift)];
            }
        }

        public Complex Diagonal(int index) =>
            (index & _allOnes) != _allOnes ? Complex.One : _matrix[index >> BitOperations.PopCount((uint)_allOnes)];
    }
}
