using System.Text;
using System.Text.Json;

namespace QSim.Noise;

/// <summary>Writes a noise model in the format <see cref="NoiseModelJson"/> reads (docs/noise.md).</summary>
internal static class NoiseModelJsonWriter
{
    public static string Write(NoiseModel model)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteNumber("version", 1);
            json.WriteStartArray("gates");
            foreach (var rule in model.GateRules)
            {
                json.WriteStartObject();
                json.WriteStartArray("gates");
                foreach (string gate in rule.Gates) json.WriteStringValue(gate);
                json.WriteEndArray();
                if (rule.Qubits is { } lists)
                {
                    json.WriteStartArray("qubits");
                    foreach (var list in lists) Qubits(json, list);
                    json.WriteEndArray();
                }
                Channel(json, rule.Channel);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteStartArray("measure");
            foreach (var rule in model.MeasurementRules)
            {
                json.WriteStartObject();
                if (rule.Qubits is { } list)
                {
                    json.WritePropertyName("qubits");
                    Qubits(json, list);
                }
                Channel(json, rule.Channel);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteStartArray("readout");
            if (model.AllQubitReadout is { } all) Readout(json, null, all);
            // Qubits that share one ReadoutError object were added together: write them as one rule again.
            foreach (var group in model.QubitReadout.GroupBy(p => p.Value, ReferenceEqualityComparer.Instance))
                Readout(json, group.Select(p => p.Key).Order(), (ReadoutError)group.Key!);
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void Qubits(Utf8JsonWriter json, IEnumerable<int> qubits)
    {
        json.WriteStartArray();
        foreach (int q in qubits) json.WriteNumberValue(q);
        json.WriteEndArray();
    }

    /// <summary>A library row by its parameters; any other channel (user Kraus operators) as its operators.</summary>
    private static void Channel(Utf8JsonWriter json, BoundChannel channel)
    {
        json.WriteStartObject("channel");
        var definition = channel.Definition;
        if (ReferenceEquals(ChannelLibrary.Find(definition.Name), definition))
        {
            json.WriteString("type", definition.Name);
            for (int i = 0; i < definition.ParameterCount; i++) json.WriteNumber(definition.Parameters[i].Name, channel.Parameters[i]);
        }
        else
        {
            json.WriteString("type", "kraus");
            json.WriteStartArray("operators");
            foreach (var k in channel.Kraus)
            {
                json.WriteStartArray();
                for (int r = 0; r < k.Dimension; r++)
                {
                    json.WriteStartArray();
                    for (int c = 0; c < k.Dimension; c++)
                    {
                        var z = k[r, c];
                        if (z.Imaginary == 0) json.WriteNumberValue(z.Real);
                        else
                        {
                            json.WriteStartArray();
                            json.WriteNumberValue(z.Real);
                            json.WriteNumberValue(z.Imaginary);
                            json.WriteEndArray();
                        }
                    }
                    json.WriteEndArray();
                }
                json.WriteEndArray();
            }
            json.WriteEndArray();
        }
        json.WriteEndObject();
    }

    private static void Readout(Utf8JsonWriter json, IEnumerable<int>? qubits, ReadoutError error)
    {
        json.WriteStartObject();
        if (qubits is not null)
        {
            json.WritePropertyName("qubits");
            Qubits(json, qubits);
        }
        json.WriteStartArray("matrix");
        for (int truth = 0; truth < 2; truth++)
        {
            json.WriteStartArray();
            json.WriteNumberValue(error[truth, 0]);
            json.WriteNumberValue(error[truth, 1]);
            json.WriteEndArray();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }
}
