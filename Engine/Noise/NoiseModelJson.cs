using System.Collections.Immutable;
using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json;
using QSim.Gates;
using QSim.Numerics;

namespace QSim.Noise;

/// <summary>A noise-model document is malformed; <see cref="Path"/> is the JSON path of the fault.</summary>
public sealed class NoiseModelFormatException(string path, string reason) : FormatException($"{path}: {reason}")
{
    /// <summary>JSON path of the fault, e.g. <c>$.gates[2].channel.p</c>.</summary>
    public string Path { get; } = path;

    /// <summary>What is wrong, without the path.</summary>
    public string Reason { get; } = reason;
}

/// <summary>
/// Reads and writes noise models as JSON (the format is documented in docs/noise.md). Reading treats the text as
/// hostile: it is size- and depth-bounded, unknown or repeated fields are rejected, and every fault is reported with
/// its JSON path (<c>$.gates[2].channel.p: must be in [0, 1]; got 1.5</c>).
/// </summary>
public static class NoiseModelJson
{
    /// <summary>Largest document read, in UTF-8 bytes.</summary>
    public const int MaxBytes = 1 << 20;

    /// <summary>Deepest nesting read (a Kraus operator's complex entry is at depth 8).</summary>
    public const int MaxDepth = 16;

    /// <summary>Rows (and columns) of the largest Kraus operator: a 3-qubit channel.</summary>
    private const int MaxKrausDimension = 8;

    /// <summary>Reads a noise model from a file.</summary>
    /// <exception cref="NoiseModelFormatException">The file is too large or the model is malformed.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    /// <exception cref="UnauthorizedAccessException">The file may not be read.</exception>
    public static NoiseModel Load(string path)
    {
        long length = new FileInfo(path).Length;
        if (length > MaxBytes) throw new NoiseModelFormatException("$", $"the file is {length} bytes; a noise model is at most {MaxBytes}");
        return Parse(File.ReadAllText(path));
    }

