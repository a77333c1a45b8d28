using NotebookRnn.Text;

namespace NotebookRnn.Tests.Text;

public partial class TokenizerTests
{
    private const string EmptyState =
        "\"word_counts\": \"{}\", \"word_docs\": \"{}\", \"index_docs\": \"{}\", \"index_word\": \"{}\", \"word_index\": \"{}\"";

    [Fact]
    public void To_json_writes_kerass_layout_and_python_escapes()
    {
        var tokenizer = new Tokenizer(oovToken: "<é>", charLevel: true, lower: false);
        tokenizer.FitOnTexts(["a\"😀"]);
        Assert.Equal(
            "{\"class_name\": \"Tokenizer\", \"config\": {\"num_words\": null, \"filters\": \"!\\\"#$%&()*+,-./:;<=>?@[\\\\]^_`{|}~\\t\\n\", " +
            "\"lower\": false, \"split\": \" \", \"char_level\": true, \"oov_token\": \"<\\u00e9>\", \"document_count\": 1, " +
            "\"word_counts\": \"{\\\"a\\\": 1, \\\"\\\\\\\"\\\": 1, \\\"\\\\ud83d\\\\ude00\\\": 1}\", " +
            "\"word_docs\": \"{\\\"a\\\": 1, \\\"\\\\\\\"\\\": 1, \\\"\\\\ud83d\\\\ude00\\\": 1}\", " +
            "\"index_docs\": \"{\\\"2\\\": 1, \\\"3\\\": 1, \\\"4\\\": 1}\", " +
            "\"index_word\": \"{\\\"1\\\": \\\"<\\\\u00e9>\\\", \\\"2\\\": \\\"a\\\", \\\"3\\\": \\\"\\\\\\\"\\\", \\\"4\\\": \\\"\\\\ud83d\\\\ude00\\\"}\", " +
            "\"word_index\": \"{\\\"<\\\\u00e9>\\\": 1, \\\"a\\\": 2, \\\"\\\\\\\"\\\": 3, \\\"\\\\ud83d\\\\ude00\\\": 4}\"}}",
            tokenizer.ToJson());
    }

    [Fact]
    public void A_loaded_tokenizer_fits_further_as_the_original_would()
    {
        var original = new Tokenizer(numWords: 5, oovToken: "?");
        original.FitOnTexts(["b a b", "c"]);
        Tokenizer loaded = Tokenizer.TokenizerFromJson(original.ToJson());
        original.FitOnTexts(["c c d"]);
        loaded.FitOnTexts(["c c d"]);
        Assert.Equal(original.ToJson(), loaded.ToJson());
    }

    [Fact]
    public void Absent_settings_take_the_constructor_defaults_and_nb_words_is_num_words()
    {
        Tokenizer loaded = Tokenizer.TokenizerFromJson("{\"config\": {\"nb_words\": 7, " + EmptyState + "}}");
        Assert.Equal(7, loaded.NumWords);
        Assert.Equal(Tokenizer.DefaultFilters, loaded.Filters);
        Assert.True(loaded.Lower);
        Assert.Equal(" ", loaded.Split);
        Assert.Null(loaded.OovToken);
        Assert.Equal(0, loaded.DocumentCount);
    }

    [Fact]
    public void Json_that_keras_could_not_load_is_refused_with_the_key_and_what_was_expected()
    {
        var noConfig = Assert.Throws<ArgumentException>(() => Tokenizer.TokenizerFromJson("{\"class_name\": \"Tokenizer\"}"));
        Assert.Contains("\"config\" object", noConfig.Message);

        var missing = Assert.Throws<ArgumentException>(() => Tokenizer.TokenizerFromJson("{\"config\": {\"word_counts\": \"{}\"}}"));
        Assert.Contains("has no word_docs, index_docs, index_word, word_index", missing.Message);

        var unknown = Assert.Throws<ArgumentException>(() => Tokenizer.TokenizerFromJson("{\"config\": {\"analyzer\": 1, " + EmptyState + "}}"));
        Assert.StartsWith("Unrecognized keyword arguments in the tokenizer config: analyzer;", unknown.Message);

        var wrongType = Assert.Throws<ArgumentException>(() => Tokenizer.TokenizerFromJson("{\"config\": {\"lower\": \"yes\", " + EmptyState + "}}"));
        Assert.StartsWith("The tokenizer's lower is expected to be true or false, got \"yes\".", wrongType.Message);

        string badCount = EmptyState.Replace("\"word_counts\": \"{}\"", "\"word_counts\": \"{\\\"a\\\": 1.5}\"");
        var count = Assert.Throws<ArgumentException>(() => Tokenizer.TokenizerFromJson("{\"config\": {" + badCount + "}}"));
        Assert.StartsWith("The tokenizer's word_counts[\"a\"] is expected to be an integer, got 1.5.", count.Message);

        string badIndex = EmptyState.Replace("\"index_word\": \"{}\"", "\"index_word\": \"{\\\"one\\\": \\\"a\\\"}\"");
        var index = Assert.Throws<ArgumentException>(() => Tokenizer.TokenizerFromJson("{\"config\": {" + badIndex + "}}"));
        Assert.Contains("index_word has the key \"one\": expected an integer index", index.Message);
    }
}
