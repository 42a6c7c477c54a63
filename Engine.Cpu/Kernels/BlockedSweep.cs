using System.Runtime.CompilerServices;
using System.Numerics;
using QSim.Cpu.Parallel;

namespace QSim.Cpu.Kernels;

/// <summary>
/// Applies a run of matrices block by block: for each block of 2^m consecutive amplitudes, every
/// prepared kernel of the run in turn, so the block is read from memory once and stays in cache
/// (L2) for the whole run. The matrices touch only qubits below m, so blocks are independent and
/// the pool splits the sweep over blocks. Kernels are prepared once per sweep for the whole state
/// and each runs on a block as the contiguous range of its groups that lie in that block.
/// </summary>
internal sealed class BlockedSweep(Func<IGateKernel>? newSimdKernel, Func<IGateKernel> newScalarKernel) : IRangeJob, IDisposable
{
    // Kernels are created on first need and reused by every later sweep: nothing is allocated per gate.
    private readonly List<IGateKernel> _simdKernels = new();
    private readonly List<IGateKernel> _scalarKernels = new();
    private IGateKernel[] _run = new IGateKernel[16];
    private long[] _groupsPerBlock = new long[16];
    private int _count, _simdUsed, _scalarUsed;

    /// <summary>Starts a new run of <paramref name="length"/> matrices.</summary>
    public void Begin(int length)
    {
        if (length > _run.Length)
        {
            _run = new IGateKernel[length];
            _groupsPerBlock = new long[length];
        }
        _count = _simdUsed = _scalarUsed = 0;
    }

    /// <summary>Prepares the next matrix of the run on a state of <paramref name="qubits"/> split into 2^<paramref name="blockShift"/> blocks.</summary>
    public void Add(bool simd, int qubits, int blockShift, ReadOnlySpan<int> targets, ReadOnlySpan<Complex> matrix,
        ReadOnlySpan<int> controls, bool diagonal)
    {
        IGateKernel kernel = simd
            ? Take(_simdKernels, newSimdKernel ?? throw new InvalidOperationException("This state has no SIMD kernel."), ref _simdUsed)
            : Take(_scalarKernels, newScalarKernel, ref _scalarUsed);
        long groups = kernel.Prepare(qubits, targets, matrix, controls, diagonal);
        _run[_count] = kernel;
        _groupsPerBlock[_count++] = groups >> blockShift;
    }

    /// <summary>Blocks [begin, end): the whole run on each block before the next.</summary>
    // Optimized from its first call, without a profile: it runs only a few times per sweep, so tiering compiled its loop
    // on the stack (OSR) with guarded devirtualization from a profile, and every kernel of the run then ran a fifth slower
    // (rqc_n24, one thread; switching off either OSR or guarded devirtualization gave the same speed as this).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Execute(long begin, long end)
    {
        for (long block = begin; block < end; block++)
            for (int i = 0; i < _count; i++)
            {
                long groups = _groupsPerBlock[i];
                _run[i].Execute(block * groups, (block + 1) * groups);
            }
    }

    private static IGateKernel Take(List<IGateKernel> kernels, Func<IGateKernel> create, ref int used)
    {
        if (used == kernels.Count) kernels.Add(create());
        return kernels[used++];
    }

    public void Dispose()
    {
        foreach (var kernel in _simdKernels.Concat(_scalarKernels))
            (kernel as IDisposable)?.Dispose();
        _simdKernels.Clear();
        _scalarKernels.Clear();
    }
}
