namespace QSim.Perf.Gpu;

/// <summary>Command-line settings; the defaults are the sizes for a real GPU.</summary>
internal sealed record GpuPerfOptions
{
    /// <summary>Run on ILGPU's CPU accelerator (a dry run of the whole script without a GPU).</summary>
    public bool CpuAccelerator { get; init; }
    public int[] GateSizes { get; init; } = [26, 28, 30];
    public int[] HeaSizes { get; init; } = [20, 24];
    public int BatchQubits { get; init; } = 10;
    public int BatchSize { get; init; } = 4096;
    public int Repeats { get; init; } = 5;

    public static GpuPerfOptions Parse(string[] args)
    {
        var options = new GpuPerfOptions();
        for (int i = 0; i < args.Length; i++)
        {
            options = args[i] switch
            {
                "--cpu-accelerator" => options with { CpuAccelerator = true },
                "--gate-sizes" => options with { GateSizes = Ints(args[++i]) },
                "--hea-sizes" => options with { HeaSizes = Ints(args[++i]) },
                "--batch" => Batch(options, args[++i]),
                "--repeats" => options with { Repeats = int.Parse(args[++i]) },
                _ => throw new ArgumentException($"Unknown option '{args[i]}'. Options: --cpu-accelerator, --gate-sizes 26,28,30, --hea-sizes 20,24, --batch 10x4096, --repeats 5."),
            };
        }
        return options;
    }

    private static int[] Ints(string list) => list.Split(',').Select(int.Parse).ToArray();

    private static GpuPerfOptions Batch(GpuPerfOptions options, string shape)
    {
        var parts = shape.Split('x');
        return options with { BatchQubits = int.Parse(parts[0]), BatchSize = int.Parse(parts[1]) };
    }
}
