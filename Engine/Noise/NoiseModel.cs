using System.Collections.Immutable;
using QSim.Circuits;
using QSim.Gates;

namespace QSim.Noise;

/// <summary>A channel applied after every gate of the given names, on any qubits or only on the given qubit lists.</summary>
/// <param name="Gates">Gate names as the gate library spells them (aliases such as <c>cnot</c> are stored as <c>cx</c>).</param>
/// <param name="Qubits">The gates' qubit lists it applies to (exact, in the gate's order), or null for every qubit list.</param>
/// <param name="Channel">The channel: on the gate's qubits when it has as many, on each of them when it is a 1-qubit channel.</param>
public sealed record GateNoiseRule(ImmutableArray<string> Gates, IReadOnlyList<ImmutableArray<int>>? Qubits, BoundChannel Channel);

/// <summary>A 1-qubit channel applied just before every measurement of the given qubits (null: of every qubit).</summary>
public sealed record MeasurementNoiseRule(ImmutableArray<int>? Qubits, BoundChannel Channel);

/// <summary>A circuit with a noise model's channels in it, and the readout errors its sampler applies to measured bits.</summary>
/// <param name="Circuit">The circuit with <see cref="ChannelOperation"/>s inserted (the input circuit itself when none were).</param>
/// <param name="Readout">Readout errors per qubit (see <see cref="ReadoutNoise"/> for how they apply).</param>
public sealed record NoisyCircuit(Circuit Circuit, ReadoutNoise Readout);

/// <summary>
/// What is wrong with a noise rule: the argument (the JSON field) at fault, or null for the rule as a whole; the index
/// within it when it is a list; and why.
/// </summary>
internal sealed record RuleFault(string? Field, int? Index, string Reason)
{
    public ArgumentException ToException() =>
        Field is null ? new($"{char.ToUpperInvariant(Reason[0])}{Reason[1..]}.") : new($"{Field}{(Index is { } i ? $"[{i}]" : "")}: {Reason}.", Field);
}

/// <summary>
/// Where noise happens, in the shape of Qiskit Aer's <c>NoiseModel</c>: channels after given gates (by name, on every
/// qubit list or on given ones), channels before measurements, and readout errors per qubit. For one gate (or
/// measurement) the rules that name its exact qubits replace those for every qubit, as Aer's local errors replace its
/// all-qubit errors; several rules that apply are applied in the order they were added. <see cref="Apply"/> writes the
/// channels into a circuit. Channels that do nothing (e.g. p = 0) and identity readout matrices are skipped, so a
/// noise-free model gives back the input circuit itself.
/// </summary>
public sealed class NoiseModel
{
    private readonly List<GateNoiseRule> _gateRules = new();
    private readonly List<MeasurementNoiseRule> _measurementRules = new();
    private readonly Dictionary<int, ReadoutError> _qubitReadout = new();

    /// <summary>Gate rules in the order added.</summary>
    public IReadOnlyList<GateNoiseRule> GateRules => _gateRules;

    /// <summary>Measurement rules in the order added.</summary>
    public IReadOnlyList<MeasurementNoiseRule> MeasurementRules => _measurementRules;

    /// <summary>The readout error of every qubit without one of its own, or null.</summary>
    public ReadoutError? AllQubitReadout { get; private set; }

    /// <summary>Readout errors of given qubits.</summary>
    public IReadOnlyDictionary<int, ReadoutError> QubitReadout => _qubitReadout;

    /// <summary>True when the model has no rule at all.</summary>
    public bool IsEmpty => _gateRules.Count == 0 && _measurementRules.Count == 0 && AllQubitReadout is null && _qubitReadout.Count == 0;

    /// <summary>Applies <paramref name="channel"/> after every gate named in <paramref name="gates"/>, whatever its qubits.</summary>
    /// <exception cref="ArgumentException">No gate name, or the channel's qubit count is neither 1 nor a named library gate's.</exception>
    public NoiseModel AddGateNoise(BoundChannel channel, IEnumerable<string> gates) => AddGateNoise(channel, gates, null);

