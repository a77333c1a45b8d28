using System.Text.Json;
using NotebookRnn.Constraints;
using NotebookRnn.Initializers;
using NotebookRnn.Layers;
using NotebookRnn.Regularizers;

namespace NotebookRnn.Persistence;

/// <summary>
/// Typed reading of one configuration object (key → JSON value). Every accessor names the full key path in its
/// error, e.g. <c>layers[1].config.units: expected an integer, got "8"</c>; <see cref="EnsureAllRead"/> rejects keys
/// nobody asked for, so a misspelt or foreign key is an error rather than silently ignored.
/// </summary>
internal sealed class ConfigReader
{
    private readonly JsonElement _element;
    private readonly HashSet<string> _read = [];

    /// <summary>Wraps <paramref name="element"/>, found at <paramref name="path"/>.</summary>
    /// <exception cref="ConfigException">The element is not an object, or has a key twice.</exception>
    public ConfigReader(JsonElement element, string path)
    {
        Path = path;
        if (element.ValueKind != JsonValueKind.Object) throw new ConfigException(path, $"expected an object, got {Describe(element)}.");
        var keys = new HashSet<string>();
        foreach (JsonProperty property in element.EnumerateObject())
            if (!keys.Add(property.Name)) throw new ConfigException(path, $"key \"{property.Name}\" appears twice.");
        _element = element;
    }

    /// <summary>Where this object is, e.g. <c>layers[1].config</c>.</summary>
    public string Path { get; }

    /// <summary>Whether the key is present (with any value, <c>null</c> included).</summary>
    public bool Has(string key) => _element.TryGetProperty(key, out _);

    /// <summary>The raw value of a required key.</summary>
    public JsonElement Element(string key)
    {
        _read.Add(key);
        return _element.TryGetProperty(key, out JsonElement value) ? value : throw Error(key, "is missing.");
    }

    /// <summary>A required integer.</summary>
    public int Int(string key) => ToInt(key, Element(key));

    /// <summary>An integer, or <paramref name="fallback"/> when the key is missing.</summary>
    public int Int(string key, int fallback) => Has(key) ? Int(key) : Skip(key, fallback);

    /// <summary>An integer or <c>null</c>; <c>null</c> when the key is missing.</summary>
    public int? NullableInt(string key) => Optional(key) is JsonElement value ? ToInt(key, value) : null;

    /// <summary>A 64-bit integer or <c>null</c>; <c>null</c> when the key is missing.</summary>
    public long? NullableLong(string key) => Optional(key) is JsonElement value ? ToLong(key, value) : null;

    /// <summary>A required 64-bit integer.</summary>
    public long Long(string key) => ToLong(key, Element(key));

    /// <summary>A required number (also <c>"NaN"</c>, <c>"Infinity"</c>, <c>"-Infinity"</c>).</summary>
    public double Double(string key) => ToDouble(key, Element(key));

    /// <summary>A number, or <paramref name="fallback"/> when the key is missing.</summary>
    public double Double(string key, double fallback) => Has(key) ? Double(key) : Skip(key, fallback);

    /// <summary>A number or <c>null</c>; <c>null</c> when the key is missing.</summary>
    public double? NullableDouble(string key) => Optional(key) is JsonElement value ? ToDouble(key, value) : null;

    /// <summary>A required single-precision number, parsed directly as float so it round-trips exactly.</summary>
    public float Float(string key)
    {
        JsonElement value = Element(key);
        if (value.ValueKind == JsonValueKind.Number && value.TryGetSingle(out float number)) return number;
        if (value.ValueKind == JsonValueKind.String && ConfigJson.ParseNonFinite(value.GetString()!) is double special) return (float)special;
        throw Error(key, $"expected a number, got {Describe(value)}.");
    }

    /// <summary>A single-precision number, or <paramref name="fallback"/> when the key is missing.</summary>
    public float Float(string key, float fallback) => Has(key) ? Float(key) : Skip(key, fallback);

