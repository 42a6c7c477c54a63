using QSim.Backends;

namespace QSim.Tests.Backends;

public class MemoryGuardTests
{
    [Test]
    public void EnsureFits_TooManyBytes_NamesTheWorkBothSizesAndWhere()
    {
        Assert.That(() => MemoryGuard.EnsureFits(3.0 * (1L << 30), 1L << 30, "Computing exact probabilities of 26 qubits", "in host memory"),
            Throws.TypeOf<StateTooLargeException>().With.Message.EqualTo(
                "Computing exact probabilities of 26 qubits needs 3 GiB, but only 1 GiB is available in host memory."));
    }

    [Test]
    public void EnsureFits_StateOfTooManyQubits_KeepsTheStateWording()
    {
        Assert.That(() => MemoryGuard.EnsureFits(20, Precision.Single, 1L << 20, "in host memory"),
            Throws.TypeOf<StateTooLargeException>().With.Message.EqualTo(
                "A state of 20 qubits in complex64 needs 8 MiB, but only 1 MiB is available in host memory."));
    }

    [Test]
    public void EnsureFits_PastFortyEightQubits_NamesTheRealSize()
    {
        Assert.That(() => MemoryGuard.EnsureFits(60, Precision.Single, 1L << 40, "in host memory"),
            Throws.TypeOf<StateTooLargeException>().With.Message.EqualTo(
                "A state of 60 qubits in complex64 needs 8 EiB, but only 1 TiB is available in host memory."));
    }
}