    /// <summary>Applies <paramref name="channel"/> after every gate named in <paramref name="gates"/> whose qubit list is one of <paramref name="qubits"/>.</summary>
    /// <exception cref="ArgumentException">No gate name or qubit list, a list with a repeated or negative qubit or of the wrong length, or a channel of the wrong size.</exception>
    public NoiseModel AddGateNoise(BoundChannel channel, IEnumerable<string> gates, IEnumerable<IReadOnlyList<int>>? qubits)
    {
        ImmutableArray<string> names = [.. gates.Select(name => GateLibrary.Find(name)?.Name ?? name)];
        ImmutableArray<int>[]? lists = qubits?.Select(list => ImmutableArray.CreateRange(list)).ToArray();
        if (CheckGateRule(names, lists, channel) is { } fault) throw fault.ToException();
        _gateRules.Add(new GateNoiseRule(names, lists, channel));
        return this;
    }

    /// <summary>Applies a 1-qubit <paramref name="channel"/> before every measurement.</summary>
    /// <exception cref="ArgumentException">The channel is not a 1-qubit channel.</exception>
    public NoiseModel AddMeasurementNoise(BoundChannel channel) => AddMeasurement(channel, null);

    /// <summary>Applies a 1-qubit <paramref name="channel"/> before every measurement of the given qubits.</summary>
    /// <exception cref="ArgumentException">The channel is not a 1-qubit channel, or a qubit is negative or repeated.</exception>
    public NoiseModel AddMeasurementNoise(BoundChannel channel, IEnumerable<int> qubits) => AddMeasurement(channel, [.. qubits]);

    /// <summary>Sets the readout error of every qubit without one of its own.</summary>
    /// <exception cref="ArgumentException">The model already has an all-qubit readout error.</exception>
    public NoiseModel AddReadoutError(ReadoutError error)
    {
        if (CheckReadout(null) is { } fault) throw fault.ToException();
        AllQubitReadout = error;
        return this;
    }

    /// <summary>Sets the readout error of the given qubits.</summary>
    /// <exception cref="ArgumentException">A qubit is negative, repeated, or already has a readout error.</exception>
    public NoiseModel AddReadoutError(ReadoutError error, IEnumerable<int> qubits)
    {
        ImmutableArray<int> list = [.. qubits];
        if (CheckReadout(list) is { } fault) throw fault.ToException();
        foreach (int q in list) _qubitReadout[q] = error;
        return this;
    }

    /// <summary>
    /// The circuit with this model's channels inserted (after each matching gate, before each matching measurement,
    /// under the same condition as a conditioned gate or measurement) and the readout errors of its qubits.
    /// </summary>
    /// <exception cref="ArgumentException">A rule for a gate outside the library gives a channel whose size fits neither 1 nor the gate.</exception>
    public NoisyCircuit Apply(Circuit circuit)
    {
        var noisy = circuit.CopyShape();
        foreach (var symbol in circuit.Symbols) noisy.DeclareSymbol(symbol.Name);
        bool inserted = false;
        foreach (var op in circuit.Operations)
        {
            var (condition, body) = op is ConditionalOperation c ? (c.Condition, c.Body) : (null, op);
            var before = body is MeasureOperation m ? MeasurementChannels(m.Qubit) : [];
            var after = body is GateOperation g ? GateChannels(g) : [];
            Insert(before);
            noisy.Append(op);
            Insert(after);
            inserted |= before.Count + after.Count > 0;

            void Insert(List<ChannelOperation> channels)
            {
                foreach (var channel in channels) noisy.Append(condition is null ? channel : new ConditionalOperation(condition, channel));
            }
        }
        return new NoisyCircuit(inserted ? noisy : circuit, new ReadoutNoise(ReadoutOf(circuit.QubitCount)));
    }

    private NoiseModel AddMeasurement(BoundChannel channel, ImmutableArray<int>? qubits)
    {
        if (CheckMeasurementRule(qubits, channel) is { } fault) throw fault.ToException();
        _measurementRules.Add(new MeasurementNoiseRule(qubits, channel));
        return this;
    }

