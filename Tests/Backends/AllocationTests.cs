using QSim.Backends;
using QSim.Cpu;
using QSim.Gates;

namespace QSim.Tests.Backends;

/// <summary>Gate passes allocate nothing: no per-gate garbage in a training loop of millions of gates.</summary>
public sealed class AllocationTests
{
    [Test]
    public void ApplyMatrixAndDiagonal_AfterWarmUp_AllocateNothing([Values(1, 2)] int threads)
    {
        using var backend = new CpuBackend(new CpuBackendOptions { Threads = threads });
        using var state = backend.CreateState(16, Precision.Single);
        var u = GateLibrary.U3.Matrix([0.1, 0.2, 0.3]).Elements.ToArray();
        var two = GateLibrary.ISwap.Matrix([]).Elements.ToArray();
        var diagonal = GateLibrary.RZ.Matrix([0.4]).GetDiagonal();
        void Pass()
        {
            for (int q = 0; q < 16; q++) state.ApplyMatrix([q], u, []);
            state.ApplyMatrix([0, 9], two, [3]);
            state.ApplyDiagonal([5], diagonal, [1, 12]);
        }
        Pass();
        Assert.That(AllocationMeter.MinimumBytesPerCall(Pass), Is.Zero);
    }
}
