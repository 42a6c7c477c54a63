using System.Globalization;

namespace QSim.Perf.Gpu;

/// <summary>Settings of one device run; the defaults are the sizes for an H100/H200 within one call of about seven minutes.</summary>
internal sealed record DeviceRunOptions
{
    /// <summary>Run on ILGPU's CPU accelerator (the dry run of the whole program without a GPU).</summary>
    public bool CpuAccelerator { get; init; }

    /// <summary>Where rows.tsv is written as rows are measured (default: $OUT when set).</summary>
    public string? OutputDirectory { get; init; } = Environment.GetEnvironmentVariable("OUT") is { Length: > 0 } folder ? folder : null;

    /// <summary>Qubit counts of the correctness sections (every backend operation against the CPU backend).</summary>
    public int[] CheckSizes { get; init; } = [8, 16];

    /// <summary>Threads per launch of the correctness sections after the first, so that grid-stride loops take several passes.</summary>
    public int CheckThreadsPerLaunch { get; init; } = 1024;

    /// <summary>Qubit counts of the gate-pass timings, both precisions.</summary>
    public int[] GateSizes { get; init; } = [26, 28, 30];

    /// <summary>Qubits and depth of the random brickwork circuit (the rqc_* family).</summary>
    public (int Qubits, int Depth) RandomCircuit { get; init; } = (30, 20);

    /// <summary>Qubits and parameter sets of the batched estimator timing.</summary>
    public (int Qubits, int Sets) Batch { get; init; } = (10, 4096);

    /// <summary>Qubits of the large-state check in complex64 (0 skips it); run last, as the section most likely to crash.</summary>
    public int LargeStateQubits { get; init; } = 32;

    /// <summary>Timed repetitions (median reported).</summary>
    public int Repeats { get; init; } = 5;

    /// <summary>No section starts after this many seconds (the rest are reported as skipped).</summary>
    public double DeadlineSeconds { get; init; } = 330;

    public const string Usage =
        "Usage: QSim.Perf.Gpu [--cpu-accelerator] [--out DIR] [--check-sizes 8,16] [--check-threads 1024] [--gate-sizes 26,28,30]\n" +
        "                     [--random-circuit 30x20] [--batch 10x4096] [--large-state 32] [--repeats 5] [--deadline 330]\n" +
        "       QSim.Perf.Gpu ptx DIR   (every kernel's PTX for sm_80 and sm_90, for scripts/ptxas-check.sh)";

    /// <summary>Parses the command line.</summary>
    /// <exception cref="ArgumentException">An unknown option or a malformed value; the message names it.</exception>
    public static DeviceRunOptions Parse(IReadOnlyList<string> args)
    {
        var options = new DeviceRunOptions();
        for (int i = 0; i < args.Count; i++)
        {
            string name = args[i];
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{name} needs a value.");
            options = name switch
            {
                "--cpu-accelerator" => options with { CpuAccelerator = true },
                "--out" => options with { OutputDirectory = Value() },
                "--check-sizes" => options with { CheckSizes = Ints(name, Value()) },
                "--check-threads" => options with { CheckThreadsPerLaunch = Int(name, Value()) },
                "--gate-sizes" => options with { GateSizes = Ints(name, Value()) },
                "--random-circuit" => options with { RandomCircuit = Pair(name, Value()) },
                "--batch" => options with { Batch = Pair(name, Value()) },
                "--large-state" => options with { LargeStateQubits = Int(name, Value()) },
                "--repeats" => options with { Repeats = Int(name, Value()) },
                "--deadline" => options with { DeadlineSeconds = Int(name, Value()) },
                _ => throw new ArgumentException($"Unknown option '{name}'."),
            };
        }
        return options;
    }

    private static int Int(string option, string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value)
            ? value
            : throw new ArgumentException($"{option} expects a non-negative integer; got '{text}'.");

    private static int[] Ints(string option, string list) => [.. list.Split(',').Select(item => Int(option, item))];

    private static (int, int) Pair(string option, string text) =>
        text.Split('x') is [var a, var b] ? (Int(option, a), Int(option, b)) : throw new ArgumentException($"{option} expects AxB; got '{text}'.");
}
