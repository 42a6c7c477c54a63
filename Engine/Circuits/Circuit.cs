using System.Collections.Immutable;
using System.Runtime.InteropServices;
using QSim.Gates;
using QSim.Numerics;
using QSim.Parameters;

namespace QSim.Circuits;

/// <summary>
/// A quantum circuit: qubits, classical bits, and a list of operations, built fluently
/// (<c>new Circuit(3).H(0).CX(0, 1).RY(theta, 2)</c>). Qubit k is bit k of an amplitude index
/// (little-endian); bitstrings print qubit 0 rightmost.
/// </summary>
public sealed partial class Circuit
{
    private readonly List<Operation> _operations = new();
    private readonly List<Register> _quantumRegisters = new();
    private readonly List<Register> _classicalRegisters = new();
    private readonly List<Symbol> _declaredSymbols = new();
    private readonly HashSet<Symbol> _declaredSet = new();
    // Symbols the operations mention, in order of first use, kept as operations are added so that reading Symbols
    // does not walk millions of gates.
    private readonly List<Symbol> _usedSymbols = new();
    private readonly HashSet<Symbol> _usedSet = new();

    /// <summary>A circuit with one quantum register <c>q</c> and, when <paramref name="clbits"/> &gt; 0, one classical register <c>c</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A count is negative.</exception>
    public Circuit(int qubits, int clbits = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(qubits);
        ArgumentOutOfRangeException.ThrowIfNegative(clbits);
        if (qubits > 0) AddQuantumRegister("q", qubits);
        if (clbits > 0) AddClassicalRegister("c", clbits);
    }

    /// <summary>An empty circuit whose registers are added with <see cref="AddQuantumRegister"/> and <see cref="AddClassicalRegister"/>.</summary>
    public Circuit() { }

    /// <summary>Number of qubits.</summary>
    public int QubitCount { get; private set; }

    /// <summary>Number of classical bits.</summary>
    public int ClbitCount { get; private set; }

    /// <summary>The operations in order.</summary>
    public IReadOnlyList<Operation> Operations => _operations;

    /// <summary>Quantum registers in declaration order; the first gets the lowest qubit indices.</summary>
    public IReadOnlyList<Register> QuantumRegisters => _quantumRegisters;

    /// <summary>Classical registers in declaration order.</summary>
    public IReadOnlyList<Register> ClassicalRegisters => _classicalRegisters;

    /// <summary>Adds a quantum register after the existing qubits.</summary>
    public Register AddQuantumRegister(string name, int size)
    {
        var register = new Register(name, QubitCount, size);
        _quantumRegisters.Add(register);
        QubitCount += size;
        return register;
    }

    /// <summary>Adds a classical register after the existing bits.</summary>
    public Register AddClassicalRegister(string name, int size)
    {
        var register = new Register(name, ClbitCount, size);
        _classicalRegisters.Add(register);
        ClbitCount += size;
        return register;
    }

    /// <summary>Declares a free parameter (fixing its place in <see cref="Symbols"/>) and returns it.</summary>
    public Symbol DeclareSymbol(string name)
    {
        var symbol = new Symbol(name);
        if (_declaredSet.Add(symbol)) _declaredSymbols.Add(symbol);
        return symbol;
    }

    /// <summary>
    /// The circuit's free parameters: declared ones in declaration order, then any others in order of first use.
    /// </summary>
    public IReadOnlyList<Symbol> Symbols
    {
        get
        {
            var all = new List<Symbol>(_declaredSymbols);
            foreach (var s in _usedSymbols)
                if (!_declaredSet.Contains(s)) all.Add(s);
            return all;
        }
    }

    /// <summary>Appends an operation after checking its qubits, classical bits and parameters.</summary>
    /// <exception cref="ArgumentException">A qubit or bit is out of range or repeated, or the parameter count is wrong.</exception>
    public Circuit Append(Operation operation)
    {
        Validate(operation);
        Add(operation);
        return this;
    }

