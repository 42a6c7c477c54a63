using System.Globalization;

namespace QSim.Perf.Gpu;

/// <summary>What a row says about its measurement.</summary>
internal enum Verdict
{
    /// <summary>A timing or a fact, no target.</summary>
    Info,
    Pass,
    Fail,
    /// <summary>A timing below its target (not a failure of the run).</summary>
    Miss,
    Skipped,
    Error,
}

/// <summary>One result: a check (its largest error) or a timing.</summary>
internal sealed record Row(string Section, string Item, int Qubits, string Precision, double Value, string Unit, Verdict Verdict, string Detail = "");

/// <summary>
/// Prints every row the moment it is measured and appends it to rows.tsv in the output folder (flushed per row), so a
/// run that is killed or crashes keeps everything measured before.
/// </summary>
internal sealed class RowLog : IDisposable
{
    private readonly TextWriter _console;
    private readonly StreamWriter? _file;
    private readonly List<Row> _rows = [];

    public RowLog(TextWriter console, string? directory)
    {
        _console = console;
        if (directory is null) return;
        Directory.CreateDirectory(directory);
        _file = new StreamWriter(Path.Combine(directory, "rows.tsv"), append: false) { AutoFlush = true };
        _file.WriteLine("section\titem\tqubits\tprecision\tvalue\tunit\tverdict\tdetail");
    }

    public IReadOnlyList<Row> Rows => _rows;

    public void Add(Row row)
    {
        _rows.Add(row);
        string value = row.Value.ToString(row.Unit is "ms" or "s" ? "F3" : "G4", CultureInfo.InvariantCulture);
        _console.WriteLine($"[{row.Verdict,-7}] {row.Section} | {row.Item} | n={row.Qubits} {row.Precision} | {value} {row.Unit} {row.Detail}".TrimEnd());
        _console.Flush();
        _file?.WriteLine(string.Join('\t', row.Section, row.Item, row.Qubits, row.Precision,
            row.Value.ToString("R", CultureInfo.InvariantCulture), row.Unit, row.Verdict, row.Detail));
    }

    /// <summary>A line of context (device, environment), printed and kept as an Info row.</summary>
    public void Note(string section, string text) => Add(new Row(section, text, 0, "", 0, "", Verdict.Info));

    /// <summary>The summary table of the timings and the count of checks, printed last.</summary>
    public void PrintSummary()
    {
        _console.WriteLine();
        _console.WriteLine($"| {"section",-16} | {"item",-44} | {"n",2} | {"prec",4} | {"value",12} | verdict | detail");
        _console.WriteLine($"|{new string('-', 18)}|{new string('-', 46)}|----|------|{new string('-', 14)}|---------|-------");
        foreach (var r in _rows.Where(r => r.Unit is not "" and not "error"))
            _console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {r.Section,-16} | {r.Item,-44} | {r.Qubits,2} | {r.Precision,4} | {r.Value,9:F3} {r.Unit,-2} | {r.Verdict,-7} | {r.Detail}"));
        int pass = _rows.Count(r => r.Verdict == Verdict.Pass), fail = _rows.Count(r => r.Verdict == Verdict.Fail);
        int errors = _rows.Count(r => r.Verdict == Verdict.Error), skipped = _rows.Count(r => r.Verdict == Verdict.Skipped);
        _console.WriteLine($"checks: {pass} passed, {fail} failed; sections with errors: {errors}; skipped: {skipped}");
    }

    public void Dispose() => _file?.Dispose();
}
