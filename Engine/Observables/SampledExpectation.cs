using System.Numerics;
using QSim.Backends;
using QSim.Execution;
using QSim.Numerics;

namespace QSim.Observables;

/// <summary>
/// Shot-based estimates of ⟨ψ|H|ψ⟩, for users who want the noise of a real device's estimator. Terms
/// are grouped greedily into sets that commute qubit-wise; each set is measured in one basis (H before
/// measuring an X qubit, S†·H for a Y qubit) with its own shots, and every term of the set is read from
/// the same samples as the mean parity of its qubits.
/// </summary>
public static class SampledExpectation
{
    private static readonly double InvSqrt2 = 1 / Math.Sqrt(2);
    private static readonly Complex[] Hadamard = [InvSqrt2, InvSqrt2, InvSqrt2, -InvSqrt2];
    // H·S†: maps the Y eigenbasis to the computational basis.
    private static readonly Complex[] YToZ = [InvSqrt2, new Complex(0, -InvSqrt2), InvSqrt2, new Complex(0, InvSqrt2)];

    /// <summary>
    /// Estimates ⟨ψ|H|ψ⟩ of a normalised <paramref name="state"/> (left unchanged) with
    /// <paramref name="shotsPerGroup"/> shots per measurement group; identity terms are exact.
    /// </summary>
    /// <param name="state">The state to measure.</param>
    /// <param name="observable">H.</param>
    /// <param name="shotsPerGroup">Shots of each group of qubit-wise commuting terms.</param>
    /// <param name="random">Source of the shots (seeded by the caller for reproducible results).</param>
    /// <param name="scratch">A state of the same backend and shape, overwritten with the rotated copies.</param>
    /// <exception cref="ArgumentOutOfRangeException">The shot count is less than 1.</exception>
    public static double Estimate(IStateVector state, PauliSum observable, int shotsPerGroup, SeededRandom random, IStateVector scratch)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(shotsPerGroup, 1);
        observable.ValidateFor(state.QubitCount);
        double total = 0;
        foreach (var group in QubitWiseCommutingGroups(observable.Terms))
        {
            if (group.Basis.SupportMask == 0)
            {
                total += group.Terms.Sum(t => t.Coefficient);
                continue;
            }
            scratch.CopyFrom(state);
            RotateIntoComputationalBasis(scratch, group.Basis);
            long[] samples = Simulator.SampleIndices(scratch, shotsPerGroup, random);
            foreach (var term in group.Terms)
            {
                long parityOne = 0;
                foreach (long index in samples) parityOne += BitOperations.PopCount((ulong)index & term.Pauli.SupportMask) & 1;
                total += term.Coefficient * (shotsPerGroup - 2.0 * parityOne) / shotsPerGroup;
            }
        }
        return total;
    }

    /// <summary>A set of qubit-wise commuting terms and the Pauli basis that measures them all.</summary>
    public sealed record MeasurementGroup(PauliString Basis, IReadOnlyList<PauliTerm> Terms);

    /// <summary>Greedy grouping in term order: each term joins the first group whose basis it agrees with.</summary>
    public static IReadOnlyList<MeasurementGroup> QubitWiseCommutingGroups(IReadOnlyList<PauliTerm> terms)
    {
        var bases = new List<PauliString>();
        var members = new List<List<PauliTerm>>();
        foreach (var term in terms)
        {
            int g = bases.FindIndex(b => b.CommutesQubitWiseWith(term.Pauli));
            if (g < 0)
            {
                bases.Add(term.Pauli);
                members.Add([term]);
                continue;
            }
            var basis = bases[g];
            bases[g] = new PauliString(basis.XMask | term.Pauli.XMask, basis.ZMask | term.Pauli.ZMask);
            members[g].Add(term);
        }
        return bases.Select((b, g) => new MeasurementGroup(b, members[g])).ToArray();
    }

    private static void RotateIntoComputationalBasis(IStateVector state, PauliString basis)
    {
        for (ulong rest = basis.XMask; rest != 0; rest &= rest - 1)
        {
            int q = BitOperations.TrailingZeroCount(rest);
            state.ApplyMatrix([q], basis[q] == 'Y' ? YToZ : Hadamard, []);
        }
    }
}
