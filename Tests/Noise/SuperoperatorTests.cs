using System.Numerics;
using QSim.Circuits;
using QSim.Noise;
using QSim.Numerics;
using QSim.Parameters;
using QSim.Tests.Oracles;

namespace QSim.Tests.Noise;

/// <summary>
/// The superoperator in the density-matrix convention (ρ of n qubits as a state of 2n qubits, index row + 2^n·column;
/// a channel on q as a dense gate on (q, q + n)) against the Kraus form on dense density matrices.
/// </summary>
public sealed class SuperoperatorTests
{
    private const int Qubits = 3;

    [TestCaseSource(typeof(ChannelCases), nameof(ChannelCases.GridCases))]
    public void Superoperator_OnRandomDensityMatrices_AgreesWithKraus(BoundChannel channel)
    {
        int[][] placements = channel.QubitCount == 1 ? [[0], [1], [2]] : [[0, 1], [2, 0]];
        for (int seed = 0; seed < placements.Length; seed++)
        {
            var operation = new ChannelOperation(channel, [.. placements[seed]]);
            var rho = DensityMatrixReference.RandomState(Qubits, seed);
            var viaKraus = DensityMatrixReference.ApplyKraus(rho, channel.Kraus, operation.Qubits);
            var viaSuperoperator = DensityMatrixReference.ApplySuperoperator(rho, channel.Superoperator(), operation.SuperoperatorQubits(Qubits));
            Assert.That(DensityMatrixReference.MaxDistance(viaSuperoperator, viaKraus), Is.LessThan(1e-15), $"on [{string.Join(", ", placements[seed])}]");
        }
    }

    [Test]
    public void Superoperator_OfAmplitudeDamping_IsTheFourByFourOnKetAndBra()
    {
        // Index r + 2c of vec(ρ): ρ00 = 0, ρ10 = 1, ρ01 = 2, ρ11 = 3. ρ11 moves to ρ00 with γ; coherences shrink by √(1−γ).
        const double gamma = 0.19;
        double c = Math.Sqrt(1 - gamma);
        var expected = ComplexMatrix.FromRows([1, 0, 0, gamma], [0, c, 0, 0], [0, 0, c, 0], [0, 0, 0, 1 - gamma]);
        Assert.That(ChannelLibrary.AmplitudeDamping.Superoperator([gamma]).MaxDistance(expected), Is.LessThan(1e-16));
    }

    [Test]
    public void SuperoperatorQubits_AreKetQubitsThenBraQubits()
    {
        var operation = new ChannelOperation(ChannelLibrary.Depolarizing2.Bind(0.1), [3, 1]);
        Assert.That(operation.SuperoperatorQubits(5), Is.EqualTo(new[] { 3, 1, 8, 6 }));
    }

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    public void NoisyCircuit_AsGatesOnTwiceTheQubits_AgreesWithTheKrausReference(int seed)
    {
        // What the density-matrix backend does: U on q and conj(U) on q + n for a gate, the superoperator on (q, q + n) for a channel.
        var circuit = RandomNoisyCircuit(Qubits, 12, seed);
        var expected = DensityMatrixReference.Run(circuit);
        int dim = 1 << Qubits;
        var vector = new Complex[dim * dim];
        vector[0] = 1;
        foreach (var op in circuit.Operations)
        {
            if (op is ChannelOperation channel)
            {
                vector = ReferenceSimulator.Apply(vector, channel.Channel.Superoperator(), channel.SuperoperatorQubits(Qubits));
                continue;
            }
            var gate = (GateOperation)op;
            var u = gate.Matrix(ParameterBinding.Empty);
            vector = ReferenceSimulator.Apply(vector, u, gate.Qubits);
            vector = ReferenceSimulator.Apply(vector, new ComplexMatrix(u.Elements.ToArray().Select(Complex.Conjugate).ToArray()), [.. gate.Qubits.Select(q => q + Qubits)]);
        }
        var actual = new Complex[dim, dim];
        for (int r = 0; r < dim; r++)
            for (int c = 0; c < dim; c++) actual[r, c] = vector[r + dim * c];
        Assert.That(DensityMatrixReference.MaxDistance(actual, expected), Is.LessThan(1e-14));
    }

    /// <summary>Random 1- and 2-qubit gates, each followed by a random library channel on random qubits.</summary>
    private static Circuit RandomNoisyCircuit(int qubits, int gates, int seed)
    {
        var rng = new Random(seed);
        var channels = ChannelCases.Grid().ToArray();
        var circuit = new Circuit(qubits);
        for (int g = 0; g < gates; g++)
        {
            int a = rng.Next(qubits), b = (a + 1 + rng.Next(qubits - 1)) % qubits;
            if (rng.Next(2) == 0) circuit.U(rng.NextDouble() * 3, rng.NextDouble() * 3, rng.NextDouble() * 3, a);
            else circuit.RXX(rng.NextDouble() * 3, a, b).CRY(rng.NextDouble() * 3, b, a);
            var channel = channels[rng.Next(channels.Length)];
            if (channel.QubitCount == 1) circuit.Channel(channel, a);
            else circuit.Channel(channel, b, a);
        }
        return circuit;
    }
}
