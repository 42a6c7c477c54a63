using System.Numerics;
using QSim.Backends;

namespace QSim.DensityMatrix;

/// <summary>
/// A density matrix ρ of n qubits on a state-vector backend: the inner state has 2n qubits and amplitude index
/// row + 2^n·column, so qubit q of the ket (row) side is inner qubit q and of the bra (column) side q + n. Operations map to
/// the inner kernels: a matrix M on targets T (controls C) is M on T, C and conj(M) on T + n, C + n (ρ → M·ρ·M†); a channel
/// is its superoperator on (Q, Q + n); a collapse is one diagonal on (q, q + n). Reads of the mixture (probabilities,
/// Pauli expectations, the trace) take the 2^n elements they need from the inner state, one at a time, never the whole 4^n.
/// Amplitudes and inner products of vectors do not exist for a mixed state and throw <see cref="NotSupportedException"/>.
/// One thread at a time; after <see cref="Dispose"/> every member throws <see cref="ObjectDisposedException"/>.
/// </summary>
public sealed class DensityMatrixState : IMixedState
{
    private readonly CallGuard _guard = new("density matrix");
    private readonly IStateVector _inner;
    private readonly int[] _qubits = new int[2 * 64];
    private Complex[] _conjugate = new Complex[16];
    private readonly Complex[] _element = new Complex[1];

    internal DensityMatrixState(int qubits, IStateVector inner)
    {
        QubitCount = qubits;
        _inner = inner;
    }

    /// <inheritdoc/>
    public int QubitCount { get; }

    /// <inheritdoc/>
    public Precision Precision => _inner.Precision;

    /// <summary>Rows (and columns) of ρ, 2^n.</summary>
    public long Length => 1L << QubitCount;

    /// <summary>The state of 2n qubits that holds vec(ρ).</summary>
    internal IStateVector Inner => _inner;

