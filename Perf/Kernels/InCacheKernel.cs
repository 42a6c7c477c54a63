using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using QSim.Backends;
using QSim.Cpu.Kernels;
using QSim.Cpu.Simd;

namespace QSim.Perf.Kernels;

/// <summary>
/// One SIMD gate kernel prepared on a private block of 2^<see cref="Qubits"/> amplitudes (by default 2^14: 128 KiB in
/// complex64, 256 KiB in complex128, inside the L2 of every x86 core, as a block of a cache-blocked sweep is) and run over
/// it again and again on the calling thread, beside the FMA peak of the same width and precision. No pool, no planning: the
/// kernel's own loop, which a sweep runs block after block.
/// </summary>
internal abstract class InCacheKernel : IDisposable
{
    /// <summary>Qubits of the default block.</summary>
    public const int DefaultQubits = 14;

    private InCacheKernel(int qubits) => Qubits = qubits;

    /// <summary>Qubits of the block.</summary>
    public int Qubits { get; }

    /// <summary>Amplitudes of the block.</summary>
    public long Amplitudes => 1L << Qubits;

    /// <summary>Prepares <paramref name="kernel"/> on the block (a diagonal's identity part becomes controls, as on a state).</summary>
    public abstract void Prepare(KernelCase kernel);

    /// <summary>Applies the prepared kernel <paramref name="passes"/> times over the block.</summary>
    public abstract void Run(int passes);

    /// <summary>Runs <paramref name="rounds"/> × <see cref="FmaPeak.Chains"/> independent vector FMAs.</summary>
    public abstract double RunPeak(long rounds);

    public abstract void Dispose();

    /// <summary>The kernel of one path (<see cref="SimdLevel.Vector256"/> or <see cref="SimdLevel.Vector512"/>) and precision.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The path is not a SIMD width.</exception>
    public static InCacheKernel Create(SimdLevel level, Precision precision, int qubits = DefaultQubits) => (level, precision) switch
    {
        (SimdLevel.Vector256, Precision.Single) => new Typed<Vector256<float>, Avx2Single>(qubits),
        (SimdLevel.Vector256, Precision.Double) => new Typed<Vector256<double>, Avx2Double>(qubits),
        (SimdLevel.Vector512, Precision.Single) => new Typed<Vector512<float>, Avx512Single>(qubits),
        (SimdLevel.Vector512, Precision.Double) => new Typed<Vector512<double>, Avx512Double>(qubits),
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, "The in-cache kernels run on a SIMD width."),
    };

    private sealed unsafe class Typed<TVec, TOps> : InCacheKernel where TVec : unmanaged where TOps : IComplexVectorOps<TVec>
    {
        private readonly void* _block;
        private readonly SimdGateKernel<TVec, TOps> _kernel;
        private readonly DiagonalControls _peel = new();
        private long _groups;

        public Typed(int qubits) : base(qubits)
        {
            nuint bytes = (nuint)(Amplitudes * 2 * TOps.ScalarSize);
            _block = NativeMemory.AlignedAlloc(bytes, 64);
            // Normalised and every amplitude non-zero, so no pass meets zeros or denormals.
            double amplitude = 1 / Math.Sqrt(Amplitudes);
            for (long i = 0; i < 2 * Amplitudes; i++) TOps.WriteScalar(_block, i, amplitude);
            _kernel = new SimdGateKernel<TVec, TOps>(_block);
        }

        public override void Prepare(KernelCase kernel)
        {
            ReadOnlySpan<int> targets = kernel.TargetsOn(Qubits), controls = kernel.ControlsOn(Qubits);
            ReadOnlySpan<Complex> matrix = kernel.Matrix;
            if (kernel.Diagonal)
            {
                _peel.Peel(targets, matrix, controls);
                targets = _peel.Targets;
                matrix = _peel.Diagonal;
                controls = _peel.Controls;
            }
            _groups = _kernel.Prepare(Qubits, targets, matrix, controls, kernel.Diagonal);
        }

        public override void Run(int passes)
        {
            for (int p = 0; p < passes; p++) _kernel.Execute(0, _groups);
        }

        public override double RunPeak(long rounds) => FmaPeak<TVec, TOps>.Run(rounds);

        public override void Dispose()
        {
            _kernel.Dispose();
            NativeMemory.AlignedFree(_block);
        }
    }
}
