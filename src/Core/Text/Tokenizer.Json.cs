using System.Globalization;
using System.Text.Json;

namespace NotebookRnn.Text;

public sealed partial class Tokenizer
{
    private static readonly string[] StateKeys = ["word_counts", "word_docs", "index_docs", "index_word", "word_index"];

    private static readonly string[] SettingKeys =
        ["num_words", "filters", "lower", "split", "char_level", "oov_token", "document_count", "nb_words"];

    /// <summary>
    /// The tokenizer as Keras's <c>to_json()</c> writes it, byte for byte:
    /// <c>{"class_name": "Tokenizer", "config": {"num_words": …, "filters": …, "lower": …, "split": …,
    /// "char_level": …, "oov_token": …, "document_count": …, "word_counts": "…", "word_docs": "…",
    /// "index_docs": "…", "index_word": "…", "word_index": "…"}}</c>, the five dictionaries each a JSON string
    /// holding a JSON object (integer keys as strings), in their enumeration order. <see cref="Analyzer"/> is not saved.
    /// </summary>
    public string ToJson()
    {
        static string Counts<TKey>(IEnumerable<KeyValuePair<TKey, int>> entries) where TKey : notnull =>
            PythonJson.String(PythonJson.Object(entries.Select(e => (Key(e.Key), PythonJson.Int(e.Value)))));
        static string Key<TKey>(TKey key) => key is int index ? PythonJson.Int(index) : (string)(object)key!;

        string config = PythonJson.Object(
        [
            ("num_words", NumWords is int numWords ? PythonJson.Int(numWords) : PythonJson.Null),
            ("filters", PythonJson.String(Filters)),
            ("lower", PythonJson.Bool(Lower)),
            ("split", PythonJson.String(Split)),
            ("char_level", PythonJson.Bool(CharLevel)),
            ("oov_token", OovToken is null ? PythonJson.Null : PythonJson.String(OovToken)),
            ("document_count", PythonJson.Int(DocumentCount)),
            ("word_counts", Counts(_wordCounts)),
            ("word_docs", Counts(_wordDocs)),
            ("index_docs", Counts(_indexDocs)),
            ("index_word", PythonJson.String(PythonJson.Object(
                _indexWord.Select(e => (PythonJson.Int(e.Key), PythonJson.String(e.Value)))))),
            ("word_index", Counts(_wordIndex)),
        ]);
        return PythonJson.Object([("class_name", PythonJson.String("Tokenizer")), ("config", config)]);
    }

