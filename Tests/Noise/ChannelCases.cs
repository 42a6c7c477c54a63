using System.Numerics;
using QSim.Noise;
using QSim.Numerics;
using QSim.Tests.Oracles;

namespace QSim.Tests.Noise;

/// <summary>Every library channel over a grid of its parameter range (ends included), and small helpers the noise tests share.</summary>
public static class ChannelCases
{
    /// <summary>Each library channel at every grid point its constraints accept.</summary>
    public static IEnumerable<BoundChannel> Grid() =>
        ChannelLibrary.All.Values.OrderBy(c => c.Name).SelectMany(GridOf);

    /// <summary>As NUnit cases named by the bound channel.</summary>
    public static IEnumerable<TestCaseData> GridCases() => Grid().Select(c => new TestCaseData(c).SetArgDisplayNames(c.ToString()));

    /// <summary>The channel at the cartesian product of each parameter's grid values, keeping the consistent points.</summary>
    public static IEnumerable<BoundChannel> GridOf(ChannelDefinition channel)
    {
        IEnumerable<double[]> points = [[]];
        foreach (var parameter in channel.Parameters)
            points = points.SelectMany(p => Values(parameter).Select(v => (double[])[.. p, v])).ToList();
        foreach (var point in points)
        {
            BoundChannel? bound = null;
            try { bound = channel.Bind(point); }
            catch (ChannelParameterException) { }
            if (bound is not null) yield return bound;
        }
    }

    /// <summary>Both ends of a finite range and points inside; for a time constant, short to long times.</summary>
    private static double[] Values(ChannelParameter parameter) => double.IsPositiveInfinity(parameter.Maximum)
        ? parameter.MinimumExcluded ? [0.5, 1, 50] : [0, 0.3, 40]
        : [parameter.Minimum, 0.1, 0.5, parameter.Maximum];

    /// <summary>The Paulis I, X, Y, Z.</summary>
    public static readonly ComplexMatrix[] Paulis =
    [
        ComplexMatrix.Identity(2), ComplexMatrix.FromRows([0, 1], [1, 0]),
        ComplexMatrix.FromRows([0, -Complex.ImaginaryOne], [Complex.ImaginaryOne, 0]), ComplexMatrix.Diagonal([1, -1]),
    ];

    /// <summary>The k-qubit Pauli of index Σ_j a_j·4^j (a_j ∈ I, X, Y, Z on the channel's qubit j).</summary>
    public static ComplexMatrix Pauli(int index, int qubits)
    {
        var result = Paulis[index & 3];
        for (int j = 1; j < qubits; j++) result = ComplexMatrix.Kron(Paulis[(index >> 2 * j) & 3], result);
        return result;
    }

    /// <summary>The Pauli transfer matrix R[i, j] = tr(P_i·Φ(P_j))/2^k, through the dense reference.</summary>
    public static double[,] PauliTransferMatrix(BoundChannel channel)
    {
        int k = channel.QubitCount, count = 1 << 2 * k;
        int[] qubits = [.. Enumerable.Range(0, k)];
        var r = new double[count, count];
        for (int j = 0; j < count; j++)
        {
            var image = DensityMatrixReference.ApplyKraus(ToArray(Pauli(j, k)), channel.Kraus, qubits);
            for (int i = 0; i < count; i++)
                r[i, j] = DensityMatrixReference.Trace(DensityMatrixReference.Multiply(ToArray(Pauli(i, k)), image)).Real / (1 << k);
        }
        return r;
    }

    public static Complex[,] ToArray(ComplexMatrix m)
    {
        var a = new Complex[m.Dimension, m.Dimension];
        for (int r = 0; r < m.Dimension; r++)
            for (int c = 0; c < m.Dimension; c++) a[r, c] = m[r, c];
        return a;
    }

    /// <summary>Σ_i f(K_i), e.g. Σ K†K.</summary>
    public static ComplexMatrix SumOver(IEnumerable<ComplexMatrix> kraus, Func<ComplexMatrix, ComplexMatrix> term) =>
        kraus.Select(term).Aggregate((a, b) => a.Add(b));
}
