using ILGPU.Runtime.Cuda;
using QSim.Gpu.Diagnostics;
using QSim.Gpu.Kernels;

namespace QSim.Perf.Gpu;

/// <summary>
/// Writes the PTX of every kernel the engine can launch, for sm_80 and sm_90, one file per kernel and architecture
/// (<c>NAME.sm_80.ptx</c>), compiled as a CUDA device would get it; no device needed. scripts/ptxas-check.sh assembles them.
/// </summary>
internal static class PtxExport
{
    /// <summary>Exit code 0 when every kernel compiled, 1 otherwise, 64 for a bad command line.</summary>
    public static int Run(IReadOnlyList<string> args, TextWriter output)
    {
        if (args.Count != 1)
        {
            output.WriteLine(DeviceRunOptions.Usage);
            return 64;
        }
        string directory = Directory.CreateDirectory(args[0]).FullName;
        int failed = 0;
        foreach (var architecture in new[] { CudaArchitecture.SM_80, CudaArchitecture.SM_90 })
        {
            using var compiler = new PtxCompiler(architecture, CudaInstructionSet.ISA_88);
            string arch = $"sm_{architecture.Major}{architecture.Minor}";
            foreach (var kernel in KernelCatalog.All)
            {
                try
                {
                    File.WriteAllText(Path.Combine(directory, $"{kernel.Name}.{arch}.ptx"), compiler.Compile(kernel));
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    failed++;
                    output.WriteLine($"{kernel.Name} for {arch}: {e.GetType().Name}: {e.Message}");
                }
            }
        }
        output.WriteLine($"{2 * KernelCatalog.All.Count - failed} PTX files in {directory}; {failed} kernels failed to compile");
        return failed == 0 ? 0 : 1;
    }
}
