using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace QSim.Perf.FrontEnd;

/// <summary>Megabytes of OpenQASM source per second for the parse figure (source bytes / mean time).</summary>
public sealed class ParseThroughputColumn : IColumn
{
    public string Id => nameof(ParseThroughputColumn);
    public string ColumnName => "Source MB/s";
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Custom;
    public int PriorityInCategory => 0;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Dimensionless;
    public string Legend => "OpenQASM source parsed per second, in 10^6 bytes";

    public bool IsAvailable(Summary summary) => true;
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        if (benchmarkCase.Descriptor.WorkloadMethod.Name != nameof(ParseBenchmarks.Parse)) return "-";
        var mean = summary[benchmarkCase]?.ResultStatistics?.Mean;
        int gates = (int)benchmarkCase.Parameters[nameof(ParseBenchmarks.Gates)]!;
        return mean is > 0 ? (SyntheticQasm.Bytes(gates) / (mean.Value * 1e-9) / 1e6).ToString("F1") : "-";
    }
}
