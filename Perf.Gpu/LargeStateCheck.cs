using System.Numerics;
using QSim.Backends;
using QSim.Execution;
using QSim.Gpu;
using QSim.Numerics;

namespace QSim.Perf.Gpu;

/// <summary>
/// A complex64 state past 2^31 amplitudes (32 qubits: 32 GiB), checked against analytic values: H on the lowest and
/// the top qubit, the norm, P(top = 1), the amplitudes around index 2^(n−1), then a collapse of the top qubit and
/// samples. Every index computation and grid-stride loop runs past 32 bits here; it is the run's last section.
/// </summary>
internal sealed class LargeStateCheck(GpuBackend gpu, RowLog log)
{
    private const string Section = "large state";

    public void Run(int n)
    {
        int top = n - 1;
        long half = 1L << top;
        using var state = gpu.CreateState(n, Precision.Single);
        Complex[] hadamard = [1 / Math.Sqrt(2), 1 / Math.Sqrt(2), 1 / Math.Sqrt(2), -1 / Math.Sqrt(2)];
        state.ApplyMatrix([0], hadamard, []);
        state.ApplyMatrix([top], hadamard, []);
        Check("norm after H on q0 and the top qubit", n, state.NormSquared(), 1);
        Check("P(top qubit = 1)", n, state.ProbabilityOfOne(top), 0.5);
        Around(state, n, half, [0, 0, 0.5, 0.5, 0, 0], "amplitudes around 2^(n-1)");
        state.Collapse(top, 1);
        Check("norm after collapsing the top qubit to 1", n, state.NormSquared(), 1);
        Check("P(top qubit = 1) after the collapse", n, state.ProbabilityOfOne(top), 1);
        Around(state, n, half, [0, 0, 1 / Math.Sqrt(2), 1 / Math.Sqrt(2), 0, 0], "amplitudes around 2^(n-1) after the collapse");
        var samples = Simulator.SampleIndices(state, 1000, new SeededRandom(3));
        int outside = samples.Count(i => i != half && i != half + 1);
        log.Add(new Row(Section, "1000 samples all at 2^(n-1) or 2^(n-1)+1", n, "c64", outside, "error", outside == 0 ? Verdict.Pass : Verdict.Fail,
            $"{samples.Count(i => i == half)} at 2^(n-1)"));
    }

    private void Around(IStateVector state, int n, long half, double[] expected, string item)
    {
        var amplitudes = new Complex[expected.Length];
        state.GetAmplitudes(amplitudes, half - 2);
        double worst = amplitudes.Zip(expected, (a, e) => (a - e).Magnitude).Max();
        Record(item, n, worst);
    }

    private void Check(string item, int n, double actual, double expected) => Record(item, n, Math.Abs(actual - expected));

    private void Record(string item, int n, double error) =>
        log.Add(new Row(Section, item, n, "c64", error, "error", error <= 1e-6 ? Verdict.Pass : Verdict.Fail, "tolerance 1E-06"));
}
