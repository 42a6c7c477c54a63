using QSim.Cpu;
using QSim.DensityMatrix;

namespace QSim.Tests.Noise;

/// <summary>
/// The two backends the noise tests compare, created once per fixture: CPU state vectors for quantum trajectories (two
/// threads; trajectories of states below 20 qubits run in parallel), and the exact density matrix on the CPU kernels.
/// </summary>
public abstract class NoiseBackends
{
    /// <summary>State vectors: noisy circuits run as trajectories.</summary>
    protected CpuBackend Cpu { get; private set; } = null!;

    /// <summary>Density matrices: noisy circuits run exactly.</summary>
    protected DensityMatrixBackend Exact { get; private set; } = null!;

    [OneTimeSetUp]
    public void CreateBackends()
    {
        Cpu = new CpuBackend(new CpuBackendOptions { Threads = 2, ParallelThresholdQubits = 20 });
        Exact = new DensityMatrixBackend(new CpuBackend(new CpuBackendOptions { Threads = 2 }));
    }

    [OneTimeTearDown]
    public void DisposeBackends()
    {
        Cpu?.Dispose();
        Exact?.Dispose();
    }
}
