using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace NotebookRnn.Notebook.Magics;

/// <summary>
/// Binds one option of a magic command from the text the kernel hands over: an integer (<c>int?</c>, at least
/// <see cref="Minimum"/>), an enum (<c>pre</c>, <c>Post</c>: any case) or a <see cref="MaxLength"/>. Bad text fails the
/// command with the magic's one-line error, e.g. <c>#!rnn-padding: --buckets must be an integer ≥ 1, got 'abc'. Usage: …</c>,
/// rather than the serializer's message about JSON types.
/// </summary>
/// <param name="magic">The magic's name, e.g. <c>#!rnn-padding</c>, whose usage the error ends with.</param>
/// <param name="option">The option, e.g. <c>--buckets</c>.</param>
[AttributeUsage(AttributeTargets.Property)]
public sealed class MagicOptionAttribute(string magic, string option) : JsonConverterAttribute
{
    /// <summary>The smallest integer accepted; default <see cref="int.MinValue"/>.</summary>
    public int Minimum { get; set; } = int.MinValue;

    /// <inheritdoc/>
    public override JsonConverter? CreateConverter(Type typeToConvert)
    {
        Type type = Nullable.GetUnderlyingType(typeToConvert) ?? typeToConvert;
        if (type == typeof(int)) return new Converter<int>(IntegerOf);
        if (type == typeof(MaxLength)) return new Converter<MaxLength>(MaxLengthOf);
        if (type.IsEnum) return (JsonConverter)Activator.CreateInstance(typeof(Converter<>).MakeGenericType(type),
            (Func<string, object>)(text => EnumOf(type, text)))!;
        throw new InvalidOperationException($"{magic} {option}: no binding for options of type {type.Name}.");
    }

    private object IntegerOf(string text)
    {
        bool parsed = int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value);
        string expected = Minimum == int.MinValue ? "an integer" : $"an integer ≥ {Minimum}";
        return parsed && value >= Minimum ? value : throw Problem($"{option} must be {expected}, got '{text}'");
    }

    private object MaxLengthOf(string text) =>
        MaxLength.TryParse(text, out MaxLength value) ? value : throw Problem($"{option} must be an integer ≥ 0 or auto, got '{text}'");

    private object EnumOf(Type type, string text)
    {
        string[] names = Enum.GetNames(type);
        string? name = names.FirstOrDefault(n => n.Equals(text.Trim(), StringComparison.OrdinalIgnoreCase));
        return name is not null
            ? Enum.Parse(type, name)
            : throw Problem($"{option} must be {string.Join(" or ", names.Select(n => n.ToLowerInvariant()))}, got '{text}'");
    }

    private JsonException Problem(string problem) => new(MagicDirectives.Info(magic).Error(problem));

    // The property is nullable (null: option not given), so the converter is for T? and reads JSON null as null.
    private sealed class Converter<T>(Func<string, object> parse) : JsonConverter<T?> where T : struct
    {
        public override bool HandleNull => true;

        public override T? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType switch
            {
                JsonTokenType.Null => null,
                JsonTokenType.String => (T)parse(reader.GetString() ?? ""),
                _ => (T)parse(Encoding.UTF8.GetString(reader.ValueSpan)),
            };

        public override void Write(Utf8JsonWriter writer, T? value, JsonSerializerOptions options)
        {
            if (value is null) writer.WriteNullValue();
            else writer.WriteStringValue(Convert.ToString(value.Value, CultureInfo.InvariantCulture));
        }
    }
}
