using NotebookRnn.Text;

namespace NotebookRnn.Tests.Text;

// Expected values follow Keras 2's keras_preprocessing tests (test_text.py).
public partial class TokenizerTests
{
    private static readonly string[] Animals =
        ["The cat sat on the mat.", "The dog sat on the log.", "Dog and Cat living Together."];

    [Fact]
    public void Text_to_word_sequence_drops_filtered_characters_and_empty_words()
    {
        Assert.Equal(["hello", "world"], Tokenizer.TextToWordSequence("hello! ? world!"));
        Assert.Equal(["hello", "world"], Tokenizer.TextToWordSequence("hello!stop?world!", split: "stop"));
        Assert.Equal(["ali", "veli", "kırk", "dokuz", "elli"], Tokenizer.TextToWordSequence("ali! veli? kırk dokuz elli"));
        Assert.Equal(["The", "Cat"], Tokenizer.TextToWordSequence("The\tCat", lower: false));
    }

    [Fact]
    public void Word_counts_are_per_word_over_all_texts()
    {
        var tokenizer = new Tokenizer();
        tokenizer.FitOnTexts(Animals);
        var expected = new Dictionary<string, int>
        {
            ["the"] = 4, ["cat"] = 2, ["sat"] = 2, ["on"] = 2, ["mat"] = 1, ["dog"] = 2, ["log"] = 1, ["and"] = 1,
            ["living"] = 1, ["together"] = 1,
        };
        Assert.Equal(expected.OrderBy(p => p.Key), tokenizer.WordCounts.OrderBy(p => p.Key));
        Assert.Equal(3, tokenizer.DocumentCount);
        Assert.Equal(2, tokenizer.WordDocs["the"]);
        Assert.Equal(2, tokenizer.WordDocs["dog"]);
    }

    [Fact]
    public void Word_index_ranks_by_count_then_first_appearance_from_one()
    {
        var tokenizer = new Tokenizer();
        tokenizer.FitOnTexts(Animals);
        string[] ranked = ["the", "cat", "sat", "on", "dog", "mat", "log", "and", "living", "together"];
        Assert.Equal(ranked.Select((word, i) => (word, i + 1)), tokenizer.WordIndex.OrderBy(p => p.Value).Select(p => (p.Key, p.Value)));
        Assert.Equal("together", tokenizer.IndexWord[10]);
        Assert.Equal([[1, 2, 3, 4, 1, 6], [1, 5, 3, 4, 1, 7]], tokenizer.TextsToSequences(Animals.Take(2)));
    }

    [Fact]
    public void Character_level_counts_characters_without_filtering()
    {
        var tokenizer = new Tokenizer(charLevel: true);
        tokenizer.FitOnTexts(Animals);
        Assert.Equal(11, tokenizer.WordCounts["t"]);
        Assert.Equal(6, tokenizer.WordCounts["e"]);
        Assert.Equal(14, tokenizer.WordCounts[" "]);
        Assert.Equal(3, tokenizer.WordCounts["."]);
        Assert.Equal(17, tokenizer.WordIndex.Count);
        Assert.Equal([" ", "t", "e", "a", "o", "h", "g"], tokenizer.WordIndex.OrderBy(p => p.Value).Take(7).Select(p => p.Key));
        Assert.Equal(["t h e"], tokenizer.SequencesToTexts(tokenizer.TextsToSequences(["The"])));
    }

    [Fact]
    public void Without_an_oov_token_unknown_words_are_dropped()
    {
        var tokenizer = new Tokenizer();
        tokenizer.FitOnTexts(["This text has only known words"]);
        int[] sequence = tokenizer.TextsToSequences(["This text has some unknown words"])[0];
        Assert.Equal(4, sequence.Length);
        Assert.Equal(["this text has words"], tokenizer.SequencesToTexts([sequence]));
    }

