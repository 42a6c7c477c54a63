using QSim.Backends;
using QSim.Cpu;
using QSim.Estimation;
using QSim.Observables;

namespace QSim.Samples;

/// <summary>Settings of <see cref="TfimVqe.Run"/>.</summary>
/// <param name="Qubits">Sites of the open chain.</param>
/// <param name="Layers">Layers of the hardware-efficient ansatz (2 × Qubits parameters each).</param>
/// <param name="Steps">Adam steps.</param>
/// <param name="LearningRate">Adam's step size.</param>
/// <param name="Seed">Seed of the initial parameters, drawn near zero.</param>
public sealed record VqeSettings(int Qubits = 8, int Layers = 4, int Steps = 400, double LearningRate = 0.05, int Seed = 2024);

/// <summary>The energy ⟨H⟩ at each step, before that step's update.</summary>
public sealed record VqeResult(IReadOnlyList<double> Energies);

/// <summary>
/// The variational quantum eigensolver for the transverse-field Ising chain H = Σ Z_i Z_{i+1} + Σ X_i (open, at the critical
/// field): a hardware-efficient ansatz, its energy and exact adjoint gradient from a <see cref="CompiledEstimator"/> written
/// into buffers allocated once, and Adam.
/// </summary>
public static class TfimVqe
{
    /// <summary>Minimises the energy, printing it every few steps to <paramref name="output"/>.</summary>
    public static VqeResult Run(VqeSettings settings, TextWriter output)
    {
        var hamiltonian = Hamiltonians.TransverseFieldIsing(settings.Qubits);
        using var backend = new CpuBackend();
        var estimator = new Estimator(backend, new EstimatorOptions { Precision = Precision.Double });
        using var energy = estimator.Compile(Ansatz.HardwareEfficient(settings.Qubits, settings.Layers), [hamiltonian]);

        var random = new Random(settings.Seed);
        var theta = new double[energy.Parameters.Count];
        for (int j = 0; j < theta.Length; j++) theta[j] = 0.1 * (random.NextDouble() - 0.5);
        var value = new double[1];
        var gradient = new double[theta.Length];
        var adam = new Adam<double>(theta.Length, settings.LearningRate);

        output.WriteLine($"VQE, transverse-field Ising chain of {settings.Qubits} sites: hardware-efficient ansatz, {settings.Layers} layers, {theta.Length} parameters, adjoint gradients, Adam");
        var curve = new TrainingCurve(output, "energy", settings.Steps, printEvery: 20);
        curve.PrintHeader();
        for (int step = 0; step < settings.Steps; step++)
        {
            energy.EvaluateWithGradient(theta, value, gradient);
            curve.Add(value[0]);
            adam.Step(theta, gradient);
        }
        energy.Evaluate(theta, value);
        output.WriteLine($"final energy {value[0]:F6}");
        return new VqeResult(curve.Values);
    }
}
