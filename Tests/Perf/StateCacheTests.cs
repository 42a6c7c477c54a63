using QSim.Backends;
using QSim.Perf.Circuits;
using QSim.Perf.Infrastructure;
using QSim.Perf.Kernels;

namespace QSim.Tests.Perf;

public class StateCacheTests
{
    [Test]
    public void Get_SameShapeForAnotherSuite_MakesAndPreparesAFreshState()
    {
        int kernelPreparations = 0;
        var circuitState = StateCache.Get(typeof(EndToEndCircuitBenchmarks), 3, Precision.Single, 1);

        var kernelState = StateCache.Get(typeof(KernelPassBenchmarks), 3, Precision.Single, 1, _ => kernelPreparations++);
        var again = StateCache.Get(typeof(KernelPassBenchmarks), 3, Precision.Single, 1, _ => kernelPreparations++);

        Assert.That(kernelState, Is.Not.SameAs(circuitState));
        Assert.That(again, Is.SameAs(kernelState));
        Assert.That(kernelPreparations, Is.EqualTo(1));
    }
}
