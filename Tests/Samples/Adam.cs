namespace QSim.Tests.Samples;

/// <summary>The Adam optimizer (Kingma and Ba) on a flat parameter vector, written out for the samples.</summary>
public sealed class Adam(int size, double learningRate, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8)
{
    private readonly double[] _m = new double[size], _v = new double[size];
    private int _step;

    /// <summary>Moves <paramref name="parameters"/> one step against <paramref name="gradient"/>.</summary>
    public void Step(Span<double> parameters, ReadOnlySpan<double> gradient)
    {
        _step++;
        double c1 = 1 - Math.Pow(beta1, _step), c2 = 1 - Math.Pow(beta2, _step);
        for (int i = 0; i < parameters.Length; i++)
        {
            _m[i] = beta1 * _m[i] + (1 - beta1) * gradient[i];
            _v[i] = beta2 * _v[i] + (1 - beta2) * gradient[i] * gradient[i];
            parameters[i] -= learningRate * (_m[i] / c1) / (Math.Sqrt(_v[i] / c2) + epsilon);
        }
    }
}
