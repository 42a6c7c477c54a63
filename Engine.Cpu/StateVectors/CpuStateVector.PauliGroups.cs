using QSim.Backends;

namespace QSim.Cpu;

// Pauli-sum passes of the backend contract, one pass per group of terms sharing a flip mask.
public sealed unsafe partial class CpuStateVector<T>
{
    private ISimdPauliSum? _simdPauliSums;
    private PauliSumReduction<T>? _pauliSums;

    // The scalar pass is the reference and serves states below one vector and the scalar path.
    private ISimdPauliSum? SimdPauliSums => _simd is null ? null : _simdPauliSums ??= _simd.NewPauliSum(QubitCount, _pool, Parallel);
    private PauliSumReduction<T> PauliSums => _pauliSums ??= new PauliSumReduction<T>(_data, QubitCount, _pool, Parallel);

    /// <inheritdoc/>
    public double ExpectationPauliGroup(ulong xMask, ReadOnlySpan<ulong> zMasks, ReadOnlySpan<double> coefficients)
    {
        using var call = _guard.Enter();
        CheckPauliMasks(xMask, zMasks);
        return SimdPauliSums?.Expectation(xMask, zMasks, coefficients) ?? PauliSums.Expectation(xMask, zMasks, coefficients);
    }

    /// <inheritdoc/>
    public void AddPauliGroup(IStateVector source, ulong xMask, ReadOnlySpan<ulong> zMasks, ReadOnlySpan<double> coefficients)
    {
        using var call = _guard.Enter();
        CheckPauliMasks(xMask, zMasks);
        using var sourceCall = Use(source, out var from);
        if (ReferenceEquals(from, this))
            throw new ArgumentException("AddPauliGroup needs a source state other than the destination.", nameof(source));
        if (SimdPauliSums is { } simd) simd.Add(from._data, xMask, zMasks, coefficients);
        else PauliSums.Add(from._data, xMask, zMasks, coefficients);
    }

    private void CheckPauliMasks(ulong xMask, ReadOnlySpan<ulong> zMasks)
    {
        ulong all = xMask;
        foreach (ulong z in zMasks) all |= z;
        if (QubitCount < 64 && all >> QubitCount != 0)
            throw new ArgumentOutOfRangeException(nameof(zMasks), $"A Pauli string acts on a qubit beyond the state's {QubitCount}.");
    }
}