    /// <summary>A required boolean.</summary>
    public bool Bool(string key)
    {
        JsonElement value = Element(key);
        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw Error(key, $"expected true or false, got {Describe(value)}."),
        };
    }

    /// <summary>A boolean, or <paramref name="fallback"/> when the key is missing.</summary>
    public bool Bool(string key, bool fallback) => Has(key) ? Bool(key) : Skip(key, fallback);

    /// <summary>Whether the key is present with the value <c>null</c>.</summary>
    public bool IsNull(string key) => _element.TryGetProperty(key, out JsonElement value) && value.ValueKind == JsonValueKind.Null;

    /// <summary>A required string.</summary>
    public string String(string key) =>
        Element(key) is { ValueKind: JsonValueKind.String } value ? value.GetString()! : throw Error(key, $"expected a string, got {Describe(Element(key))}.");

    /// <summary>A string or <c>null</c>; <paramref name="fallback"/> when the key is missing.</summary>
    public string? NullableString(string key, string? fallback)
    {
        if (!Has(key)) return Skip(key, fallback);
        JsonElement value = Element(key);
        return value.ValueKind == JsonValueKind.Null ? null : String(key);
    }

    /// <summary>A shape (list of integers &gt; 0 or <c>null</c>), or <c>null</c> when missing or null.</summary>
    public int?[]? Shape(string key)
    {
        if (Optional(key) is not JsonElement value) return null;
        if (value.ValueKind != JsonValueKind.Array) throw Error(key, $"expected a shape such as [null, 8], got {Describe(value)}.");
        var shape = new int?[value.GetArrayLength()];
        int i = 0;
        foreach (JsonElement dimension in value.EnumerateArray())
            shape[i++] = dimension.ValueKind == JsonValueKind.Null ? null
                : dimension.ValueKind == JsonValueKind.Number && dimension.TryGetInt32(out int size) && size > 0 ? size
                : throw Error(key, $"dimension {i - 1} must be a positive integer or null, got {Describe(dimension)}.");
        return shape;
    }

    /// <summary>A required list of integers, or one integer read as a list of one (Keras's <c>axes</c> of <c>Dot</c>: an int or a pair).</summary>
    public int[] Integers(string key)
    {
        JsonElement value = Element(key);
        if (value.ValueKind == JsonValueKind.Number) return [Int(key)];
        if (value.ValueKind != JsonValueKind.Array) throw Error(key, $"expected an integer or a list of integers, got {Describe(value)}.");
        var integers = new int[value.GetArrayLength()];
        int i = 0;
        foreach (JsonElement item in value.EnumerateArray())
            integers[i++] = item.ValueKind == JsonValueKind.Number && item.TryGetInt32(out int integer)
                ? integer
                : throw Error(key, $"item {i - 1} must be an integer, got {Describe(item)}.");
        return integers;
    }

    /// <summary>A required nested object.</summary>
    public ConfigReader Object(string key) => new(Element(key), $"{Path}.{key}");

    /// <summary>A required list of objects.</summary>
    public IReadOnlyList<ConfigReader> Objects(string key)
    {
        JsonElement value = Element(key);
        if (value.ValueKind != JsonValueKind.Array) throw Error(key, $"expected a list, got {Describe(value)}.");
        return [.. value.EnumerateArray().Select((item, i) => new ConfigReader(item, $"{Path}.{key}[{i}]"))];
    }

    /// <summary>An initializer by Keras name or as <c>{ class_name, config }</c>, or <c>null</c> (the constructor's default) when missing or null.</summary>
    public Initializer? Initializer(string key) => KerasObject(key, Initializers.Initializer.Get, Initializers.Initializer.FromConfig);

    /// <summary>A regularizer by Keras name or as <c>{ class_name, config }</c>, or <c>null</c> when missing or null.</summary>
    public Regularizer? Regularizer(string key) => KerasObject(key, Regularizers.Regularizer.Get, Regularizers.Regularizer.FromConfig);

    /// <summary>A constraint by Keras name or as <c>{ class_name, config }</c>, or <c>null</c> when missing or null.</summary>
    public Constraint? Constraint(string key) => KerasObject(key, Constraints.Constraint.Get, Constraints.Constraint.FromConfig);

    /// <summary>An activation by Keras name, or <c>null</c> (the constructor's default) when missing.</summary>
    public ActivationFunction? Activation(string key) => Has(key) ? Resolve(key, () => ActivationFunction.Get(NullableString(key, null))) : null;

    /// <summary>Marks a key as read without using it (a key a layer writes but does not take back).</summary>
    public void Ignore(string key) => _read.Add(key);

    /// <summary>Checks that every key present was read.</summary>
    /// <exception cref="ConfigException">A key was not read: unknown to this kind of object.</exception>
    public void EnsureAllRead()
    {
        foreach (JsonProperty property in _element.EnumerateObject())
            if (!_read.Contains(property.Name))
                throw Error(property.Name, $"is not a known key here; expected only {string.Join(", ", _read.Order(StringComparer.Ordinal))}.");
    }

    /// <summary>An error about <paramref name="key"/> of this object.</summary>
    public ConfigException Error(string key, string problem, Exception? inner = null) => new($"{Path}.{key}", problem, inner);

    /// <summary>A short description of a JSON value for messages: its text, cut to 40 characters.</summary>
    public static string Describe(JsonElement value)
    {
        string text = value.GetRawText();
        return text.Length <= 40 ? text : text[..40] + "…";
    }

    private JsonElement? Optional(string key)
    {
        if (!Has(key)) return null;
        JsonElement value = Element(key);
        return value.ValueKind == JsonValueKind.Null ? null : value;
    }

    // Keras writes { module, class_name, config, registered_name }; module and registered_name are accepted and not needed.
    private T? KerasObject<T>(string key, Func<string, T> byName, Func<string, IReadOnlyDictionary<string, object?>, T> fromConfig) where T : class
    {
        if (Optional(key) is not JsonElement value) return null;
        if (value.ValueKind == JsonValueKind.String) return Resolve(key, () => byName(value.GetString()!));
        ConfigReader description = Object(key);
        string className = description.String("class_name");
        description.NullableString("module", null);
        description.NullableString("registered_name", null);
        Dictionary<string, object?> arguments = description.Has("config") ? description.Object("config").Primitives() : new Dictionary<string, object?>();
        description.EnsureAllRead();
        return Resolve(key, () => fromConfig(className, arguments));
    }

    // The object's values as plain .NET values: null, bool, string, long or double, and lists and objects of them.
    private Dictionary<string, object?> Primitives()
    {
        var values = new Dictionary<string, object?>();
        foreach (JsonProperty property in _element.EnumerateObject())
        {
            _read.Add(property.Name);
            values[property.Name] = Primitive(property.Name, property.Value);
        }
        return values;
    }

    private object? Primitive(string key, JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null => null,
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.String => ConfigJson.ParseNonFinite(value.GetString()!) is double special ? (object)special : value.GetString(),
        JsonValueKind.Number => value.TryGetInt64(out long integer) ? integer : value.GetDouble(),
        JsonValueKind.Array => value.EnumerateArray().Select(item => Primitive(key, item)).ToArray(),
        JsonValueKind.Object => new ConfigReader(value, $"{Path}.{key}").Primitives(),
        _ => throw Error(key, $"expected a number, string, boolean, null, list or object, got {Describe(value)}."),
    };

    private T Skip<T>(string key, T fallback)
    {
        _read.Add(key);
        return fallback;
    }

    private T Resolve<T>(string key, Func<T> lookup)
    {
        try
        {
            return lookup();
        }
        catch (ArgumentException error)
        {
            throw Error(key, error.Message, error);
        }
    }

    private int ToInt(string key, JsonElement value) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out int number) ? number
            : throw Error(key, $"expected an integer, got {Describe(value)}.");

    private long ToLong(string key, JsonElement value) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out long number) ? number
            : throw Error(key, $"expected an integer, got {Describe(value)}.");

    private double ToDouble(string key, JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out double number)) return number;
        if (value.ValueKind == JsonValueKind.String && ConfigJson.ParseNonFinite(value.GetString()!) is double special) return special;
        throw Error(key, $"expected a number, got {Describe(value)}.");
    }
}
