using QSim.Backends;

namespace QSim.Tests.Backends;

public class MemoryGuardMessageTests
{
    [Test]
    public void EnsureFits_NeededAndAvailableThatRoundAlike_ShowsEnoughDigitsToTellThemApart()
    {
        var error = Assert.Throws<StateTooLargeException>(() =>
            MemoryGuard.EnsureFits(24.0 * (1L << 30), (long)(23.96 * (1L << 30)), "A state", "in host memory"))!;

        Assert.That(error.Message, Is.EqualTo("A state needs 24.00 GiB, but only 23.96 GiB is available in host memory."));
    }
}