    /// <summary>
    /// A circuit with this one's registers and symbols (every one, used or not) holding <paramref name="operations"/>, which
    /// a rewrite made from this circuit's operations: they are valid here and mention no other symbol, so they are not
    /// checked again (an optimizer pass over millions of gates would spend a good part of its time re-checking them).
    /// </summary>
    internal Circuit WithOperations(List<Operation> operations)
    {
        var rewritten = CopyShape();
        rewritten._usedSymbols.AddRange(_usedSymbols);
        rewritten._usedSet.UnionWith(_usedSymbols);
        rewritten._operations.AddRange(operations);
        return rewritten;
    }

    private void Add(Operation operation)
    {
        _operations.Add(operation);
        if (UnwrapGate(operation) is { IsParameterized: true } gate)
            foreach (var p in gate.Parameters)
                if (p is not Constant)
                    foreach (var s in p.Symbols)
                        if (_usedSet.Add(s)) _usedSymbols.Add(s);
    }

    /// <summary>Appends a gate.</summary>
    public Circuit Gate(GateDefinition gate, ReadOnlySpan<int> qubits, params ReadOnlySpan<ParameterExpression> parameters)
    {
        if (qubits.Length != gate.QubitCount)
            throw new ArgumentException($"Gate '{gate.Name}' acts on {gate.QubitCount} qubit(s); got {qubits.Length}.", nameof(qubits));
        if (parameters.Length != gate.ParameterCount)
            throw new ArgumentException($"Gate '{gate.Name}' takes {gate.ParameterCount} parameter(s); got {parameters.Length}.", nameof(parameters));
        return Append(new GateOperation(gate, [.. qubits], [.. parameters]));
    }

    /// <summary>Appends a measurement of <paramref name="qubit"/> into classical bit <paramref name="clbit"/>.</summary>
    public Circuit Measure(int qubit, int clbit) => Append(new MeasureOperation(qubit, clbit));

    /// <summary>
    /// Measures every qubit into the classical bit of the same index, adding a register <c>meas</c> if the
    /// circuit has fewer classical bits than qubits.
    /// </summary>
    public Circuit MeasureAll()
    {
        if (ClbitCount < QubitCount) AddClassicalRegister("meas", QubitCount - ClbitCount);
        for (int q = 0; q < QubitCount; q++) Measure(q, q);
        return this;
    }

    /// <summary>Resets <paramref name="qubit"/> to |0⟩.</summary>
    public Circuit Reset(int qubit) => Append(new ResetOperation(qubit));

    /// <summary>A barrier on the given qubits, or on all when none are given.</summary>
    public Circuit Barrier(params int[] qubits) =>
        Append(new BarrierOperation(qubits.Length == 0 ? [.. Enumerable.Range(0, QubitCount)] : [.. qubits]));

    /// <summary>Appends <paramref name="body"/>'s operations, each applied only when the condition holds.</summary>
    /// <param name="clbits">Classical bits read as an unsigned integer, the first being the least significant.</param>
    /// <param name="value">The value they must hold.</param>
    /// <param name="body">Builds the conditioned operations on a scratch circuit of the same size.</param>
    public Circuit If(ReadOnlySpan<int> clbits, long value, Action<Circuit> body)
    {
        var condition = new ClassicalCondition([.. clbits], value);
        var scratch = new Circuit(QubitCount, ClbitCount);
        body(scratch);
        foreach (var op in scratch.Operations) Append(new ConditionalOperation(condition, op));
        return this;
    }

    /// <summary>Appends every operation of <paramref name="other"/> (which must fit in this circuit).</summary>
    public Circuit Compose(Circuit other)
    {
        foreach (var op in other.Operations) Append(op);
        return this;
    }

    /// <summary>
    /// The inverse circuit: gates reversed and inverted (symbolic parameters stay symbolic).
    /// </summary>
    /// <exception cref="InvalidOperationException">The circuit measures, resets, has noise channels or conditions.</exception>
    public Circuit Inverse()
    {
        var inverse = CopyShape();
        for (int i = _operations.Count - 1; i >= 0; i--)
        {
            inverse.Add(_operations[i] switch
            {
                GateOperation g => g.Inverse(),
                BarrierOperation b => b,
                var other => throw new InvalidOperationException($"A circuit with '{other.GetType().Name}' has no inverse."),
            });
        }
        return inverse;
    }

