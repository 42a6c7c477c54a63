namespace QSim.Samples;

/// <summary>
/// The value a training loop follows, one per step, printed as a two-column curve (step, value, and any extra columns) every
/// <c>printEvery</c> steps and at the last step.
/// </summary>
public sealed class TrainingCurve(TextWriter output, string valueName, int totalSteps, int printEvery)
{
    private readonly List<double> _values = new(totalSteps);

    /// <summary>Every recorded value, in step order.</summary>
    public IReadOnlyList<double> Values => _values;

    /// <summary>Prints the column headings.</summary>
    public void PrintHeader(string extraColumns = "") => output.WriteLine($"{"step",6}  {valueName,12}  {extraColumns}".TrimEnd());

    /// <summary>Records the value of the next step and prints it when that step is due.</summary>
    public void Add(double value, string extraColumns = "")
    {
        _values.Add(value);
        int step = _values.Count;
        if (step % printEvery == 0 || step == 1 || step == totalSteps)
            output.WriteLine($"{step,6}  {value,12:F6}  {extraColumns}".TrimEnd());
    }
}