    /// <summary>
    /// A tokenizer from the JSON of Keras's <c>tokenizer.to_json()</c> or of <see cref="ToJson"/>, as Keras's
    /// <c>tokenizer_from_json</c>: the settings go to the constructor (absent ones take its defaults; Keras 1's
    /// <c>nb_words</c> is read as <c>num_words</c>), the five dictionaries are taken as they are, in their order.
    /// It can be fitted further.
    /// </summary>
    /// <exception cref="JsonException"><paramref name="json"/>, or one of the dictionaries inside it, is not JSON.</exception>
    /// <exception cref="ArgumentException">
    /// There is no <c>config</c> object, one of the five dictionaries is missing, a value has the wrong JSON type,
    /// or the config has a key the Keras constructor does not take (Keras's "Unrecognized keyword arguments").
    /// </exception>
    /// <exception cref="ArgumentOutOfRangeException"><c>num_words</c> is below 1.</exception>
    public static Tokenizer TokenizerFromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        using JsonDocument document = JsonDocument.Parse(json);
        JsonElement root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("config", out JsonElement configElement)
            || configElement.ValueKind != JsonValueKind.Object)
            throw new ArgumentException("Expected a tokenizer JSON object with a \"config\" object, as Keras's to_json writes.", nameof(json));
        var config = new Dictionary<string, JsonElement>();
        foreach (JsonProperty property in configElement.EnumerateObject()) config[property.Name] = property.Value;

        string[] missing = StateKeys.Where(key => !config.ContainsKey(key)).ToArray();
        if (missing.Length > 0)
            throw new ArgumentException($"The tokenizer config has no {string.Join(", ", missing)}: expected all of {string.Join(", ", StateKeys)}.", nameof(json));
        string[] unknown = config.Keys.Except(StateKeys).Except(SettingKeys).ToArray();
        if (unknown.Length > 0)
            throw new ArgumentException(
                $"Unrecognized keyword arguments in the tokenizer config: {string.Join(", ", unknown)}; expected only " +
                $"{string.Join(", ", SettingKeys)} and {string.Join(", ", StateKeys)}.", nameof(json));

        Tokenizer tokenizer = FromSettings(config);
        ReadCounts(config, "word_counts", tokenizer._wordCounts, key => key);
        ReadCounts(config, "word_docs", tokenizer._wordDocs, key => key);
        ReadCounts(config, "index_docs", tokenizer._indexDocs, key => IndexKey(key, "index_docs"));
        ReadCounts(config, "word_index", tokenizer._wordIndex, key => key);
        foreach (JsonProperty entry in EmbeddedObject(config, "index_word"))
            tokenizer._indexWord[IndexKey(entry.Name, "index_word")] = entry.Value.ValueKind == JsonValueKind.String
                ? entry.Value.GetString()!
                : throw WrongType($"index_word[\"{entry.Name}\"]", "a string", entry.Value);
        return tokenizer;
    }

    private static Tokenizer FromSettings(Dictionary<string, JsonElement> config)
    {
        int? numWords = Setting(config, "nb_words", e => (int?)ReadInt(e, "nb_words"), null)
                        ?? Setting(config, "num_words", e => (int?)ReadInt(e, "num_words"), null);
        var tokenizer = new Tokenizer(
            numWords,
            Setting(config, "filters", e => ReadString(e, "filters"), DefaultFilters),
            Setting(config, "lower", e => ReadBool(e, "lower"), true),
            Setting(config, "split", e => ReadString(e, "split"), " "),
            Setting(config, "char_level", e => ReadBool(e, "char_level"), false),
            Setting<string?>(config, "oov_token", e => ReadString(e, "oov_token"), null));
        tokenizer.DocumentCount = Setting(config, "document_count", e => ReadInt(e, "document_count"), 0);
        return tokenizer;
    }

    private static T Setting<T>(Dictionary<string, JsonElement> config, string key, Func<JsonElement, T> read, T absent) =>
        config.TryGetValue(key, out JsonElement value) && value.ValueKind != JsonValueKind.Null ? read(value) : absent;

    private static void ReadCounts<TKey>(Dictionary<string, JsonElement> config, string name,
        InsertionOrderedDictionary<TKey, int> destination, Func<string, TKey> key) where TKey : notnull
    {
        foreach (JsonProperty entry in EmbeddedObject(config, name))
            destination[key(entry.Name)] = ReadInt(entry.Value, $"{name}[\"{entry.Name}\"]");
    }

    // Keras stores each dictionary as a JSON string holding a JSON object; the elements read are copied out before
    // the inner document is disposed.
    private static List<JsonProperty> EmbeddedObject(Dictionary<string, JsonElement> config, string name)
    {
        JsonElement value = config[name];
        string text = value.ValueKind == JsonValueKind.String ? value.GetString()! : throw WrongType(name, "a string holding a JSON object", value);
        using JsonDocument inner = JsonDocument.Parse(text);
        if (inner.RootElement.ValueKind != JsonValueKind.Object) throw WrongType(name, "a string holding a JSON object", inner.RootElement);
        return inner.RootElement.Clone().EnumerateObject().ToList();
    }

    private static int IndexKey(string key, string name) =>
        int.TryParse(key.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int index)
            ? index
            : throw new ArgumentException($"The tokenizer's {name} has the key \"{key}\": expected an integer index.", "json");

    private static int ReadInt(JsonElement value, string name) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out int number) ? number : throw WrongType(name, "an integer", value);

    private static bool ReadBool(JsonElement value, string name) =>
        value.ValueKind is JsonValueKind.True or JsonValueKind.False ? value.GetBoolean() : throw WrongType(name, "true or false", value);

    private static string ReadString(JsonElement value, string name) =>
        value.ValueKind == JsonValueKind.String ? value.GetString()! : throw WrongType(name, "a string", value);

    private static ArgumentException WrongType(string name, string expected, JsonElement actual) =>
        new($"The tokenizer's {name} is expected to be {expected}, got {actual.GetRawText()}.", "json");
}
