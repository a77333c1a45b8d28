using System.Collections;
using System.Globalization;
using System.Text.Json;

namespace NotebookRnn.Persistence;

/// <summary>
/// Writes configuration values (what <see cref="Layers.Layer.GetConfig"/> and <see cref="Optimizers.Optimizer.GetConfig"/> return) as
/// JSON: <c>null</c>, strings, booleans, integers, floating-point numbers, shapes and other lists, and nested
/// dictionaries. Non-finite numbers, which JSON cannot hold, are written as the strings <c>"NaN"</c>,
/// <c>"Infinity"</c> and <c>"-Infinity"</c>; <see cref="ConfigReader"/> reads them back.
/// </summary>
internal static class ConfigJson
{
    /// <summary>The configuration as a JSON element, so in-memory and file configurations are read by one reader.</summary>
    /// <exception cref="ConfigException">A value has a type JSON cannot hold.</exception>
    public static JsonElement ToElement(IReadOnlyDictionary<string, object?> config, string path)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
            Write(writer, config, path);
        using JsonDocument document = JsonDocument.Parse(buffer.ToArray());
        return document.RootElement.Clone();
    }

    /// <summary>Writes <paramref name="value"/>; <paramref name="path"/> names it in errors.</summary>
    /// <exception cref="ConfigException">The value (or a nested one) has a type JSON cannot hold.</exception>
    public static void Write(Utf8JsonWriter writer, object? value, string path)
    {
        switch (value)
        {
            case null: writer.WriteNullValue(); break;
            case string text: writer.WriteStringValue(text); break;
            case bool flag: writer.WriteBooleanValue(flag); break;
            case int or long or short or byte or uint: writer.WriteNumberValue(Convert.ToInt64(value, CultureInfo.InvariantCulture)); break;
            case float single when float.IsFinite(single): writer.WriteNumberValue(single); break;
            case double number when double.IsFinite(number): writer.WriteNumberValue(number); break;
            case float or double: writer.WriteStringValue(NonFiniteText(Convert.ToDouble(value, CultureInfo.InvariantCulture))); break;
            case IReadOnlyDictionary<string, object?> dictionary: WriteObject(writer, dictionary, path); break;
            case IEnumerable items: WriteArray(writer, items, path); break;
            default: throw new ConfigException(path, $"a value of type {value.GetType().Name} cannot be written as JSON.");
        }
    }

    /// <summary>Reads a non-finite number written by <see cref="Write"/>, or <c>null</c> for any other text.</summary>
    public static double? ParseNonFinite(string text) => text switch
    {
        "NaN" => double.NaN,
        "Infinity" => double.PositiveInfinity,
        "-Infinity" => double.NegativeInfinity,
        _ => null,
    };

    private static string NonFiniteText(double value) =>
        double.IsNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity";

    private static void WriteObject(Utf8JsonWriter writer, IReadOnlyDictionary<string, object?> dictionary, string path)
    {
        writer.WriteStartObject();
        foreach (var (key, item) in dictionary)
        {
            writer.WritePropertyName(key);
            Write(writer, item, $"{path}.{key}");
        }
        writer.WriteEndObject();
    }

    private static void WriteArray(Utf8JsonWriter writer, IEnumerable items, string path)
    {
        writer.WriteStartArray();
        int index = 0;
        foreach (object? item in items) Write(writer, item, $"{path}[{index++}]");
        writer.WriteEndArray();
    }
}
