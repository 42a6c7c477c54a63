using System.CommandLine;
using QSim.Passes;

namespace QSim.Cli.Commands;

/// <summary>The <c>--optimize 0..3</c> option that run and info share.</summary>
internal static class OptimizeOption
{
    /// <summary>The level a run uses unless told otherwise: every pass, fusion and cache-blocked sweeps.</summary>
    public const int DefaultLevel = PassManager.MaxLevel;

    public static Option<int> Create()
    {
        var option = new Option<int>("--optimize", "-O")
        {
            Description = $"Optimization level: 0 (none) to {PassManager.MaxLevel} (fusion and cache-blocked sweeps)",
            DefaultValueFactory = _ => DefaultLevel,
        };
        option.Validators.Add(result =>
        {
            int level = result.GetValueOrDefault<int>();
            if (level is < 0 or > PassManager.MaxLevel)
                result.AddError($"--optimize: the level is 0 to {PassManager.MaxLevel}; got {level}");
        });
        return option;
    }
}
