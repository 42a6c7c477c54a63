using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace QSim.Cpu.Simd;

/// <summary>
/// The arithmetic a SIMD kernel needs on one vector of interleaved complex amplitudes
/// (re, im, re, im, …). Implemented once per (width, precision) as a struct with static members, so a
/// kernel written against this interface is compiled to straight intrinsics for each.
/// </summary>
/// <typeparam name="TVec">The vector type.</typeparam>
internal unsafe interface IComplexVectorOps<TVec> where TVec : unmanaged
{
    /// <summary>Complex amplitudes in one vector.</summary>
    static abstract int ComplexCount { get; }

    /// <summary>Bytes of one real component (4 or 8).</summary>
    static abstract int ScalarSize { get; }

    static abstract TVec Load(void* address);
    static abstract void Store(void* address, TVec value);
    static abstract TVec Add(TVec a, TVec b);
    static abstract TVec Multiply(TVec a, TVec b);

    /// <summary>a·b + c.</summary>
    static abstract TVec MultiplyAdd(TVec a, TVec b, TVec c);

    /// <summary>(re, im) → (im, re) in every complex lane: an in-lane shuffle with an immediate, cheaper than <see cref="Permute"/>.</summary>
    static abstract TVec SwapReIm(TVec value);

    /// <summary>
    /// Each complex lane j takes lane j ⊕ <paramref name="flips"/> (a low target's partner). Paths with a cheap
    /// immediate shuffle for a pattern use it; otherwise <paramref name="indices"/> drive <see cref="Permute"/>.
    /// </summary>
    static abstract TVec FlipLanes(TVec value, int flips, TVec indices);

    /// <summary>Rearranges the 32-bit lanes of <paramref name="value"/>: lane j takes lane indices[j].</summary>
    static abstract TVec Permute(TVec value, TVec indices);

    /// <summary>Writes a real number in this precision at element <paramref name="index"/> of a coefficient table.</summary>
    static abstract void WriteScalar(void* table, long index, double value);

    /// <summary>Reads element <paramref name="index"/> of a table of reals in this precision (a lane of a stored vector).</summary>
    static abstract double ReadScalar(void* table, long index);
}

internal unsafe struct Avx2Single : IComplexVectorOps<Vector256<float>>
{
    public static int ComplexCount => 4;
    public static int ScalarSize => 4;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Load(void* a) => Avx.LoadVector256((float*)a);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Store(void* a, Vector256<float> v) => Avx.Store((float*)a, v);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Add(Vector256<float> a, Vector256<float> b) => Avx.Add(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Multiply(Vector256<float> a, Vector256<float> b) => Avx.Multiply(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> MultiplyAdd(Vector256<float> a, Vector256<float> b, Vector256<float> c) => Fma.MultiplyAdd(a, b, c);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> SwapReIm(Vector256<float> v) => Avx.Permute(v, 0b10_11_00_01);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> FlipLanes(Vector256<float> v, int flips, Vector256<float> indices) => flips switch
    {
        1 => Avx.Permute(v, 0b01_00_11_10),         // neighbouring complex numbers, inside each 128-bit half
        2 => SwapHalves(v),                         // the two 128-bit halves
        _ => Permute(v, indices),
    };
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Permute(Vector256<float> v, Vector256<float> i) => Avx2.PermuteVar8x32(v, i.AsInt32());
    public static void WriteScalar(void* t, long i, double v) => ((float*)t)[i] = (float)v;

    public static double ReadScalar(void* t, long i) => ((float*)t)[i];

    /// <summary>
    /// The 128-bit halves exchanged by an extract and an insert (3 micro-ops on AMD Zen 1, where vperm2f128 takes 8): a
    /// 2-qubit gate on qubits 0-1 ran 13% faster in cache (complex64, and 12% for a 1-qubit complex128 gate on qubit 0).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> SwapHalves<T>(Vector256<T> v) => Vector256.Create(v.GetUpper(), v.GetLower());
}

internal unsafe struct Avx2Double : IComplexVectorOps<Vector256<double>>
{
    public static int ComplexCount => 2;
    public static int ScalarSize => 8;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<double> Load(void* a) => Avx.LoadVector256((double*)a);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Store(void* a, Vector256<double> v) => Avx.Store((double*)a, v);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<double> Add(Vector256<double> a, Vector256<double> b) => Avx.Add(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<double> Multiply(Vector256<double> a, Vector256<double> b) => Avx.Multiply(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<double> MultiplyAdd(Vector256<double> a, Vector256<double> b, Vector256<double> c) => Fma.MultiplyAdd(a, b, c);
    // A double is two 32-bit lanes: the index tables move them in pairs.
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<double> SwapReIm(Vector256<double> v) => Avx.Permute(v, 0b0101);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> FlipLanes(Vector256<double> v, int flips, Vector256<double> indices) =>
        flips == 1 ? Avx2Single.SwapHalves(v) : Permute(v, indices);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<double> Permute(Vector256<double> v, Vector256<double> i) => Avx2.PermuteVar8x32(v.AsSingle(), i.AsInt32()).AsDouble();
    public static void WriteScalar(void* t, long i, double v) => ((double*)t)[i] = v;
    public static double ReadScalar(void* t, long i) => ((double*)t)[i];
}

internal unsafe struct Avx512Single : IComplexVectorOps<Vector512<float>>
{
    public static int ComplexCount => 8;
    public static int ScalarSize => 4;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Load(void* a) => Avx512F.LoadVector512((float*)a);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Store(void* a, Vector512<float> v) => Avx512F.Store((float*)a, v);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Add(Vector512<float> a, Vector512<float> b) => Avx512F.Add(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Multiply(Vector512<float> a, Vector512<float> b) => Avx512F.Multiply(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> MultiplyAdd(Vector512<float> a, Vector512<float> b, Vector512<float> c) => Avx512F.FusedMultiplyAdd(a, b, c);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> SwapReIm(Vector512<float> v) => Avx512F.Permute4x32(v, 0b10_11_00_01);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> FlipLanes(Vector512<float> v, int flips, Vector512<float> indices) => Permute(v, indices);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Permute(Vector512<float> v, Vector512<float> i) => Avx512F.PermuteVar16x32(v, i.AsInt32());
    public static void WriteScalar(void* t, long i, double v) => ((float*)t)[i] = (float)v;
    public static double ReadScalar(void* t, long i) => ((float*)t)[i];
}

internal unsafe struct Avx512Double : IComplexVectorOps<Vector512<double>>
{
    public static int ComplexCount => 4;
    public static int ScalarSize => 8;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<double> Load(void* a) => Avx512F.LoadVector512((double*)a);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Store(void* a, Vector512<double> v) => Avx512F.Store((double*)a, v);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<double> Add(Vector512<double> a, Vector512<double> b) => Avx512F.Add(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<double> Multiply(Vector512<double> a, Vector512<double> b) => Avx512F.Multiply(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<double> MultiplyAdd(Vector512<double> a, Vector512<double> b, Vector512<double> c) => Avx512F.FusedMultiplyAdd(a, b, c);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<double> SwapReIm(Vector512<double> v) => Avx512F.Permute2x64(v, 0b0101_0101);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<double> FlipLanes(Vector512<double> v, int flips, Vector512<double> indices) => Permute(v, indices);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<double> Permute(Vector512<double> v, Vector512<double> i) => Avx512F.PermuteVar16x32(v.AsSingle(), i.AsInt32()).AsDouble();
    public static void WriteScalar(void* t, long i, double v) => ((double*)t)[i] = v;
    public static double ReadScalar(void* t, long i) => ((double*)t)[i];
}