    /// <summary>Reads a noise model from JSON text.</summary>
    /// <exception cref="NoiseModelFormatException">The text is too large, not JSON, or not a valid model.</exception>
    public static NoiseModel Parse(string json)
    {
        if (json.Length > MaxBytes || Encoding.UTF8.GetByteCount(json) is var bytes && bytes > MaxBytes)
            throw new NoiseModelFormatException("$", $"the document is over {MaxBytes} bytes");
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = MaxDepth });
        }
        catch (JsonException e)
        {
            string where = e.LineNumber is { } line ? $" at line {line + 1}, column {e.BytePositionInLine + 1}" : "";
            throw new NoiseModelFormatException("$", $"not valid JSON{where}: {FirstSentence(e.Message)}");
        }
        using (document) return new Reader().Model(document.RootElement);
    }

    /// <summary>The model as indented JSON that <see cref="Parse"/> reads back to an equal model.</summary>
    public static string Write(NoiseModel model) => NoiseModelJsonWriter.Write(model);

    private static string FirstSentence(string message)
    {
        int end = message.IndexOf(". ", StringComparison.Ordinal);
        return (end < 0 ? message : message[..end]).TrimEnd('.');
    }

    /// <summary>Walks the document; every method takes the JSON path of the element it reads.</summary>
    private sealed class Reader
    {
        private readonly NoiseModel _model = new();

        public NoiseModel Model(JsonElement root)
        {
            var fields = Fields(root, "$", ["version", "gates", "measure", "readout"]);
            if (fields.TryGetValue("version", out var version) && !(version.ValueKind == JsonValueKind.Number && version.TryGetInt32(out int v) && v == 1))
                throw Fault("$.version", "must be 1 (the only version of this format)");
            if (fields.TryGetValue("gates", out var gates)) Each(gates, "$.gates", GateRule);
            if (fields.TryGetValue("measure", out var measure)) Each(measure, "$.measure", MeasurementRule);
            if (fields.TryGetValue("readout", out var readout)) Each(readout, "$.readout", ReadoutRule);
            return _model;
        }

        private void GateRule(JsonElement rule, string path)
        {
            var fields = Fields(rule, path, ["gates", "qubits", "channel"], "gates", "channel");
            var names = List(fields["gates"], path + ".gates", (e, p) =>
                GateLibrary.Find(String(e, p))?.Name ?? throw Fault(p, $"is not a gate of the gate library ({Quote(e.GetString()!)})"));
            IReadOnlyList<ImmutableArray<int>>? lists = fields.TryGetValue("qubits", out var q) ? List(q, path + ".qubits", Qubits) : null;
            var channel = Channel(fields["channel"], path + ".channel");
            Check(NoiseModel.CheckGateRule(names, lists, channel), path);
            _model.AddGateNoise(channel, names, lists?.Select(l => (IReadOnlyList<int>)l));
        }

        private void MeasurementRule(JsonElement rule, string path)
        {
            var fields = Fields(rule, path, ["qubits", "channel"], "channel");
            ImmutableArray<int>? qubits = fields.TryGetValue("qubits", out var q) ? Qubits(q, path + ".qubits") : null;
            var channel = Channel(fields["channel"], path + ".channel");
            Check(NoiseModel.CheckMeasurementRule(qubits, channel), path);
            if (qubits is { } list) _model.AddMeasurementNoise(channel, list);
            else _model.AddMeasurementNoise(channel);
        }

        private void ReadoutRule(JsonElement rule, string path)
        {
            var fields = Fields(rule, path, ["qubits", "matrix"], "matrix");
            ImmutableArray<int>? qubits = fields.TryGetValue("qubits", out var q) ? Qubits(q, path + ".qubits") : null;
            string matrixPath = path + ".matrix";
            var rows = List(fields["matrix"], matrixPath, (row, p) => List(row, p, Number));
            if (rows.Length != 2 || rows.Any(r => r.Length != 2))
                throw Fault(matrixPath, "must be a 2x2 matrix [[P(0|0), P(1|0)], [P(0|1), P(1|1)]]");
            ReadoutError error;
            try
            {
                error = new ReadoutError(new[,] { { rows[0][0], rows[0][1] }, { rows[1][0], rows[1][1] } });
            }
            catch (ReadoutErrorException e)
            {
                throw Fault($"{matrixPath}[{e.Row}]{(e.Column is { } c ? $"[{c}]" : "")}", e.Reason);
            }
            Check(_model.CheckReadout(qubits), path);
            if (qubits is { } list) _model.AddReadoutError(error, list);
            else _model.AddReadoutError(error);
        }

        private BoundChannel Channel(JsonElement channel, string path)
        {
            if (channel.ValueKind != JsonValueKind.Object) throw Fault(path, "must be an object");
            if (!channel.TryGetProperty("type", out var typeElement)) throw Fault(path, "missing field 'type'");
            string type = String(typeElement, path + ".type");
            if (type == "kraus") return Kraus(channel, path);
            var definition = ChannelLibrary.Find(type)
                ?? throw Fault(path + ".type", $"unknown channel {Quote(type)} (known: {string.Join(", ", ChannelLibrary.All.Keys)}, kraus)");
            string[] names = [.. definition.Parameters.Select(p => p.Name)];
            var fields = Fields(channel, path, ["type", .. names], ["type", .. names]);
            var values = names.Select(name => Number(fields[name], $"{path}.{name}")).ToArray();
            try
            {
                return definition.Bind(values);
            }
            catch (ChannelParameterException e)
            {
                throw Fault(e.Parameter is null ? path : $"{path}.{e.Parameter}", e.Reason);
            }
        }

        private static BoundChannel Kraus(JsonElement channel, string path)
        {
            var fields = Fields(channel, path, ["type", "operators"], "type", "operators");
            string operatorsPath = path + ".operators";
            var operators = List(fields["operators"], operatorsPath, KrausOperator);
            try
            {
                return ChannelLibrary.Kraus(operators).Bind();
            }
            catch (KrausOperatorsException e)
            {
                throw Fault(e.Operator is { } i ? $"{operatorsPath}[{i}]" : operatorsPath, e.Reason);
            }
        }

        private static ComplexMatrix KrausOperator(JsonElement matrix, string path)
        {
            var rows = List(matrix, path, (row, p) => List(row, p, Entry));
            if (rows.Length is 0 or > MaxKrausDimension)
                throw Fault(path, $"has {rows.Length} rows; a Kraus operator is 2x2, 4x4 or 8x8");
            for (int r = 0; r < rows.Length; r++)
                if (rows[r].Length != rows.Length) throw Fault($"{path}[{r}]", $"has {rows[r].Length} entries; the matrix has {rows.Length} rows");
            return new ComplexMatrix(rows.SelectMany(r => r).ToArray());
        }

        /// <summary>A matrix entry: a real number, or [re, im].</summary>
        private static Complex Entry(JsonElement entry, string path)
        {
            if (entry.ValueKind == JsonValueKind.Number) return Number(entry, path);
            if (entry.ValueKind == JsonValueKind.Array && entry.GetArrayLength() == 2)
                return new Complex(Number(entry[0], path + "[0]"), Number(entry[1], path + "[1]"));
            throw Fault(path, "must be a number or a pair [re, im]");
        }

        private static ImmutableArray<int> Qubits(JsonElement list, string path) => List(list, path, (e, p) =>
            e.ValueKind == JsonValueKind.Number && e.TryGetInt32(out int q) && q >= 0 ? q : throw Fault(p, "must be a qubit index (an integer >= 0)"));

        private static double Number(JsonElement e, string path) =>
            e.ValueKind == JsonValueKind.Number && e.TryGetDouble(out double v) && double.IsFinite(v) ? v : throw Fault(path, "must be a finite number");

        private static string String(JsonElement e, string path) =>
            e.ValueKind == JsonValueKind.String ? e.GetString()! : throw Fault(path, "must be a string");

        private static ImmutableArray<T> List<T>(JsonElement array, string path, Func<JsonElement, string, T> item)
        {
            if (array.ValueKind != JsonValueKind.Array) throw Fault(path, "must be an array");
            int index = 0;
            var items = ImmutableArray.CreateBuilder<T>(array.GetArrayLength());
            foreach (var element in array.EnumerateArray()) items.Add(item(element, $"{path}[{index++}]"));
            return items.MoveToImmutable();
        }

        private static void Each(JsonElement array, string path, Action<JsonElement, string> item) =>
            List(array, path, (e, p) => { item(e, p); return 0; });

        /// <summary>The object's fields by name, rejecting a non-object, unknown or repeated fields, and missing required ones.</summary>
        private static Dictionary<string, JsonElement> Fields(JsonElement element, string path, string[] known, params string[] required)
        {
            if (element.ValueKind != JsonValueKind.Object) throw Fault(path, "must be an object");
            var fields = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
            foreach (var property in element.EnumerateObject())
            {
                if (!known.Contains(property.Name))
                    throw Fault(path + Key(property.Name), $"unknown field (expected {string.Join(", ", known)})");
                if (!fields.TryAdd(property.Name, property.Value)) throw Fault(path + Key(property.Name), "appears twice");
            }
            if (required.FirstOrDefault(r => !fields.ContainsKey(r)) is { } missing) throw Fault(path, $"missing field '{missing}'");
            return fields;
        }

        private static void Check(RuleFault? fault, string path)
        {
            if (fault is null) return;
            string at = fault.Field is null ? path : $"{path}.{fault.Field}{(fault.Index is { } i ? $"[{i}]" : "")}";
            throw Fault(at, fault.Reason);
        }

        private static NoiseModelFormatException Fault(string path, string reason) => new(path, reason);
    }

    /// <summary>A field name in a path: <c>.name</c> when it is a plain identifier, else <c>['…']</c>, quoted and shortened.</summary>
    private static string Key(string name) =>
        name.Length is > 0 and <= 64 && (char.IsAsciiLetter(name[0]) || name[0] == '_') && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_')
            ? "." + name
            : $"[{Quote(name)}]";

    /// <summary>Untrusted text for a message: single-quoted, control and non-ASCII characters escaped, at most 64 characters.</summary>
    private static string Quote(string text)
    {
        var quoted = new StringBuilder("'");
        foreach (char c in text.Length > 64 ? text[..64] : text)
            quoted.Append(c is >= ' ' and <= '~' and not '\'' and not '\\' ? c.ToString() : $"\\u{(int)c:x4}");
        return quoted.Append(text.Length > 64 ? "...'" : "'").ToString();
    }
}
