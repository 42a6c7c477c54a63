namespace QSim.Noise;

/// <summary>A readout confusion matrix is not a probability table.</summary>
public sealed class ReadoutErrorException : ArgumentException
{
    /// <summary>Creates the exception.</summary>
    public ReadoutErrorException(int row, int? column, string reason)
        : base(column is { } c ? $"Readout error element [{row}, {c}] {reason}." : $"Readout error row {row} {reason}.")
    {
        Row = row;
        Column = column;
        Reason = reason;
    }

    /// <summary>The row (true outcome) at fault.</summary>
    public int Row { get; }

    /// <summary>The column (bit read) at fault, or null when the fault is the row's sum.</summary>
    public int? Column { get; }

    /// <summary>What is wrong, without the location.</summary>
    public string Reason { get; }
}

/// <summary>
/// A qubit's readout error: the confusion matrix P(read j | true i), row i the true outcome, column j the bit
/// recorded. It changes the classical bit a measurement writes, never the state: the qubit collapses to its true
/// outcome i and the recorded bit is drawn from row i.
/// </summary>
public sealed class ReadoutError : IEquatable<ReadoutError>
{
    /// <summary>How far a row's sum may be from 1.</summary>
    public const double RowSumTolerance = 1e-9;

    private readonly double[,] _matrix;

    /// <summary>A readout error from its 2x2 confusion matrix.</summary>
    /// <exception cref="ReadoutErrorException">An element is not in [0, 1] or a row does not sum to 1 within <see cref="RowSumTolerance"/>.</exception>
    /// <exception cref="ArgumentException">The matrix is not 2x2.</exception>
    public ReadoutError(double[,] matrix)
    {
        if (matrix.GetLength(0) != 2 || matrix.GetLength(1) != 2)
            throw new ArgumentException($"A readout confusion matrix is 2x2; got {matrix.GetLength(0)}x{matrix.GetLength(1)}.", nameof(matrix));
        for (int row = 0; row < 2; row++)
        {
            for (int column = 0; column < 2; column++)
                if (!(matrix[row, column] is >= 0 and <= 1))
                    throw new ReadoutErrorException(row, column, $"must be in [0, 1]; got {ChannelParameter.Format(matrix[row, column])}");
            double sum = matrix[row, 0] + matrix[row, 1];
            if (Math.Abs(sum - 1) > RowSumTolerance)
                throw new ReadoutErrorException(row, null, $"must sum to 1 (P(read 0 | true {row}) + P(read 1 | true {row})); got {ChannelParameter.Format(sum)}");
        }
        _matrix = (double[,])matrix.Clone();
    }

    /// <summary>The readout error that records 1 for a true 0 with probability <paramref name="oneGivenZero"/> and 0 for a true 1 with <paramref name="zeroGivenOne"/>.</summary>
    /// <exception cref="ReadoutErrorException">A probability is not in [0, 1].</exception>
    public static ReadoutError FromFlipProbabilities(double oneGivenZero, double zeroGivenOne)
    {
        if (!(oneGivenZero is >= 0 and <= 1)) throw new ReadoutErrorException(0, 1, $"must be in [0, 1]; got {ChannelParameter.Format(oneGivenZero)}");
        if (!(zeroGivenOne is >= 0 and <= 1)) throw new ReadoutErrorException(1, 0, $"must be in [0, 1]; got {ChannelParameter.Format(zeroGivenOne)}");
        return new(new[,] { { 1 - oneGivenZero, oneGivenZero }, { zeroGivenOne, 1 - zeroGivenOne } });
    }

    /// <summary>P(read <paramref name="read"/> | true <paramref name="truth"/>).</summary>
    public double this[int truth, int read] => _matrix[truth, read];

    /// <summary>True when the bit read is always the true outcome.</summary>
    public bool IsIdentity => _matrix[0, 1] == 0 && _matrix[1, 0] == 0;

    /// <summary>The bit recorded for a true <paramref name="outcome"/>, given a uniform draw in [0, 1): flipped when the draw falls below P(flip | outcome).</summary>
    public bool Read(bool outcome, double uniform) => uniform < _matrix[outcome ? 1 : 0, outcome ? 0 : 1] ? !outcome : outcome;

    /// <inheritdoc/>
    public bool Equals(ReadoutError? other) =>
        other is not null && _matrix[0, 0] == other._matrix[0, 0] && _matrix[0, 1] == other._matrix[0, 1]
        && _matrix[1, 0] == other._matrix[1, 0] && _matrix[1, 1] == other._matrix[1, 1];

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as ReadoutError);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(_matrix[0, 1], _matrix[1, 0]);
}
