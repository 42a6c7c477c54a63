using QSim.Perf.Regression;

namespace QSim.Perf.Report;

/// <summary>
/// <c>report RESULTS OUT_DIR</c>: writes roofline.md and one PNG plot per precision into OUT_DIR from a run's
/// JSON export (a file or a folder of them). Exit codes: 0 written, 2 bad arguments or input.
/// </summary>
public static class ReportCommand
{
    public const string Name = "report";
    public const string MarkdownFile = "roofline.md";
    public const int BadInput = 2;

    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        if (args.Count != 2) return Fail(error, "usage: report RESULTS OUT_DIR  (RESULTS: a BenchmarkDotNet JSON export or a folder of them)");
        try
        {
            var data = RooflineData.From(ResultFile.Load(args[0]));
            if (data.Points.Count == 0) return Fail(error, $"{args[0]}: no kernel or circuit figures with their floor to report.");
            Directory.CreateDirectory(args[1]);
            var plots = RooflinePlot.Write(data, args[1]);
            string markdown = Path.Combine(args[1], MarkdownFile);
            using (var writer = new StreamWriter(markdown)) RooflineMarkdown.Write(data, plots, args[0], writer);
            output.WriteLine($"Wrote {markdown} and {string.Join(", ", plots)}.");
            return 0;
        }
        catch (ResultFileException e)
        {
            return Fail(error, e.Message);
        }
    }

    private static int Fail(TextWriter error, string message)
    {
        error.WriteLine($"report: {message}");
        return BadInput;
    }
}
