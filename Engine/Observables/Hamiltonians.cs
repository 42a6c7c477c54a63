namespace QSim.Observables;

/// <summary>Model Hamiltonians used by samples and benchmarks.</summary>
public static class Hamiltonians
{
    /// <summary>
    /// The transverse-field Ising chain H = J·Σ Z_i Z_{i+1} + h·Σ X_i on an open chain of <paramref name="qubits"/>
    /// qubits, ZZ terms first (the order of the bench-circuits <c>tfim_n*.pauli</c> files).
    /// </summary>
    public static PauliSum TransverseFieldIsing(int qubits, double coupling = 1, double field = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(qubits, 1);
        var zz = Enumerable.Range(0, qubits - 1).Select(i => new PauliTerm(coupling, PauliString.Z(i).With('Z', i + 1)));
        var x = Enumerable.Range(0, qubits).Select(i => new PauliTerm(field, PauliString.X(i)));
        return new PauliSum(zz.Concat(x));
    }
}
