namespace QSim.Passes;

/// <summary>
/// A set of qubits of a register that empties in constant time: one mark per qubit, made once per pass, and a generation
/// that <see cref="Clear"/> advances. A scheduler that clears its sets once per sweep then costs the qubits its steps
/// name, not the register's width (a circuit may name a few qubits of a register of a million in thousands of runs).
/// </summary>
internal sealed class QubitMarks(int qubits)
{
    private readonly int[] _marks = new int[qubits];
    private int _generation = 1;

    /// <summary>Qubits in the set.</summary>
    public int Count { get; private set; }

    public bool Contains(int qubit) => _marks[qubit] == _generation;

    /// <summary>Adds <paramref name="qubit"/>; false when it was in already.</summary>
    public bool Add(int qubit)
    {
        if (_marks[qubit] == _generation) return false;
        _marks[qubit] = _generation;
        Count++;
        return true;
    }

    public void Clear()
    {
        Count = 0;
        if (++_generation != int.MaxValue) return;
        Array.Clear(_marks);
        _generation = 1;
    }
}
