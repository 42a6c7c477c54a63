using QSim.Backends;
using QSim.Circuits;
using QSim.Cpu;
using QSim.Estimation;
using QSim.Execution;
using QSim.Observables;
using QSim.Parameters;

namespace QSim.Samples;

/// <summary>Settings of <see cref="MaxCutQaoa.Run"/>.</summary>
/// <param name="Depth">QAOA layers p (one cost and one mixer angle each).</param>
/// <param name="Steps">Adam steps.</param>
/// <param name="LearningRate">Adam's step size.</param>
/// <param name="Shots">Samples drawn from the trained circuit.</param>
/// <param name="Seed">Seed of the samples.</param>
public sealed record QaoaSettings(int Depth = 3, int Steps = 150, double LearningRate = 0.05, int Shots = 1000, ulong Seed = 5);

/// <summary>What a QAOA run reached.</summary>
/// <param name="ExpectedCuts">⟨cut⟩ at each step, before that step's update.</param>
/// <param name="MaximumCut">The largest cut of the graph, by enumeration.</param>
/// <param name="ApproximationRatio">⟨cut⟩ of the trained circuit over <paramref name="MaximumCut"/>.</param>
/// <param name="OptimalShare">The fraction of samples that are maximum cuts.</param>
public sealed record QaoaResult(IReadOnlyList<double> ExpectedCuts, int MaximumCut, double ApproximationRatio, double OptimalShare);

/// <summary>
/// QAOA for MaxCut (Farhi, Goldstone and Gutmann, 2014): |+⟩ on every vertex, then p layers of exp(−iγ_l C) (an RZZ per edge)
/// and exp(−iβ_l Σ X) (an RX per vertex). The angles are trained with Adam on ⟨C⟩, C = Σ_edges (1 − Z_a Z_b) / 2, from
/// adjoint gradients (each angle is shared by many gates; the chain rule sums them); then the trained circuit is sampled.
/// </summary>
public static class MaxCutQaoa
{
    /// <summary>The Wagner graph: an 8-cycle with its four long diagonals, 3-regular and not bipartite (its maximum cut is 10 of 12 edges).</summary>
    public static IReadOnlyList<(int A, int B)> WagnerGraph { get; } =
        [.. Enumerable.Range(0, 8).Select(v => (v, (v + 1) % 8)), .. Enumerable.Range(0, 4).Select(v => (v, v + 4))];

    /// <summary>Trains and samples QAOA on <paramref name="edges"/> (vertices 0..V−1), printing ⟨cut⟩ every few steps and the most frequent samples.</summary>
    public static QaoaResult Run(QaoaSettings settings, IReadOnlyList<(int A, int B)> edges, TextWriter output)
    {
        int vertices = edges.Max(e => Math.Max(e.A, e.B)) + 1;
        var circuit = Circuit(vertices, edges, settings.Depth);
        var cut = new PauliSum([new PauliTerm(edges.Count / 2.0, default), .. edges.Select(e => new PauliTerm(-0.5, PauliString.Z(e.A).With('Z', e.B)))]);

        using var backend = new CpuBackend();
        var estimator = new Estimator(backend, new EstimatorOptions { Precision = Precision.Double });
        using var negativeCut = estimator.Compile(circuit, [-1.0 * cut]);   // Adam minimises, so it follows −⟨C⟩
        // A linear ramp, as in annealing: γ grows and β shrinks layer by layer.
        var angles = negativeCut.Parameters.Select(s => InitialAngle(s.Name, settings.Depth)).ToArray();
        var value = new double[1];
        var gradient = new double[angles.Length];
        var adam = new Adam<double>(angles.Length, settings.LearningRate);

        output.WriteLine($"QAOA MaxCut, {vertices} vertices and {edges.Count} edges, depth {settings.Depth} ({angles.Length} angles), adjoint gradients, Adam");
        var curve = new TrainingCurve(output, "<cut>", settings.Steps, printEvery: 10);
        curve.PrintHeader();
        for (int step = 0; step < settings.Steps; step++)
        {
            negativeCut.EvaluateWithGradient(angles, value, gradient);
            curve.Add(-value[0]);
            adam.Step(angles, gradient);
        }
        negativeCut.Evaluate(angles, value);
        double expectedCut = -value[0];

        int maximum = Enumerable.Range(0, 1 << vertices).Max(s => CutSize(s, edges));
        var counts = new Simulator(backend).Counts(circuit.MeasureAll(), new RunOptions
        {
            Shots = settings.Shots, Seed = settings.Seed, Binding = ParameterBinding.From(negativeCut.Parameters, angles),
        });
        output.WriteLine($"trained <cut> = {expectedCut:F4} of a maximum cut of {maximum} (ratio {expectedCut / maximum:F3}); most frequent of {settings.Shots} samples (vertex 0 rightmost):");
        foreach (var (bits, count) in counts.OrderByDescending(c => c.Value).ThenBy(c => c.Key).Take(5))
            output.WriteLine($"  {bits}  {count,5}  cut {CutSize(Convert.ToInt32(bits, 2), edges)}");
        int optimal = counts.Where(c => CutSize(Convert.ToInt32(c.Key, 2), edges) == maximum).Sum(c => c.Value);
        output.WriteLine($"{(double)optimal / settings.Shots:P1} of the samples are maximum cuts");
        return new QaoaResult(curve.Values, maximum, expectedCut / maximum, (double)optimal / settings.Shots);
    }

    /// <summary>The QAOA circuit with symbols gamma0, beta0, gamma1, beta1, …</summary>
    private static Circuit Circuit(int vertices, IReadOnlyList<(int A, int B)> edges, int depth)
    {
        var circuit = new Circuit(vertices);
        for (int v = 0; v < vertices; v++) circuit.H(v);
        for (int layer = 0; layer < depth; layer++)
        {
            // exp(−iγ(1 − Z_a Z_b)/2) is RZZ(−γ) up to a global phase.
            var gamma = circuit.DeclareSymbol($"gamma{layer}");
            foreach (var (a, b) in edges) circuit.RZZ(-1.0 * gamma, a, b);
            var beta = circuit.DeclareSymbol($"beta{layer}");
            for (int v = 0; v < vertices; v++) circuit.RX(2.0 * beta, v);
        }
        return circuit;
    }

    private static double InitialAngle(string name, int depth)
    {
        int layer = int.Parse(name.AsSpan(name.StartsWith("gamma", StringComparison.Ordinal) ? 5 : 4));
        double t = (layer + 0.5) / depth;
        return name.StartsWith("gamma", StringComparison.Ordinal) ? 0.8 * t : 0.8 * (1 - t);
    }

    /// <summary>Edges whose ends fall on different sides of the partition whose bit v is vertex v's side.</summary>
    private static int CutSize(int partition, IReadOnlyList<(int A, int B)> edges) =>
        edges.Count(e => ((partition >> e.A) & 1) != ((partition >> e.B) & 1));
}
