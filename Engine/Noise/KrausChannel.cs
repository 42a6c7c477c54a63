using System.Globalization;
using System.Numerics;
using QSim.Numerics;

namespace QSim.Noise;

/// <summary>User Kraus operators do not make a channel QSim accepts.</summary>
public sealed class KrausOperatorsException : ArgumentException
{
    /// <summary>Creates the exception.</summary>
    public KrausOperatorsException(int? operatorIndex, string reason)
        : base(operatorIndex is { } i ? $"Kraus operator {i} {reason}." : $"The Kraus operators {reason}.")
    {
        Operator = operatorIndex;
        Reason = reason;
    }

    /// <summary>Index of the operator at fault, or null when the fault is in the set (e.g. not trace preserving).</summary>
    public int? Operator { get; }

    /// <summary>What is wrong, without the operator's index.</summary>
    public string Reason { get; }
}

/// <summary>Checks user Kraus operators and makes their channel, with the flags the matrices show.</summary>
internal static class KrausChannel
{
    public static ChannelDefinition Create(IReadOnlyList<ComplexMatrix> operators, string name, double tolerance)
    {
        Check(operators, tolerance);
        ComplexMatrix[] kraus = [.. operators];
        var flags = ChannelFlags.None;
        if (IsIdentity(Sum(kraus, k => k * k.Adjoint()), tolerance)) flags |= ChannelFlags.Unital;
        if (kraus.All(k => k.IsDiagonal)) flags |= ChannelFlags.DiagonalKraus;
        MixedUnitaryFactory? mixedUnitary = null;
        if (AsMixture(kraus, tolerance) is { } mixture)
        {
            flags |= ChannelFlags.MixedUnitary;
            mixedUnitary = _ => mixture;
        }
        return new ChannelDefinition(name, kraus[0].QubitCount, [], _ => [.. kraus], mixedUnitary, flags, null);
    }

    private static void Check(IReadOnlyList<ComplexMatrix> operators, double tolerance)
    {
        if (operators.Count is 0 or > ChannelLibrary.MaxKrausOperators)
            throw new KrausOperatorsException(null, $"must number 1 to {ChannelLibrary.MaxKrausOperators}; got {operators.Count}");
        for (int i = 0; i < operators.Count; i++)
        {
            var k = operators[i];
            if (k.QubitCount < 1 || k.QubitCount > ChannelLibrary.MaxQubits)
                throw new KrausOperatorsException(i, $"is {k.Dimension}x{k.Dimension}; a channel acts on 1 to 3 qubits (2x2, 4x4 or 8x8)");
            if (k.Dimension != operators[0].Dimension)
                throw new KrausOperatorsException(i, $"is {k.Dimension}x{k.Dimension} but operator 0 is {operators[0].Dimension}x{operators[0].Dimension}");
            for (int e = 0; e < k.Elements.Length; e++)
                if (!double.IsFinite(k.Elements[e].Real) || !double.IsFinite(k.Elements[e].Imaginary))
                    throw new KrausOperatorsException(i, $"has a non-finite element at [{e / k.Dimension}, {e % k.Dimension}]");
        }
        var completeness = Sum(operators, k => k.Adjoint() * k);
        var (row, column, deviation) = WorstDeviationFromIdentity(completeness);
        if (deviation > tolerance)
            throw new KrausOperatorsException(null,
                $"are not trace preserving: element [{row}, {column}] of Σ K†K is {Text(completeness[row, column])}, off by {deviation:G3} " +
                $"from {(row == column ? 1 : 0)} (tolerance {tolerance:G3})");
    }

    /// <summary>√p_i·U_i when every K_i†K_i = p_i·I (p_i ≥ 0), else null; an operator that is zero gets p = 0 and U = I.</summary>
    private static MixedUnitary? AsMixture(ComplexMatrix[] kraus, double tolerance)
    {
        int dimension = kraus[0].Dimension;
        var probabilities = new double[kraus.Length];
        var unitaries = new ComplexMatrix[kraus.Length];
        for (int i = 0; i < kraus.Length; i++)
        {
            var gram = kraus[i].Adjoint() * kraus[i];
            double p = gram[0, 0].Real;
            if (p <= tolerance)
            {
                if (gram.MaxDistance(new ComplexMatrix(new Complex[dimension * dimension])) > tolerance) return null;
                unitaries[i] = ComplexMatrix.Identity(dimension);
                continue;
            }
            if (!IsIdentity(gram.Scale(1 / p), tolerance)) return null;
            probabilities[i] = p;
            unitaries[i] = kraus[i].Scale(1 / Math.Sqrt(p));
        }
        double total = probabilities.Sum();
        return new MixedUnitary([.. probabilities.Select(p => p / total)], [.. unitaries]);
    }

    private static ComplexMatrix Sum(IEnumerable<ComplexMatrix> operators, Func<ComplexMatrix, ComplexMatrix> term) =>
        operators.Select(term).Aggregate((a, b) => a.Add(b));

    private static bool IsIdentity(ComplexMatrix m, double tolerance) => WorstDeviationFromIdentity(m).Deviation <= tolerance;

    private static (int Row, int Column, double Deviation) WorstDeviationFromIdentity(ComplexMatrix m)
    {
        var worst = (Row: 0, Column: 0, Deviation: 0.0);
        for (int r = 0; r < m.Dimension; r++)
            for (int c = 0; c < m.Dimension; c++)
            {
                double d = Complex.Abs(m[r, c] - (r == c ? Complex.One : Complex.Zero));
                if (d > worst.Deviation) worst = (r, c, d);
            }
        return worst;
    }

    private static string Text(Complex z) => z.Imaginary == 0
        ? z.Real.ToString("G6", CultureInfo.InvariantCulture)
        : $"{z.Real.ToString("G6", CultureInfo.InvariantCulture)}{(z.Imaginary < 0 ? "-" : "+")}{Math.Abs(z.Imaginary).ToString("G6", CultureInfo.InvariantCulture)}i";
}
