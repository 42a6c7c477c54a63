using System.Buffers;
using System.Numerics;
using QSim.Gates;
using QSim.Numerics;

namespace QSim.Execution;

/// <summary>
/// One factor of a kernel step's matrix: a gate of the circuit on some of the step's qubits, its parameters read from the
/// plan's slot values (from <see cref="FirstSlot"/> on), or a constant matrix that stands for a run of parameter-free gates.
/// </summary>
/// <param name="Gate">The gate (null for a constant factor).</param>
/// <param name="Local">
/// Positions of the gate's qubits among the step's targets (its controls first for a controlled gate); for a constant, the
/// positions its gates touch (its matrix is the identity on the others).
/// </param>
/// <param name="FirstSlot">Slot of the gate's first parameter in <see cref="ExecutionPlan"/>'s slot values.</param>
/// <param name="Constant">The constant matrix on all the step's targets, dense or diagonal as the step (null for a gate).</param>
internal readonly record struct MatrixFactor(GateDefinition? Gate, int[] Local, int FirstSlot, Complex[]? Constant);

/// <summary>
/// How a kernel step's matrix is made from the plan's slot values: the product of its factors, in circuit order, on the
/// step's k targets, written as the one form the kernels take (row-major 2^k × 2^k, or the 2^k diagonal). A step made of
/// one controlled gate keeps its controls apart: its matrix is the gate's target part. Binding writes into the step's own
/// buffer and allocates nothing (gates with a <see cref="MatrixWriter"/>).
/// </summary>
internal sealed class MatrixRecipe
{
    /// <summary>Matrices up to this many elements are formed on the stack.</summary>
    private const int StackElements = 256;

    public MatrixRecipe(int qubits, bool diagonal, MatrixFactor[] factors, bool controlsApart)
    {
        Qubits = qubits;
        Diagonal = diagonal;
        Factors = factors;
        ControlsApart = controlsApart;
        IsParameterized = factors.Any(f => f.Gate is not null);
        _supports = [.. Enumerable.Range(0, factors.Length).Select(LightCone)];
    }

    private readonly int[][] _supports;

    /// <summary>The recipe of a parameter-free step on <paramref name="qubits"/> targets: nothing to write, its matrix is fixed when it is compiled.</summary>
    public static MatrixRecipe Constant(int qubits, bool diagonal) =>
        s_constants[diagonal ? 1 : 0][qubits] ??= new MatrixRecipe(qubits, diagonal, [], controlsApart: false);

    private static readonly MatrixRecipe?[][] s_constants = [new MatrixRecipe?[64], new MatrixRecipe?[64]];

    /// <summary>Targets of the step (k).</summary>
    public int Qubits { get; }

    /// <summary>True when the step's matrix is its diagonal.</summary>
    public bool Diagonal { get; }

    /// <summary>The factors in the order they act.</summary>
    public MatrixFactor[] Factors { get; }

    /// <summary>True when the step is one controlled gate whose controls the kernel applies: its matrix is the gate's target part.</summary>
    public bool ControlsApart { get; }

    /// <summary>True when a factor reads slot values (the matrix changes with the binding).</summary>
    public bool IsParameterized { get; }

    /// <summary>Writes the step's matrix for <paramref name="slots"/> into <paramref name="matrix"/>.</summary>
    /// <exception cref="InvalidOperationException">The recipe is a parameter-free one, whose matrix is fixed.</exception>
    public void Write(ReadOnlySpan<double> slots, Span<Complex> matrix)
    {
        if (!IsParameterized) throw new InvalidOperationException("A parameter-free step's matrix is fixed when it is compiled.");
        if (Factors.Length == 1 && Factors[0].Gate is { } only && IsInOrder(Factors[0].Local))
        {
            var gate = ControlsApart ? only.Target! : only;
            var values = slots.Slice(Factors[0].FirstSlot, gate.ParameterCount);
            if (!Diagonal)
            {
                gate.WriteMatrix(values, matrix);
                return;
            }
            int elements = gate.Dimension * gate.Dimension;
            Complex[]? rented = null;
            Span<Complex> full = elements <= StackElements ? stackalloc Complex[elements] : (rented = ArrayPool<Complex>.Shared.Rent(elements)).AsSpan(0, elements);
            gate.WriteMatrix(values, full);
            SmallMatrices.DiagonalOf(full, matrix);
            if (rented is not null) ArrayPool<Complex>.Shared.Return(rented);
            return;
        }
        if (Diagonal) matrix.Fill(Complex.One);
        else SmallMatrices.SetIdentity(matrix, Qubits);
        foreach (var factor in Factors) MultiplyLeft(factor, slots, matrix);
    }

    /// <summary>
    /// The step-local qubits a derivative term of factor <paramref name="factor"/> acts on: the light cone of its gate back
    /// through the factors before it (a factor that shares a qubit with the cone joins it). N is the identity on every other
    /// qubit of the step, so it is read on these alone: in a block of rotations and a CZ, a rotation's term stays on its own
    /// qubit. For a step whose controls are apart, every qubit of the gate, controls first.
    /// </summary>
    public int[] TermSupport(int factor) => _supports[factor];

    private int[] LightCone(int factor)
    {
        if (Factors[factor].Gate is not { } gate) return [];
        if (ControlsApart) return [.. Enumerable.Range(0, gate.QubitCount)];
        var cone = new HashSet<int>(Factors[factor].Local);
        for (int f = factor - 1; f >= 0; f--)
            if (Factors[f].Local.Any(cone.Contains)) cone.UnionWith(Factors[f].Local);
        return [.. cone.Order()];
    }