    /// <summary>Sets ρ = |index⟩⟨index|.</summary>
    public void SetBasisState(long index = 0)
    {
        using var call = _guard.Enter();
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Length);
        _inner.SetBasisState(index | (index << QubitCount));
    }

    /// <summary>ρ → C(M)·ρ·C(M)†, with C(M) the dense <paramref name="matrix"/> on <paramref name="targets"/> where every control is 1.</summary>
    public void ApplyMatrix(ReadOnlySpan<int> targets, ReadOnlySpan<Complex> matrix, ReadOnlySpan<int> controls)
    {
        using var call = _guard.Enter();
        KernelArguments.CheckMatrix(targets, matrix, controls, diagonal: false, QubitCount, maxTargets: 63);
        _inner.ApplyMatrix(targets, matrix, controls);
        _inner.ApplyMatrix(Shifted(targets, 0), Conjugate(matrix), Shifted(controls, targets.Length));
    }

    /// <summary>ρ → D·ρ·D† for the diagonal D (see <see cref="ApplyMatrix"/>).</summary>
    public void ApplyDiagonal(ReadOnlySpan<int> targets, ReadOnlySpan<Complex> diagonal, ReadOnlySpan<int> controls)
    {
        using var call = _guard.Enter();
        KernelArguments.CheckMatrix(targets, diagonal, controls, diagonal: true, QubitCount, maxTargets: 63);
        _inner.ApplyDiagonal(targets, diagonal, controls);
        _inner.ApplyDiagonal(Shifted(targets, 0), Conjugate(diagonal), Shifted(controls, targets.Length));
    }

    /// <inheritdoc/>
    public void ApplySuperoperator(ReadOnlySpan<int> qubits, ReadOnlySpan<Complex> superoperator, bool diagonal)
    {
        using var call = _guard.Enter();
        KernelArguments.CheckTargetsAndControls(qubits, [], QubitCount, maxTargets: 31);
        for (int i = 0; i < qubits.Length; i++)
        {
            _qubits[i] = qubits[i];
            _qubits[qubits.Length + i] = qubits[i] + QubitCount;
        }
        var both = _qubits.AsSpan(0, 2 * qubits.Length);
        if (diagonal) _inner.ApplyDiagonal(both, superoperator, []);
        else _inner.ApplyMatrix(both, superoperator, []);
    }

    /// <summary>tr(ρ·|1⟩⟨1|_q) / tr(ρ).</summary>
    public double ProbabilityOfOne(int qubit)
    {
        using var call = _guard.Enter();
        KernelArguments.CheckQubit(qubit, QubitCount, nameof(qubit));
        double one = 0, total = 0;
        for (long r = 0; r < Length; r++)
        {
            double p = Diagonal(r);
            total += p;
            if (((r >> qubit) & 1) != 0) one += p;
        }
        return one / total;
    }

    /// <summary>ρ → Π·ρ·Π / tr(Π·ρ) with Π the projector of <paramref name="qubit"/> on <paramref name="outcome"/>, in one diagonal pass.</summary>
    /// <exception cref="InvalidOperationException">The outcome has probability zero.</exception>
    public void Collapse(int qubit, int outcome)
    {
        using var call = _guard.Enter();
        KernelArguments.CheckQubit(qubit, QubitCount, nameof(qubit));
        if (outcome is not (0 or 1)) throw new ArgumentOutOfRangeException(nameof(outcome), "A measurement outcome is 0 or 1.");
        double kept = 0;
        for (long r = 0; r < Length; r++)
            if ((int)((r >> qubit) & 1) == outcome) kept += Diagonal(r);
        if (!(kept > 0)) throw new InvalidOperationException($"Qubit {qubit} cannot collapse to {outcome}: that outcome has probability zero.");
        // Diagonal over (ket bit, bra bit): 1/p where both are the outcome, 0 elsewhere.
        Complex[] projector = [0, 0, 0, 0];
        projector[outcome * 3] = 1 / kept;
        _inner.ApplyDiagonal([qubit, qubit + QubitCount], projector, []);
    }

    /// <summary>Writes ρ's diagonal (the probabilities of the basis states, times tr(ρ)) into <paramref name="probabilities"/> (length 2^n).</summary>
    public void GetProbabilities(Span<double> probabilities)
    {
        using var call = _guard.Enter();
        if (probabilities.Length != Length)
            throw new ArgumentException($"Expected {Length} probabilities; the span holds {probabilities.Length}.", nameof(probabilities));
        for (long r = 0; r < Length; r++) probabilities[(int)r] = Diagonal(r);
    }

    /// <summary>Maps sorted uniforms to basis indices by the cumulative distribution of ρ's diagonal.</summary>
    public void Sample(ReadOnlySpan<double> sortedUniforms, Span<long> indices)
    {
        using var call = _guard.Enter();
        if (indices.Length != sortedUniforms.Length)
            throw new ArgumentException("Expected one index per uniform number.", nameof(indices));
        var diagonal = new double[Length];
        double total = 0;
        for (long r = 0; r < Length; r++) total += diagonal[r] = Math.Max(0, Diagonal(r));
        double cumulative = 0;
        long last = 0;
        int next = 0;
        for (long r = 0; r < Length && next < sortedUniforms.Length; r++)
        {
            if (diagonal[r] == 0) continue;
            last = r;
            cumulative += diagonal[r];
            while (next < sortedUniforms.Length && sortedUniforms[next] * total < cumulative) indices[next++] = r;
        }
        // Rounding can leave the largest uniforms just above the final sum: give them the last outcome.
        while (next < sortedUniforms.Length) indices[next++] = last;
    }

    /// <summary>A mixed state has no amplitudes: read ρ with <see cref="GetDensityMatrix"/>.</summary>
    /// <exception cref="NotSupportedException">Always.</exception>
    public void GetAmplitudes(Span<Complex> destination, long start = 0) =>
        throw new NotSupportedException("A density matrix has no amplitudes; read its elements with GetDensityMatrix.");

    /// <summary>Sets ρ = |ψ⟩⟨ψ| for the vector <paramref name="amplitudes"/> (length 2^n).</summary>
    public void SetAmplitudes(ReadOnlySpan<Complex> amplitudes)
    {
        using var call = _guard.Enter();
        if (amplitudes.Length != Length)
            throw new ArgumentException($"Expected {Length} amplitudes; got {amplitudes.Length}.", nameof(amplitudes));
        var vector = new Complex[Length * Length];
        for (long c = 0; c < Length; c++)
            for (long r = 0; r < Length; r++) vector[r + (c << QubitCount)] = amplitudes[(int)r] * Complex.Conjugate(amplitudes[(int)c]);
        _inner.SetAmplitudes(vector);
    }

    /// <summary>Writes ρ row-major into <paramref name="destination"/>: element [r, c] at r·2^n + c.</summary>
    /// <exception cref="ArgumentException">The span does not hold 4^n elements.</exception>
    public void GetDensityMatrix(Span<Complex> destination)
    {
        using var call = _guard.Enter();
        if (destination.Length != Length * Length)
            throw new ArgumentException($"Expected {Length * Length} elements; the span holds {destination.Length}.", nameof(destination));
        var column = new Complex[Length];
        for (long c = 0; c < Length; c++)
        {
            _inner.GetAmplitudes(column, c << QubitCount);
            for (long r = 0; r < Length; r++) destination[(int)(r * Length + c)] = column[r];
        }
    }

    /// <summary>Makes this density matrix a copy of <paramref name="source"/> (another of the same backend and shape).</summary>
    public void CopyFrom(IStateVector source)
    {
        using var call = _guard.Enter();
        if (source is not DensityMatrixState other || other.QubitCount != QubitCount)
            throw new ArgumentException($"Expected a density matrix of {QubitCount} qubits; got {source.GetType().Name} of {source.QubitCount} qubits.", nameof(source));
        if (ReferenceEquals(other, this)) return;
        using var sourceCall = other._guard.Enter();
        _inner.CopyFrom(other._inner);
    }

    /// <summary>Inner products of vectors do not exist for mixed states.</summary>
    /// <exception cref="NotSupportedException">Always.</exception>
    public Complex InnerProduct(IStateVector other) =>
        throw new NotSupportedException("A density matrix has no inner product of vectors; compare density matrices with GetDensityMatrix.");

    /// <summary>tr(ρ), which a state vector's ⟨ψ|ψ⟩ stands for.</summary>
    public double NormSquared()
    {
        using var call = _guard.Enter();
        double trace = 0;
        for (long r = 0; r < Length; r++) trace += Diagonal(r);
        return trace;
    }

    /// <summary>
    /// tr(ρ·P) for the Pauli string P with X on the bits of <paramref name="xMask"/> only, Z on those of
    /// <paramref name="zMask"/> only and Y where both are set: Σ_j i^{#Y}·(−1)^{|j ∧ z|}·ρ[j, j ⊕ x], 2^n elements.
    /// </summary>
    public double ExpectationPauli(ulong xMask, ulong zMask)
    {
        using var call = _guard.Enter();
        if (QubitCount < 64 && ((xMask | zMask) >> QubitCount) != 0)
            throw new ArgumentException($"The Pauli string acts beyond the {QubitCount} qubit(s) of the state.", nameof(xMask));
        double sum = 0;
        // i^{#Y}: the real part of i^{#Y}·ρ[j, j ⊕ x] is Re ρ (#Y ≡ 0), −Im ρ (1), −Re ρ (2), Im ρ (3) mod 4.
        int yPhase = BitOperations.PopCount(xMask & zMask) & 3;
        for (long j = 0; j < Length; j++)
        {
            var element = Element(j, j ^ (long)xMask);
            double term = yPhase switch { 0 => element.Real, 1 => -element.Imaginary, 2 => -element.Real, _ => element.Imaginary };
            sum += (BitOperations.PopCount((ulong)j & zMask) & 1) == 0 ? term : -term;
        }
        return sum;
    }

    /// <summary>
    /// Sets this "state" to vec(H) for the observable <paramref name="observable"/> (not a density matrix: the adjoint method
    /// carries it back through the circuit), using <paramref name="scratch"/> for vec(I). vec(I) is a product of unnormalised
    /// Bell pairs on (q, q + n); H·I then adds each Pauli string of H on the ket qubits.
    /// </summary>
    internal void SetToObservable(Observables.PauliSum observable, DensityMatrixState scratch)
    {
        using var call = _guard.Enter();
        using var scratchCall = scratch._guard.Enter();
        var identity = scratch._inner;
        identity.SetBasisState(0);
        Complex[] hadamard = [BellScale, BellScale, BellScale, -BellScale];
        Complex[] pauliX = [0, 1, 1, 0];
        for (int q = 0; q < QubitCount; q++)
        {
            identity.ApplyMatrix([q], hadamard, []);
            identity.ApplyMatrix([q + QubitCount], pauliX, [q]);
        }
        identity.ApplyMatrix([], [Math.Pow(2, QubitCount / 2.0)], []);
        observable.Apply(identity, _inner);
    }

    private static readonly double BellScale = 1 / Math.Sqrt(2);

    /// <summary>Frees the inner state; later calls throw <see cref="ObjectDisposedException"/>.</summary>
    public void Dispose()
    {
        if (_guard.Close()) _inner.Dispose();
    }

    private double Diagonal(long row) => Element(row, row).Real;

    private Complex Element(long row, long column)
    {
        _inner.GetAmplitudes(_element, row + (column << QubitCount));
        return _element[0];
    }

    /// <summary>The qubits + n (the bra side), written after <paramref name="offset"/> entries of the scratch list.</summary>
    private ReadOnlySpan<int> Shifted(ReadOnlySpan<int> qubits, int offset)
    {
        var shifted = _qubits.AsSpan(offset, qubits.Length);
        for (int i = 0; i < qubits.Length; i++) shifted[i] = qubits[i] + QubitCount;
        return shifted;
    }

    /// <summary>The element-wise conjugate, in a scratch buffer valid until the next call.</summary>
    private ReadOnlySpan<Complex> Conjugate(ReadOnlySpan<Complex> matrix)
    {
        if (_conjugate.Length < matrix.Length) _conjugate = new Complex[matrix.Length];
        var conjugate = _conjugate.AsSpan(0, matrix.Length);
        for (int i = 0; i < matrix.Length; i++) conjugate[i] = Complex.Conjugate(matrix[i]);
        return conjugate;
    }
}