    /// <summary>A circuit with the same registers and symbols and no operations.</summary>
    public Circuit CopyShape()
    {
        var copy = new Circuit();
        foreach (var r in _quantumRegisters) copy.AddQuantumRegister(r.Name, r.Size);
        foreach (var r in _classicalRegisters) copy.AddClassicalRegister(r.Name, r.Size);
        copy._declaredSymbols.AddRange(_declaredSymbols);
        copy._declaredSet.UnionWith(_declaredSymbols);
        return copy;
    }

    /// <summary>
    /// Number of layers when every operation waits for the qubits and classical bits it uses
    /// (barriers do not count as a layer).
    /// </summary>
    public int Depth()
    {
        var qubitLevel = new int[QubitCount];
        var clbitLevel = new int[ClbitCount];
        int depth = 0;
        foreach (var op in _operations)
        {
            if (op is BarrierOperation barrier)
            {
                int sync = barrier.Qubits.Max(q => qubitLevel[q]);
                foreach (int q in barrier.Qubits) qubitLevel[q] = sync;
                continue;
            }
            var qubits = op.Qubits;
            int level = 0;
            foreach (int q in qubits) level = Math.Max(level, qubitLevel[q]);
            bool classical = op is MeasureOperation or ConditionalOperation;
            if (classical) foreach (int c in ClassicalBitsOf(op)) level = Math.Max(level, clbitLevel[c]);
            level++;
            foreach (int q in qubits) qubitLevel[q] = level;
            if (classical) foreach (int c in ClassicalBitsOf(op)) clbitLevel[c] = level;
            depth = Math.Max(depth, level);
        }
        return depth;
    }

