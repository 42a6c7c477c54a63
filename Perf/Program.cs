using BenchmarkDotNet.Running;

namespace QSim.Perf;

/// <summary>Entry point: BenchmarkDotNet's switcher over every suite in this assembly.</summary>
public static class Program
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
