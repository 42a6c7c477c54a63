using System.Numerics;
using ILGPU;

namespace QSim.Gpu.Kernels;

/// <summary>Element-wise passes that are not gates: projection after a measurement, probabilities.</summary>
public static class StateKernels
{
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
}