    /// <summary>The first fault of a gate rule (names already resolved through the gate library's aliases), or null.</summary>
    internal static RuleFault? CheckGateRule(IReadOnlyList<string> names, IReadOnlyList<ImmutableArray<int>>? lists, BoundChannel channel)
    {
        if (names.Count == 0) return new RuleFault("gates", null, "must name at least one gate");
        for (int i = 0; i < names.Count; i++)
            if (string.IsNullOrEmpty(names[i])) return new RuleFault("gates", i, "is an empty name");
        var known = names.Select(GateLibrary.Find).OfType<GateDefinition>().ToArray();
        if (known.FirstOrDefault(g => g.QubitCount == 0 || (channel.QubitCount != 1 && channel.QubitCount != g.QubitCount)) is { } misfit)
            return new RuleFault("channel", null,
                $"a {channel.QubitCount}-qubit channel cannot follow gate '{misfit.Name}' on {misfit.QubitCount} qubit(s): it must act on 1 qubit or on as many as the gate");
        if (lists is null) return null;
        if (lists.Count == 0) return new RuleFault("qubits", null, "is empty; leave it out for every qubit list");
        for (int i = 0; i < lists.Count; i++)
        {
            if (QubitsFault(lists[i]) is { } reason) return new RuleFault("qubits", i, reason);
            if (known.FirstOrDefault(g => g.QubitCount != lists[i].Length) is { } other)
                return new RuleFault("qubits", i, $"has {lists[i].Length} qubit(s); gate '{other.Name}' acts on {other.QubitCount}");
        }
        return null;
    }

    /// <summary>The first fault of a measurement rule, or null.</summary>
    internal static RuleFault? CheckMeasurementRule(ImmutableArray<int>? qubits, BoundChannel channel)
    {
        if (channel.QubitCount != 1)
            return new RuleFault("channel", null, $"a channel before a measurement acts on 1 qubit; '{channel.Definition.Name}' acts on {channel.QubitCount}");
        return qubits is { } list && QubitsFault(list) is { } reason ? new RuleFault("qubits", null, reason) : null;
    }

    /// <summary>The fault of adding a readout error for <paramref name="qubits"/> (null: for all qubits) to this model, or null.</summary>
    internal RuleFault? CheckReadout(ImmutableArray<int>? qubits)
    {
        if (qubits is not { } list)
            return AllQubitReadout is null ? null : new RuleFault(null, null, "the model already has a readout error for all qubits");
        if (QubitsFault(list) is { } reason) return new RuleFault("qubits", null, reason);
        int taken = list.IndexOf(list.FirstOrDefault(_qubitReadout.ContainsKey, -1));
        return taken < 0 ? null : new RuleFault("qubits", taken, $"qubit {list[taken]} already has a readout error");
    }

    private List<ChannelOperation> GateChannels(GateOperation gate)
    {
        string name = gate.Gate.Name;
        var local = _gateRules.Where(r => r.Qubits is { } lists && r.Gates.Contains(name) && lists.Any(l => l.SequenceEqual(gate.Qubits))).ToList();
        var rules = local.Count > 0 ? local : _gateRules.Where(r => r.Qubits is null && r.Gates.Contains(name));
        var channels = new List<ChannelOperation>();
        foreach (var channel in rules.Select(r => r.Channel).Where(c => !c.IsIdentity))
        {
            if (channel.QubitCount == gate.Qubits.Length) channels.Add(new ChannelOperation(channel, gate.Qubits));
            else if (channel.QubitCount == 1) channels.AddRange(gate.Qubits.Select(q => new ChannelOperation(channel, [q])));
            else throw new ArgumentException($"Noise rule for gate '{name}' gives a {channel.QubitCount}-qubit channel; the gate acts on {gate.Qubits.Length} qubit(s).");
        }
        return channels;
    }

    private List<ChannelOperation> MeasurementChannels(int qubit)
    {
        var local = _measurementRules.Where(r => r.Qubits is { } list && list.Contains(qubit)).ToList();
        var rules = local.Count > 0 ? local : _measurementRules.Where(r => r.Qubits is null);
        return [.. rules.Select(r => r.Channel).Where(c => !c.IsIdentity).Select(c => new ChannelOperation(c, [qubit]))];
    }

    private Dictionary<int, ReadoutError> ReadoutOf(int qubitCount)
    {
        var readout = new Dictionary<int, ReadoutError>();
        for (int q = 0; q < qubitCount; q++)
            if ((_qubitReadout.GetValueOrDefault(q) ?? AllQubitReadout) is { IsIdentity: false } error) readout[q] = error;
        return readout;
    }

    private static string? QubitsFault(ImmutableArray<int> qubits)
    {
        if (qubits.IsEmpty) return "is an empty qubit list";
        if (qubits.Any(q => q < 0)) return $"has a negative qubit ({qubits.First(q => q < 0)})";
        return qubits.Distinct().Count() == qubits.Length ? null : $"repeats a qubit ([{string.Join(", ", qubits)}])";
    }
}
