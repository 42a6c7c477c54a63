using System.Numerics;

namespace QSim.Gpu.Kernels;

/// <summary>One amplitude in device memory: real and imaginary parts side by side (interleaved layout).</summary>
public struct DeviceComplex<T> where T : unmanaged, INumber<T>
{
    /// <summary>Real part.</summary>
    public T Re;

    /// <summary>Imaginary part.</summary>
    public T Im;

    /// <summary>The amplitude <paramref name="re"/> + i·<paramref name="im"/>.</summary>
    public DeviceComplex(T re, T im)
    {
        Re = re;
        Im = im;
    }

    /// <summary>The complex product, in the device precision (usable inside kernels).</summary>
    public static DeviceComplex<T> operator *(DeviceComplex<T> a, DeviceComplex<T> b) =>
        new(a.Re * b.Re - a.Im * b.Im, a.Re * b.Im + a.Im * b.Re);

    /// <summary>The complex sum, in the device precision (usable inside kernels).</summary>
    public static DeviceComplex<T> operator +(DeviceComplex<T> a, DeviceComplex<T> b) => new(a.Re + b.Re, a.Im + b.Im);

    /// <summary>Rounds a host amplitude to the device precision (host side only: conversions fail inside ILGPU kernels).</summary>
    public static DeviceComplex<T> FromHost(Complex value) => new(T.CreateTruncating(value.Real), T.CreateTruncating(value.Imaginary));

    /// <summary>Widens to a host amplitude (host side only).</summary>
    public readonly Complex ToHost() => new(double.CreateTruncating(Re), double.CreateTruncating(Im));
}

/// <summary>
/// Widening to double inside kernels, where the generic INumber conversions hit an ILGPU internal
/// compiler error: reductions accumulate in double for both precisions, as the CPU backend does.
/// </summary>
public interface IDeviceReal<T> where T : unmanaged, INumber<T>
{
    /// <summary>The value as a double, exactly (a float widens without rounding).</summary>
    static abstract double Widen(T value);
}

/// <summary>complex64 amplitudes.</summary>
public readonly struct SingleReal : IDeviceReal<float>
{
    /// <inheritdoc/>
    public static double Widen(float value) => value;
}

/// <summary>complex128 amplitudes.</summary>
public readonly struct DoubleReal : IDeviceReal<double>
{
    /// <inheritdoc/>
    public static double Widen(double value) => value;
}