    /// <summary>
    /// Writes the derivative term of parameter <paramref name="parameter"/> of factor <paramref name="factor"/>:
    /// N = P†·(G†·∂G/∂θ)·P, where G is the factor's gate and P the product of the factors before it, as a dense matrix on
    /// <see cref="TermSupport"/> (N is the identity elsewhere). For B the step's matrix, ⟨λ|∂B/∂θ|ψ⟩ = ⟨B†λ|N|B†ψ⟩: the
    /// adjoint method reads it after un-applying the step.
    /// </summary>
    public void WriteDerivativeTerm(int factor, int parameter, ReadOnlySpan<double> slots, Span<Complex> term)
    {
        var gate = Factors[factor].Gate ?? throw new ArgumentException("A constant factor has no parameter.", nameof(factor));
        var values = slots.Slice(Factors[factor].FirstSlot, gate.ParameterCount);
        int gateElements = gate.Dimension * gate.Dimension;
        int termQubits = ControlsApart ? gate.QubitCount : Qubits;
        int dim = 1 << termQubits, elements = dim * dim;
        Complex[] scratch = ArrayPool<Complex>.Shared.Rent(3 * gateElements + 3 * elements);
        try
        {
            var derivative = scratch.AsSpan(0, gateElements);
            var matrix = scratch.AsSpan(gateElements, gateElements);
            var local = scratch.AsSpan(2 * gateElements, gateElements);
            gate.Derivative(values, parameter, derivative);
            gate.WriteMatrix(values, matrix);
            SmallMatrices.MultiplyAdjointLeft(matrix, derivative, local, gate.Dimension);
            if (ControlsApart || (factor == 0 && IsInOrder(Factors[0].Local) && gate.QubitCount == Qubits))
            {
                local.CopyTo(term);
                return;
            }
            // P = the factors before this one, as a dense matrix; N = P†·embed(G†∂G)·P, then its part on the support.
            var prefix = scratch.AsSpan(3 * gateElements, elements);
            var work = scratch.AsSpan(3 * gateElements + elements, elements);
            var full = scratch.AsSpan(3 * gateElements + 2 * elements, elements);
            SmallMatrices.SetIdentity(prefix, Qubits);
            for (int f = 0; f < factor; f++) MultiplyLeftDense(Factors[f], slots, prefix);
            prefix.CopyTo(work);
            SmallMatrices.MultiplyLeft(work, Qubits, Factors[factor].Local, local);
            SmallMatrices.MultiplyAdjointLeft(prefix, work, full, dim);
            SmallMatrices.Restrict(full, Qubits, TermSupport(factor), term);
        }
        finally
        {
            ArrayPool<Complex>.Shared.Return(scratch);
        }
    }

    /// <summary>matrix := F·matrix in the step's form (dense or diagonal).</summary>
    private void MultiplyLeft(in MatrixFactor factor, ReadOnlySpan<double> slots, Span<Complex> matrix)
    {
        if (Diagonal)
        {
            if (factor.Constant is { } constant)
            {
                for (int i = 0; i < matrix.Length; i++) matrix[i] *= constant[i];
                return;
            }
            var gate = factor.Gate!;
            int gateDim = gate.Dimension, elements = gateDim * gateDim;
            Span<Complex> full = elements <= StackElements ? stackalloc Complex[elements] : new Complex[elements];
            Span<Complex> diagonal = stackalloc Complex[gateDim];
            gate.WriteMatrix(slots.Slice(factor.FirstSlot, gate.ParameterCount), full);
            SmallMatrices.DiagonalOf(full, diagonal);
            SmallMatrices.MultiplyDiagonal(matrix, Qubits, factor.Local, diagonal);
            return;
        }
        MultiplyLeftDense(factor, slots, matrix);
    }

    /// <summary>matrix := F·matrix for a dense matrix on the step's qubits (a diagonal constant is applied as one).</summary>
    private void MultiplyLeftDense(in MatrixFactor factor, ReadOnlySpan<double> slots, Span<Complex> matrix)
    {
        int dim = 1 << Qubits;
        if (factor.Constant is { } constant)
        {
            if (Diagonal)
            {
                for (int r = 0; r < dim; r++)
                    for (int c = 0; c < dim; c++) matrix[r * dim + c] *= constant[r];
                return;
            }
            Complex[] rented = ArrayPool<Complex>.Shared.Rent(dim * dim);
            var product = rented.AsSpan(0, dim * dim);
            SmallMatrices.Multiply(constant, matrix, product, dim);
            product.CopyTo(matrix);
            ArrayPool<Complex>.Shared.Return(rented);
            return;
        }
        var gate = factor.Gate!;
        int elements = gate.Dimension * gate.Dimension;
        Span<Complex> gateMatrix = elements <= StackElements ? stackalloc Complex[elements] : new Complex[elements];
        gate.WriteMatrix(slots.Slice(factor.FirstSlot, gate.ParameterCount), gateMatrix);
        SmallMatrices.MultiplyLeft(matrix, Qubits, factor.Local, gateMatrix);
    }

    private static bool IsInOrder(int[] local)
    {
        for (int i = 0; i < local.Length; i++)
            if (local[i] != i) return false;
        return true;
    }
}
