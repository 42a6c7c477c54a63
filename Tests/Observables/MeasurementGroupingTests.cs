using QSim.Observables;

namespace QSim.Tests.Observables;

public sealed class MeasurementGroupingTests
{
    [Test]
    public void QubitWiseCommutingGroups_TransverseFieldIsing_NeedsTwoBases()
    {
        var groups = SampledExpectation.QubitWiseCommutingGroups(Hamiltonians.TransverseFieldIsing(6).Terms);
        Assert.That(groups.Select(g => g.Basis.ToString()), Is.EqualTo(new[] { "Z0*Z1*Z2*Z3*Z4*Z5", "X0*X1*X2*X3*X4*X5" }));
    }

    [Test]
    public void CommutesQubitWiseWith_DifferentPauliOnSharedQubit_IsFalse()
    {
        Assert.That(PauliString.X(0).With('Z', 1).CommutesQubitWiseWith(PauliString.Z(1).With('Y', 2)), Is.True);
        Assert.That(PauliString.X(0).CommutesQubitWiseWith(PauliString.Y(0)), Is.False);
    }
}
