using System.Diagnostics;
using System.Globalization;
using QSim.Backends;
using QSim.Cpu;
using QSim.DensityMatrix;
using QSim.Estimation;
using QSim.Observables;
using QSim.Qasm;

namespace QSim.Perf.Noise;

/// <summary>
/// <c>noise export DIR | trajectories N | density-matrix N [options]</c>: the side-by-side timings of docs/perf/noise.md.
/// <c>export</c> writes the clean workloads (<see cref="NoisyWorkloads"/>) as OpenQASM for the peers' drivers;
/// <c>trajectories</c> times quantum trajectories of the noisy workload on the CPU backend (trajectories per second, each
/// from |0…0⟩ to its final state, read by one ⟨Z0⟩); <c>density-matrix</c> times its exact evolution on the density-matrix
/// backend over the CPU kernels. Both run through the estimator, whose states live across calls, after one untimed call.
/// Options: <c>--trajectories R</c> (default 100), <c>--repeats R</c> (default 5), <c>--threads T</c> (default 2),
/// <c>--precision single|double</c>, <c>--level 0..3</c> (default 3), <c>--p P</c> (default 0.01).
/// </summary>
public static class NoiseCommand
{
    public const string Name = "noise";

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        if (args.Length < 2 || args[0] is not ("export" or "trajectories" or "density-matrix"))
        {
            error.WriteLine("noise: use 'export DIR', 'trajectories N' or 'density-matrix N' with --trajectories, --repeats, --threads, --precision, --level, --p.");
            return 2;
        }
        if (args[0] == "export") return Export(args[1], output);
        if (!int.TryParse(args[1], CultureInfo.InvariantCulture, out int qubits) || qubits is < 1 or > 30)
        {
            error.WriteLine($"noise: '{args[1]}' is not a qubit count from 1 to 30.");
            return 2;
        }
        var options = new Dictionary<string, string>();
        for (int i = 2; i + 1 < args.Length; i += 2) options[args[i]] = args[i + 1];
        int Int(string key, int fallback) => options.TryGetValue(key, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
        var precision = options.GetValueOrDefault("--precision", "single") == "double" ? Precision.Double : Precision.Single;
        double p = options.TryGetValue("--p", out var text) ? double.Parse(text, CultureInfo.InvariantCulture) : NoisyWorkloads.DepolarizingProbability;
        int threads = Int("--threads", 2), level = Int("--level", 3);
        var cpu = new CpuBackend(new CpuBackendOptions { Threads = threads });
        using IBackend backend = args[0] == "density-matrix" ? new DensityMatrixBackend(cpu) : cpu;
        int trajectories = args[0] == "trajectories" ? Int("--trajectories", 100) : 2;
        var estimatorOptions = new EstimatorOptions { Precision = precision, OptimizationLevel = level, Trajectories = trajectories, Seed = 1 };
        using var estimator = new Estimator(backend, estimatorOptions).Compile(NoisyWorkloads.Noisy(qubits, p), [PauliString.Z(0)]);
        var none = new double[1, 0];
        double value = estimator.Evaluate(none)[0, 0];
        var times = new List<double>();
        for (int r = 0; r < (args[0] == "trajectories" ? 1 : Int("--repeats", 5)); r++)
        {
            var clock = Stopwatch.StartNew();
            value = estimator.Evaluate(none)[0, 0];
            times.Add(clock.Elapsed.TotalSeconds);
        }
        times.Sort();
        string common = $"n={qubits} p={p} threads={threads} precision={precision} level={level} {cpu.SimdLevel} <Z0>={value:F6}";
        output.WriteLine(args[0] == "trajectories"
            ? $"qsim.net-trajectories {common} trajectories={trajectories} seconds={times[0]:F4} trajectories/s={trajectories / times[0]:F2}"
            : $"qsim.net-density-matrix {common} median={times[times.Count / 2]:F4} min={times[0]:F4} max={times[^1]:F4} s");
        return 0;
    }

    private static int Export(string directory, TextWriter output)
    {
        Directory.CreateDirectory(directory);
        foreach (int qubits in new[] { 8, 10, 12, 16, 20 })
        {
            string path = Path.Combine(directory, $"noisy_rqc_n{qubits}.qasm");
            File.WriteAllText(path, QasmExporter.Export(NoisyWorkloads.Clean(qubits)));
            output.WriteLine(path);
        }
        return 0;
    }
}
