using System.Numerics;
using ILGPU;

namespace QSim.Gpu.Kernels;

/// <summary>Element-wise passes that are not gates: a basis state, projection after a measurement, probabilities, adding a Pauli term.</summary>
public static class StateKernels
{
    /// <summary>Writes |index⟩: one pass, so resetting a state queues on the stream like a gate.</summary>
    public static void SetBasis<T>(Index1D thread, WorkSplit split, ArrayView<DeviceComplex<T>> state, long index)
        where T : unmanaged, INumber<T>
    {
        for (long i = thread; i < split.Count; i += split.Stride)
            state[i] = new DeviceComplex<T>(i == index ? T.One : T.Zero, T.Zero);
    }

    /// <summary>Keeps (scaled) the amplitudes where <paramref name="qubit"/> equals <paramref name="outcome"/>, zeroes the rest.</summary>
    public static void Project<T>(Index1D thread, WorkSplit split, ArrayView<DeviceComplex<T>> state, int qubit, int outcome, T scale)
        where T : unmanaged, INumber<T>
    {
        for (long i = thread; i < split.Count; i += split.Stride)
        {
            T factor = (int)((i >> qubit) & 1) == outcome ? scale : T.Zero;
            var a = state[i];
            state[i] = new DeviceComplex<T>(a.Re * factor, a.Im * factor);
        }
    }

    /// <summary>|amplitude|² in double.</summary>
    public static void Probabilities<T, TReal>(Index1D thread, WorkSplit split, ArrayView<DeviceComplex<T>> state, ArrayView<double> probabilities)
        where T : unmanaged, INumber<T> where TReal : struct, IDeviceReal<T>
    {
        for (long i = thread; i < split.Count; i += split.Stride)
        {
            var a = state[i];
            double re = TReal.Widen(a.Re), im = TReal.Widen(a.Im);
            probabilities[i] = re * re + im * im;
        }
    }

    /// <summary>
    /// destination += weight·P·source for the Pauli string with flips <paramref name="xMask"/> and signs
    /// <paramref name="zMask"/>: P|i⟩ = (−1)^{|i ∧ z|}·|i ⊕ x⟩ up to the i^{#Y} the host folds into the weight.
    /// Each i writes its own i ⊕ x, so threads never collide.
    /// </summary>
    public static void AddPauliTerm<T>(Index1D thread, WorkSplit split, ArrayView<DeviceComplex<T>> destination, ArrayView<DeviceComplex<T>> source,
        long xMask, long zMask, DeviceComplex<T> weight)
        where T : unmanaged, INumber<T>
    {
        for (long i = thread; i < split.Count; i += split.Stride)
        {
            var term = weight * source[i];
            long j = i ^ xMask;
            var d = destination[j];
            destination[j] = ReductionKernel.Parity(i & zMask) == 0
                ? new DeviceComplex<T>(d.Re + term.Re, d.Im + term.Im)
                : new DeviceComplex<T>(d.Re - term.Re, d.Im - term.Im);
        }
    }
}
