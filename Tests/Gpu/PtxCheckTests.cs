using System.Reflection;
using Regex = System.Text.RegularExpressions.Regex;
using RegexOptions = System.Text.RegularExpressions.RegexOptions;
using ILGPU;
using ILGPU.Runtime.Cuda;
using QSim.Gpu.Diagnostics;
using QSim.Gpu.Kernels;

namespace QSim.Tests.Gpu;

/// <summary>
/// Every kernel the GPU engine can launch, compiled to PTX for sm_80 and sm_90 by ILGPU's PTX backend (no device or
/// driver needed) and read for address-space faults: what the CPU accelerator cannot show before a GPU runs it.
/// </summary>
public sealed class PtxCheckTests
{
    private static readonly CudaArchitecture[] Architectures = [CudaArchitecture.SM_80, CudaArchitecture.SM_90];
    private readonly Dictionary<CudaArchitecture, PtxCompiler> _compilers = [];

    [OneTimeSetUp]
    public void CreateCompilers()
    {
        foreach (var architecture in Architectures) _compilers[architecture] = new PtxCompiler(architecture, CudaInstructionSet.ISA_88);
    }

    [OneTimeTearDown]
    public void DisposeCompilers()
    {
        foreach (var compiler in _compilers.Values) compiler.Dispose();
    }

    private static IEnumerable<TestCaseData> Kernels() =>
        KernelCatalog.All.Select(k => new TestCaseData(k.Name).SetArgDisplayNames(k.Name));

    [TestCaseSource(nameof(Kernels))]
    public void Kernel_CompilesForSm80AndSm90_WithoutAddressSpaceFaults(string name)
    {
        var kernel = KernelCatalog.All.Single(k => k.Name == name);
        foreach (var (architecture, compiler) in _compilers)
        {
            string ptx = compiler.Compile(kernel);
            Assert.That(ptx, Does.Contain(".entry"), $"{architecture}: no entry point in the PTX");
            Assert.That(Regex.IsMatch(ptx, @"^\s*call", RegexOptions.Multiline), Is.False, $"{architecture}: a call (the analysis reads each function alone)");
            Assert.That(PtxAddressSpaces.Analyze(ptx), Is.Empty, $"{name} for {architecture}");
        }
    }

    [Test]
    public void BatchKernel_EachPath_AddressesItsStateInItsOwnSpace()
    {
        // The batch kernel once held its state in one view that pointed to shared or global memory: the PTX then
        // stored to raw shared offsets with generic st (an illegal address on a GPU). Each path now has one space.
        var compiler = _compilers[CudaArchitecture.SM_90];
        string shared = compiler.Compile(KernelCatalog.All.Single(k => k.Name == "BatchKernel.RunInSharedMemory.c64"));
        string global = compiler.Compile(KernelCatalog.All.Single(k => k.Name == "BatchKernel.RunInGlobalMemory.c64"));
        Assert.That(PtxAddressSpaces.Analyze(shared).Concat(PtxAddressSpaces.Analyze(global)), Is.Empty);
        Assert.That(shared, Does.Contain("st.shared.v2.f32"), "the shared path writes its amplitudes with st.shared");
        Assert.That(global, Does.Contain("st.global.v2.f32"), "the global path writes its amplitudes with st.global");
        Assert.That(global, Does.Not.Contain("__dyn_shared_alloca"), "the global path asks for no dynamic shared memory");
        Assert.That(StaticSharedArrays(shared) + StaticSharedArrays(global), Is.EqualTo(2), "one reduction scratch per kernel");
    }

    [Test]
    public void Analysis_OfTheFormerBatchKernel_FindsItsGenericAccessesToSharedMemory()
    {
        // The PTX ILGPU 1.5.3 generated for the batch kernel before its paths were split (kept as a fixture).
        string ptx = File.ReadAllText(Path.Combine(TestContext.CurrentContext.TestDirectory, "Gpu", "Ptx", "batch-kernel-one-view-two-spaces.ptx"));
        var faults = PtxAddressSpaces.Analyze(ptx);
        Assert.That(faults, Has.Count.EqualTo(8), string.Join("\n", faults));
        Assert.That(faults, Has.All.Matches<PtxFault>(f => f!.Reason == "generic " + f.Instruction[..2] + " on an address that may be a raw shared offset (no cvta)"));
    }

    /// <summary>The fault as the former batch kernel had it: one view, shared or global by a runtime flag.</summary>
    public static void ProbeWithTwoOrigins(ArrayView<float> global, int inShared)
    {
        var view = inShared != 0 ? SharedMemory.GetDynamic<float>() : global;
        view[Group.IdxX] = Group.IdxX;
    }

    [Test]
    public void Analysis_OfAViewWithTwoOrigins_FindsTheGenericStoreToSharedMemory()
    {
        var probe = new KernelEntryPoint("probe", typeof(PtxCheckTests).GetMethod(nameof(ProbeWithTwoOrigins))!, KernelGrouping.Explicit);
        var faults = PtxAddressSpaces.Analyze(_compilers[CudaArchitecture.SM_90].Compile(probe));
        Assert.That(faults, Has.Some.Matches<PtxFault>(f => f!.Reason.StartsWith("generic st") && f.Reason.Contains("shared")), string.Join("\n", faults));
    }

    [Test]
    public void Catalog_ListsEveryPublicKernelMethod()
    {
        var kernelClasses = typeof(GateKernels).Assembly.GetTypes()
            .Where(t => t is { IsAbstract: true, IsSealed: true, IsPublic: true } && t.Namespace is "QSim.Gpu.Kernels" or "QSim.Gpu.Batch");
        var kernels = kernelClasses
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Where(m => m.ReturnType == typeof(void) && m.GetParameters().Any(p => p.ParameterType.IsGenericType && p.ParameterType.Name.StartsWith("ArrayView")))
            .Select(m => $"{m.DeclaringType!.Name}.{m.Name}")
            .ToHashSet();
        var listed = KernelCatalog.All.Select(k => $"{k.Method.DeclaringType!.Name}.{k.Method.Name}").ToHashSet();
        Assert.That(listed, Is.EquivalentTo(kernels));
        Assert.That(KernelCatalog.All.Where(k => k.Method.Name == nameof(GateKernels.ApplyDense)).Select(k => k.Specialization),
            Is.EquivalentTo(new int?[] { 4, 8, 16, 32, 64, 4, 8, 16, 32, 64 }), "every dense dimension in both precisions");
    }

    private static int StaticSharedArrays(string ptx) => ptx.Split('\n').Count(line => line.TrimStart().StartsWith(".shared ", StringComparison.Ordinal));
}
