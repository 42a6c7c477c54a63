using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using QSim.Cpu.Kernels;
using QSim.Cpu.Simd;
using QSim.Gates;

namespace QSim.Tests.Backends;

/// <summary>The SIMD kernel reads each prepared matrix's structure exactly, on every width this CPU runs.</summary>
public sealed unsafe class TermFormTests
{
    private static IEnumerable<TestCaseData> Cases()
    {
        Complex[] Of(GateDefinition gate, params double[] parameters) => gate.Matrix(parameters).Elements.ToArray();
        // TermHalves is internal, so the cases carry its values as ints.
        int r = (int)TermHalves.Real, i = (int)TermHalves.Imaginary, c = (int)TermHalves.Complex, zero = (int)TermHalves.Zero;
        yield return new TestCaseData(Of(GateLibrary.RY, 0.4), new[] { 6 }, r, r).SetArgDisplayNames("ry above the vector");
        yield return new TestCaseData(Of(GateLibrary.RY, 0.4), new[] { 0 }, r, r).SetArgDisplayNames("ry inside the vector");
        yield return new TestCaseData(Of(GateLibrary.RX, 0.4), new[] { 6 }, r, i).SetArgDisplayNames("rx");
        yield return new TestCaseData(Of(GateLibrary.X), new[] { 0 }, zero, r).SetArgDisplayNames("x");
        yield return new TestCaseData(Of(GateLibrary.Y), new[] { 6 }, zero, i).SetArgDisplayNames("y");
        yield return new TestCaseData(Of(GateLibrary.H), new[] { 6 }, r, r).SetArgDisplayNames("h");
        yield return new TestCaseData(Of(GateLibrary.U3, 0.3, 0.2, 0.1), new[] { 6 }, c, c).SetArgDisplayNames("u3");
        yield return new TestCaseData(Of(GateLibrary.RX, 0.4), new[] { 0 }, r, i).SetArgDisplayNames("rx inside the vector");
        // A 2-qubit real matrix: the dense loops see one form for all terms.
        Complex[] realPair = [.. Enumerable.Range(0, 16).Select(k => (Complex)(k % 5 - 2))];
        yield return new TestCaseData(realPair, new[] { 0, 6 }, r, r).SetArgDisplayNames("real 2-qubit");
    }

    [TestCaseSource(nameof(Cases))]
    public void Prepare_OnAStructuredMatrix_FindsItsTermForms(Complex[] matrix, int[] targets, int diagonalForm, int offDiagonalForm)
    {
        var (diagonal, offDiagonal) = ((TermHalves)diagonalForm, (TermHalves)offDiagonalForm);
        if (SimdSupport.Vector256)
        {
            Assert.That(FormsOn<Vector256<float>, Avx2Single>(matrix, targets), Is.EqualTo((diagonal, offDiagonal)), "Vector256 single");
            Assert.That(FormsOn<Vector256<double>, Avx2Double>(matrix, targets), Is.EqualTo((diagonal, offDiagonal)), "Vector256 double");
        }
        if (SimdSupport.Vector512)
        {
            Assert.That(FormsOn<Vector512<float>, Avx512Single>(matrix, targets), Is.EqualTo((diagonal, offDiagonal)), "Vector512 single");
            Assert.That(FormsOn<Vector512<double>, Avx512Double>(matrix, targets), Is.EqualTo((diagonal, offDiagonal)), "Vector512 double");
        }
    }

    [Test]
    public void Prepare_OnAnImaginaryPartBelowThePrecision_KeepsTheRealForm()
    {
        // 1e-50 is zero in float and double alike: the product it would add is zero, so leaving it out is exact.
        Complex[] nearlyReal = [new(0.6, 1e-50), 0.8, -0.8, 0.6];
        if (SimdSupport.Vector256)
            Assert.That(FormsOn<Vector256<float>, Avx2Single>(nearlyReal, [6]), Is.EqualTo((TermHalves.Real, TermHalves.Real)));
        Complex[] tinyButDouble = [new(0.6, 1e-300), 0.8, -0.8, 0.6];
        if (SimdSupport.Vector256)
            Assert.That(FormsOn<Vector256<double>, Avx2Double>(tinyButDouble, [6]), Is.EqualTo((TermHalves.Complex, TermHalves.Real)));
    }

    private static (TermHalves, TermHalves) FormsOn<TVec, TOps>(Complex[] matrix, int[] targets)
        where TVec : unmanaged where TOps : IComplexVectorOps<TVec>
    {
        const int qubits = 7;
        void* state = NativeMemory.AlignedAlloc((nuint)((2 << qubits) * TOps.ScalarSize), 64);
        try
        {
            using var kernel = new SimdGateKernel<TVec, TOps>(state);
            kernel.Prepare(qubits, targets, matrix, [], diagonal: false);
            return kernel.TermForms;
        }
        finally
        {
            NativeMemory.AlignedFree(state);
        }
    }
}
