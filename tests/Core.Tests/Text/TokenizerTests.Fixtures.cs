using System.Text.Json;
using NotebookRnn.Tensors;
using NotebookRnn.Text;

namespace NotebookRnn.Tests.Text;

// Golden values computed by Keras 2's own Tokenizer: tests/Fixtures/make_tokenizer_fixtures.py wrote
// tests/Fixtures/text/tokenizer.json (each case: settings, what was fitted, sequences, the four matrices, to_json).
public partial class TokenizerTests
{
    private static readonly JsonElement Fixture = JsonDocument.Parse(
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "text", "tokenizer.json"))).RootElement;

    private static readonly string[] Modes = ["binary", "count", "tfidf", "freq"];

    public static TheoryData<string> FixtureCases()
    {
        var names = new TheoryData<string>();
        foreach (JsonElement c in Fixture.GetProperty("cases").EnumerateArray()) names.Add(c.GetProperty("name").GetString()!);
        return names;
    }

    [Theory]
    [MemberData(nameof(FixtureCases))]
    public void Fitting_as_in_keras_gives_kerass_sequences_matrices_and_state(string name)
    {
        JsonElement c = Case(name);
        Tokenizer tokenizer = FromSettings(c.GetProperty("settings"));
        foreach (JsonElement step in c.GetProperty("fit").EnumerateArray())
        {
            if (step.TryGetProperty("texts", out JsonElement texts)) tokenizer.FitOnTexts(Strings(texts));
            else if (step.TryGetProperty("word_lists", out JsonElement words)) tokenizer.FitOnTexts(WordLists(words));
            else tokenizer.FitOnSequences(IntSequences(step.GetProperty("sequences")));
        }

        AssertConvertsAsKeras(tokenizer, c);
        var expected = Config(c.GetProperty("json").GetString()!);
        var actual = Config(tokenizer.ToJson());
        foreach (string key in new[] { "num_words", "filters", "lower", "split", "char_level", "oov_token", "document_count",
                     "word_counts", "index_word", "word_index" })
            Assert.Equal(expected[key], actual[key]);
        // Keras fills word_docs (and new index_docs entries) in Python's set order, which depends on the hash seed.
        foreach (string key in new[] { "word_docs", "index_docs" })
            Assert.Equal(Entries(expected[key]).Order(), Entries(actual[key]).Order());
    }

    [Theory]
    [MemberData(nameof(FixtureCases))]
    public void A_tokenizer_saved_by_keras_loads_converts_as_keras_and_saves_the_same_bytes(string name)
    {
        JsonElement c = Case(name);
        string json = c.GetProperty("json").GetString()!;

        Tokenizer loaded = Tokenizer.TokenizerFromJson(json);

        AssertConvertsAsKeras(loaded, c);
        Assert.Equal(json, loaded.ToJson());
    }

    [Fact]
    public void Md5_hashing_gives_kerass_indices()
    {
        foreach (JsonElement c in Fixture.GetProperty("hashing_md5").EnumerateArray())
            Assert.Equal(
                c.GetProperty("indices").EnumerateArray().Select(i => i.GetInt32()),
                Tokenizer.HashingTrick(c.GetProperty("text").GetString()!, c.GetProperty("n").GetInt32(), hashFunction: "md5"));
    }

    private static void AssertConvertsAsKeras(Tokenizer tokenizer, JsonElement c)
    {
        if (!c.TryGetProperty("matrices", out JsonElement matrices)) return;
        JsonElement first = c.GetProperty("fit")[0];
        int[][] expectedSequences = IntSequences(c.GetProperty("sequences"));
        Func<string, Tensor> matrix;
        if (first.TryGetProperty("texts", out JsonElement texts))
        {
            Assert.Equal(expectedSequences, tokenizer.TextsToSequences(Strings(texts)));
            matrix = mode => tokenizer.TextsToMatrix(Strings(texts), mode);
        }
        else if (first.TryGetProperty("word_lists", out JsonElement words))
        {
            Assert.Equal(expectedSequences, tokenizer.TextsToSequences(WordLists(words)));
            matrix = mode => tokenizer.TextsToMatrix(WordLists(words), mode);
        }
        else matrix = mode => tokenizer.SequencesToMatrix(expectedSequences, mode);

        foreach (string mode in Modes)
        {
            double[][] expected = matrices.GetProperty(mode).EnumerateArray()
                .Select(row => row.EnumerateArray().Select(v => v.GetDouble()).ToArray()).ToArray();
            Tensor actual = matrix(mode);
            Assert.Equal([expected.Length, expected[0].Length], actual.Shape);
            for (int i = 0; i < expected.Length; i++)
                for (int j = 0; j < expected[i].Length; j++)
                    Assert.True(Math.Abs(expected[i][j] - actual.Row(i)[j]) <= 1e-6 * Math.Max(1, Math.Abs(expected[i][j])),
                        $"{mode}[{i}][{j}]: expected {expected[i][j]}, got {actual.Row(i)[j]}");
        }
    }

    private static JsonElement Case(string name) =>
        Fixture.GetProperty("cases").EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);

    private static Tokenizer FromSettings(JsonElement settings)
    {
        string? Setting(string key) => settings.TryGetProperty(key, out JsonElement v) ? v.GetString() : null;
        bool? Flag(string key) => settings.TryGetProperty(key, out JsonElement v) ? v.GetBoolean() : null;
        return new Tokenizer(
            numWords: settings.TryGetProperty("num_words", out JsonElement n) ? n.GetInt32() : null,
            filters: Setting("filters") ?? Tokenizer.DefaultFilters,
            lower: Flag("lower") ?? true,
            split: Setting("split") ?? " ",
            charLevel: Flag("char_level") ?? false,
            oovToken: Setting("oov_token"));
    }

    private static string[] Strings(JsonElement array) => array.EnumerateArray().Select(s => s.GetString()!).ToArray();

    private static string[][] WordLists(JsonElement array) => array.EnumerateArray().Select(Strings).ToArray();

    private static int[][] IntSequences(JsonElement array) =>
        array.EnumerateArray().Select(s => s.EnumerateArray().Select(i => i.GetInt32()).ToArray()).ToArray();

    // The config's values as raw JSON text: the five dictionaries are JSON strings, compared byte for byte.
    private static Dictionary<string, string> Config(string json) =>
        JsonDocument.Parse(json).RootElement.GetProperty("config").EnumerateObject()
            .ToDictionary(p => p.Name, p => p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText());

    private static IEnumerable<string> Entries(string dictionaryJson) =>
        JsonDocument.Parse(dictionaryJson).RootElement.EnumerateObject().Select(p => $"{p.Name}={p.Value.GetRawText()}");
}
