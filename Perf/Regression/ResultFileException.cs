namespace QSim.Perf.Regression;

/// <summary>A results file or folder that cannot be read as a BenchmarkDotNet JSON export; the message says which and why.</summary>
public sealed class ResultFileException(string message) : Exception(message);