    [Fact]
    public void An_oov_token_takes_index_one_and_marks_unknown_words_in_place()
    {
        var tokenizer = new Tokenizer(oovToken: "<unk>");
        tokenizer.FitOnTexts(["This text has only known words"]);
        int[] sequence = tokenizer.TextsToSequences(["This text has some unknown words"])[0];
        Assert.Equal(1, tokenizer.WordIndex["<unk>"]);
        Assert.Equal([2, 3, 4, 1, 1, 7], sequence);
        Assert.Equal(["this text has <unk> <unk> words"], tokenizer.SequencesToTexts([sequence]));
    }

    [Fact]
    public void Num_words_keeps_indices_below_it_and_maps_the_rest_to_oov()
    {
        var tokenizer = new Tokenizer(numWords: 3, oovToken: "<unk>");
        tokenizer.FitOnTexts(["This text has only known words this text"]);
        int[] sequence = tokenizer.TextsToSequences(["This text has some unknown words"])[0];
        Assert.Equal(6, sequence.Length);
        Assert.Equal("this <unk> <unk> <unk> <unk> <unk>", string.Join(' ', sequence.Select(i => tokenizer.IndexWord[i])));
        Assert.Equal(["this <unk> <unk> <unk> <unk> <unk>"], tokenizer.SequencesToTexts([sequence]));
        Assert.Equal(7, tokenizer.WordIndex.Count);
    }

    [Fact]
    public void Num_words_without_oov_drops_rare_words()
    {
        var tokenizer = new Tokenizer(numWords: 3);
        tokenizer.FitOnTexts(["This text has only known words this text"]);
        int[][] sequences = tokenizer.TextsToSequences(["This text has some unknown words"]);
        Assert.Equal([[1, 2]], sequences);
        Assert.Equal(["this text"], tokenizer.SequencesToTexts(sequences));
    }

    [Fact]
    public void Fitting_again_adds_to_the_counts_and_reranks()
    {
        var tokenizer = new Tokenizer();
        tokenizer.FitOnTexts(["a b b"]);
        Assert.Equal(1, tokenizer.WordIndex["b"]);
        tokenizer.FitOnTexts(["a a"]);
        Assert.Equal(1, tokenizer.WordIndex["a"]);
        Assert.Equal(3, tokenizer.WordCounts["a"]);
        Assert.Equal(2, tokenizer.DocumentCount);
    }

    [Fact]
    public void Case_is_kept_when_lower_is_false()
    {
        var tokenizer = new Tokenizer(lower: false);
        tokenizer.FitOnTexts(["Dog dog DOG dog"]);
        Assert.Equal(1, tokenizer.WordIndex["dog"]);
        Assert.Equal(3, tokenizer.WordIndex.Count);
    }

    [Fact]
    public void Invalid_settings_are_rejected()
    {
        Assert.Equal("numWords", Assert.Throws<ArgumentOutOfRangeException>(() => new Tokenizer(numWords: 0)).ParamName);
        Assert.Equal("split", Assert.Throws<ArgumentException>(() => new Tokenizer(split: "")).ParamName);
    }

    [Fact]
    public void Generators_convert_each_item_when_it_is_enumerated()
    {
        var tokenizer = new Tokenizer();
        tokenizer.FitOnTexts(["a b"]);
        IEnumerable<int[]> sequences = tokenizer.TextsToSequencesGenerator(["b a", "c"]);
        tokenizer.FitOnTexts(["b"]);
        Assert.Equal([[1, 2], []], sequences.ToArray());
        Assert.Equal(["b a", ""], tokenizer.SequencesToTextsGenerator([[1, 2], [3]]).ToArray());
        Assert.Throws<ArgumentNullException>(() => tokenizer.TextsToSequencesGenerator((string[])null!));
    }

    // A dictionary's entries in enumeration order, which for the tokenizer's state is Keras's order.
    private static (TKey, int)[] InOrder<TKey>(IReadOnlyDictionary<TKey, int> dictionary) =>
        dictionary.Select(entry => (entry.Key, entry.Value)).ToArray();
}
