using ILGPU;
using ILGPU.Backends.EntryPoints;
using ILGPU.Backends.PTX;
using ILGPU.IR;
using ILGPU.Runtime;
using ILGPU.Runtime.Cuda;
using QSim.Gpu.Kernels;

namespace QSim.Gpu.Diagnostics;

/// <summary>
/// Compiles the engine's kernels to PTX text with ILGPU's PTX backend, with no CUDA device or driver, under the
/// context settings a <see cref="GpuBackend"/> uses: what the tests read for address-space faults and what
/// <c>scripts/ptxas-check.sh</c> assembles. Holds its own ILGPU context (an internal compiler error spoils a context
/// for every later compile).
/// </summary>
internal sealed class PtxCompiler : IDisposable
{
    private readonly Context _context;
    private readonly PTXBackend _backend;

    /// <summary>A compiler for one architecture and PTX ISA version (ILGPU writes ISA 8.8 for a CUDA 12.9+ driver).</summary>
    public PtxCompiler(CudaArchitecture architecture, CudaInstructionSet instructionSet)
    {
        _context = Context.Create(GpuBackend.ConfigureCompiler);
        _backend = new PTXBackend(_context, new CudaCapabilityContext(architecture), architecture, instructionSet, nvvmAPI: null);
    }

    /// <summary>The architecture compiled for.</summary>
    public CudaArchitecture Architecture => _backend.Architecture;

    /// <summary>The PTX of one entry point.</summary>
    /// <exception cref="Exception">ILGPU's compiler fails (its own exception types, internal compiler errors included).</exception>
    public string Compile(KernelEntryPoint kernel)
    {
        var entry = kernel.Grouping == KernelGrouping.Implicit
            ? EntryPointDescription.FromImplicitlyGroupedKernel(kernel.Method)
            : EntryPointDescription.FromExplicitlyGroupedKernel(kernel.Method);
        if (kernel.Specialization is not int value)
            return ((PTXCompiledKernel)_backend.Compile(entry, KernelSpecialization.Empty)).PTXAssembly;

        using var kernelContext = _backend.PreCompileKernelMethod(entry).ExtractToContext(out var kernelMethod);
        var launcher = SpecializedLauncher(kernelContext, kernelMethod, entry, SpecializedValue.New(value));
        kernelContext.Optimize();
        return ((PTXCompiledKernel)_backend.Compile(launcher, entry, KernelSpecialization.Empty)).PTXAssembly;
    }

    /// <summary>
    /// The wrapper ILGPU's specialisation cache builds at launch: a method with the kernel's parameters that calls the
    /// kernel (inlined) with the specialised parameter replaced by its value.
    /// </summary>
    private static Method SpecializedLauncher(IRContext context, Method kernel, in EntryPointDescription entry, object value)
    {
        var launcher = context.Declare(new MethodDeclaration(MethodHandle.Create("LauncherWrapper"), context.VoidType), out _);
        kernel.AddFlags(MethodFlags.Inline);
        using var builder = launcher.CreateBuilder();
        var location = launcher.Location;
        var block = builder.EntryBlockBuilder;
        var call = block.CreateCall(location, kernel);
        var specialized = entry.Parameters.SpecializedParameters;
        for (int i = 0, next = 0; i < kernel.NumParameters; i++)
        {
            var parameter = builder.AddParameter(kernel.Parameters[i].Type, kernel.Parameters[i].Name);
            bool isSpecialized = next < specialized.Length && specialized[next].Index == i - entry.KernelIndexParameterOffset;
            call.Add(isSpecialized ? block.CreateObjectValue(location, value) : parameter);
            if (isSpecialized) next++;
        }
        call.Seal();
        block.CreateReturn(location);
        builder.Complete();
        return launcher;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _backend.Dispose();
        _context.Dispose();
    }
}
