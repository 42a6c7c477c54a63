using System.Numerics;
using QSim.Backends;

namespace QSim.Tests.Passes;

/// <summary>The equality the optimizer promises: fidelity above 1 − 1e-10 in double precision, every amplitude within 1e-5 in single.</summary>
public static class StateComparison
{
    public static void AssertSame(IStateVector expected, IStateVector actual, string what)
    {
        var a = new Complex[expected.Length];
        var b = new Complex[actual.Length];
        expected.GetAmplitudes(a);
        actual.GetAmplitudes(b);
        if (expected.Precision == Precision.Double)
        {
            Complex overlap = Complex.Zero;
            double na = 0, nb = 0;
            for (int i = 0; i < a.Length; i++)
            {
                overlap += Complex.Conjugate(a[i]) * b[i];
                na += a[i].Magnitude * a[i].Magnitude;
                nb += b[i].Magnitude * b[i].Magnitude;
            }
            double fidelity = overlap.Magnitude * overlap.Magnitude / (na * nb);
            Assert.That(fidelity, Is.GreaterThan(1 - 1e-10), $"{what}: fidelity {fidelity:R}");
        }
        else
        {
            double worst = a.Zip(b, (x, y) => (x - y).Magnitude).Max();
            Assert.That(worst, Is.LessThanOrEqualTo(1e-5), $"{what}: largest amplitude difference {worst:G3}");
        }
    }
}