    /// <summary>Operation counts by name (gate and channel names, and "measure", "reset", "barrier"; conditioned gates count under their gate).</summary>
    public IReadOnlyDictionary<string, int> GateCounts()
    {
        // Gates are counted by definition and named at the end: a name lookup per operation is slow on millions of them.
        var byGate = new Dictionary<GateDefinition, int>(ReferenceEqualityComparer.Instance);
        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var op in _operations)
        {
            var body = op is ConditionalOperation c ? c.Body : op;
            if (body is GateOperation gate) CollectionsMarshal.GetValueRefOrAddDefault(byGate, gate.Gate, out _)++;
            else
            {
                string name = NameOf(body);
                counts[name] = counts.GetValueOrDefault(name) + 1;
            }
        }
        foreach (var (gate, count) in byGate) counts[gate.Name] = counts.GetValueOrDefault(gate.Name) + count;
        return counts;
    }

    /// <summary>
    /// True when every measurement comes after the last gate, reset or condition on every qubit and
    /// classical bit, so one final state can be sampled for all shots.
    /// </summary>
    public bool HasOnlyTerminalMeasurements
    {
        get
        {
            var measuredQubits = new HashSet<int>();
            foreach (var op in _operations)
            {
                switch (op)
                {
                    case MeasureOperation m:
                        if (!measuredQubits.Add(m.Qubit)) return false;
                        break;
                    case BarrierOperation:
                        break;
                    case ConditionalOperation or ResetOperation:
                        return false;
                    default:
                        if (op.Qubits.Any(measuredQubits.Contains)) return false;
                        break;
                }
            }
            return true;
        }
    }

    /// <summary>True when the circuit has no measurement, reset, channel or condition: a pure unitary.</summary>
    public bool IsUnitary => _operations.All(op => op is GateOperation or BarrierOperation);

    /// <summary>
    /// One line: qubits, classical bits, gates (conditioned ones included; measurements, resets and barriers not), depth
    /// and parameters, e.g. <c>Circuit(3 qubits, 3 clbits, 5 gates, depth 4, parameters: theta, phi)</c>. <see cref="Draw"/> shows the circuit itself.
    /// </summary>
    public override string ToString()
    {
        int gates = _operations.Count(op => UnwrapGate(op) is not null);
        var symbols = Symbols;
        string parameters = symbols.Count == 0 ? "no parameters" : "parameters: " + string.Join(", ", symbols.Select(s => s.Name));
        return $"Circuit({Plural(QubitCount, "qubit")}, {Plural(ClbitCount, "clbit")}, {Plural(gates, "gate")}, depth {Depth()}, {parameters})";

        static string Plural(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";
    }

    /// <summary>Estimated bytes for a state vector of this circuit at the given bytes per amplitude.</summary>
    public double StateBytes(int bytesPerAmplitude) => Math.Pow(2, QubitCount) * bytesPerAmplitude;

    internal static GateOperation? UnwrapGate(Operation op) => op switch
    {
        GateOperation g => g,
        ConditionalOperation { Body: GateOperation g } => g,
        _ => null,
    };

    private static string NameOf(Operation op) => op switch
    {
        GateOperation g => g.Gate.Name,
        MeasureOperation => "measure",
        ResetOperation => "reset",
        BarrierOperation => "barrier",
        ChannelOperation c => c.Channel.Definition.Name,
        _ => op.GetType().Name,
    };

    /// <summary>True when a qubit appears twice; pairwise for the few qubits of a gate, with a set for a long list.</summary>
    private static bool HasRepeat(ImmutableArray<int> qubits, out int repeated)
    {
        repeated = -1;
        if (qubits.Length <= 8)
        {
            for (int i = 1; i < qubits.Length; i++)
                for (int j = 0; j < i; j++)
                    if (qubits[i] == qubits[j]) { repeated = qubits[i]; return true; }
            return false;
        }
        var seen = new HashSet<int>();
        foreach (int q in qubits)
            if (!seen.Add(q)) { repeated = q; return true; }
        return false;
    }

    internal static IEnumerable<int> ClassicalBitsOf(Operation op) => op switch
    {
        MeasureOperation m => [m.Clbit],
        ConditionalOperation c => c.Condition.Clbits.Concat(ClassicalBitsOf(c.Body)),
        _ => [],
    };

    private void Validate(Operation op)
    {
        var qubits = op.Qubits;
        for (int i = 0; i < qubits.Length; i++)
        {
            int q = qubits[i];
            if ((uint)q >= (uint)QubitCount)
                throw new ArgumentException($"Qubit {q} is out of range: the circuit has {QubitCount} qubit(s).", nameof(op));
        }
        if (op is not BarrierOperation && HasRepeat(qubits, out int repeated))
            throw new ArgumentException($"Qubit {repeated} appears more than once in '{op}'.", nameof(op));
        if (op is MeasureOperation or ConditionalOperation)
            foreach (int c in ClassicalBitsOf(op))
                if ((uint)c >= (uint)ClbitCount)
                    throw new ArgumentException($"Classical bit {c} is out of range: the circuit has {ClbitCount} classical bit(s).", nameof(op));
        if (op is GateOperation g)
        {
            if (g.Qubits.Length != g.Gate.QubitCount)
                throw new ArgumentException($"Gate '{g.Gate.Name}' acts on {g.Gate.QubitCount} qubit(s); got {g.Qubits.Length}.", nameof(op));
            if (g.Parameters.Length != g.Gate.ParameterCount)
                throw new ArgumentException($"Gate '{g.Gate.Name}' takes {g.Gate.ParameterCount} parameter(s); got {g.Parameters.Length}.", nameof(op));
        }
        if ((op is ConditionalOperation { Body: var body } ? body : op) is ChannelOperation channel && channel.Qubits.Length != channel.Channel.QubitCount)
            throw new ArgumentException($"Channel '{channel.Channel.Definition.Name}' acts on {channel.Channel.QubitCount} qubit(s); got {channel.Qubits.Length}.", nameof(op));
        if (op is ConditionalOperation { Body: ConditionalOperation or BarrierOperation })
            throw new ArgumentException("A condition must guard a gate, measurement, reset or channel.", nameof(op));
        if (op is ConditionalOperation cond && cond.Condition.Clbits.Length > 63)
            throw new ArgumentException("A condition reads at most 63 classical bits.", nameof(op));
    }
}
