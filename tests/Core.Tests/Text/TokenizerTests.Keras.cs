using NotebookRnn.Text;

namespace NotebookRnn.Tests.Text;

// Keras 2's keras/preprocessing/text_test.py (TestText), one test per Keras test case, in Keras's order.
public partial class TokenizerTests
{
    private static readonly string[] KerasSamples =
        ["The cat sat on the mat.", "The dog sat on the log.", "Dogs and cats living together."];

    private static readonly string[] KnownWords = ["This text has only known words this text"];

    private static readonly string[] SomeUnknownWords = ["This text has some unknown words"];

    // keras/preprocessing/text_test.py: TestText.test_one_hot
    [Fact]
    public void One_hot_gives_one_index_per_word_below_n_and_the_same_with_an_analyzer()
    {
        int[] encoded = Tokenizer.OneHot("The cat sat on the mat.", 5);
        Assert.Equal(6, encoded.Length);
        Assert.True(encoded.Max() <= 4);
        Assert.True(encoded.Min() >= 0);

        int[] encoded2 = Tokenizer.OneHot("The-cat-sat-on-the-mat", 5, analyzer: t => t.ToLowerInvariant().Split('-'));
        Assert.Equal(encoded, encoded2);
        Assert.Equal(6, encoded.Length);
        Assert.True(encoded.Max() <= 4);
        Assert.True(encoded.Min() >= 0);
    }

    // keras/preprocessing/text_test.py: TestText.test_hashing_trick_hash
    [Fact]
    public void Hashing_trick_with_the_default_hash_gives_indices_from_one_to_n_minus_one()
    {
        int[] encoded = Tokenizer.HashingTrick("The cat sat on the mat.", 5);
        Assert.Equal(6, encoded.Length);
        Assert.True(encoded.Max() <= 4);
        Assert.True(encoded.Min() >= 1);
    }

    // keras/preprocessing/text_test.py: TestText.test_hashing_trick_md5
    [Fact]
    public void Hashing_trick_with_md5_gives_indices_from_one_to_n_minus_one()
    {
        int[] encoded = Tokenizer.HashingTrick("The cat sat on the mat.", 5, hashFunction: "md5");
        Assert.Equal(6, encoded.Length);
        Assert.True(encoded.Max() <= 4);
        Assert.True(encoded.Min() >= 1);
    }

    // keras/preprocessing/text_test.py: TestText.test_tokenizer
    [Fact]
    public void Tokenizer_sequences_stay_below_num_words_and_every_matrix_mode_runs()
    {
        var tokenizer = new Tokenizer(numWords: 10);
        tokenizer.FitOnTexts(KerasSamples);

        var sequences = new List<int[]>();
        foreach (int[] sequence in tokenizer.TextsToSequencesGenerator(KerasSamples)) sequences.Add(sequence);
        Assert.True(sequences.SelectMany(s => s).Max() < 10);
        Assert.Equal(1, sequences.SelectMany(s => s).Min());

        tokenizer.FitOnSequences(sequences);

        foreach (string mode in new[] { "binary", "count", "tfidf", "freq" })
            Assert.Equal([3, 10], tokenizer.TextsToMatrix(KerasSamples, mode).Shape);
    }

    // keras/preprocessing/text_test.py: TestText.test_tokenizer_serde_no_fitting
    [Fact]
    public void An_unfitted_tokenizer_survives_json()
    {
        var tokenizer = new Tokenizer(numWords: 100);

        string json = tokenizer.ToJson();
        Tokenizer recovered = Tokenizer.TokenizerFromJson(json);

        Assert.Equal(json, recovered.ToJson());
        AssertSameState(tokenizer, recovered);
    }

    // keras/preprocessing/text_test.py: TestText.test_tokenizer_serde_fitting
    [Fact]
    public void A_fitted_tokenizer_survives_json()
    {
        string[] sampleTexts =
        [
            "There was a time that the pieces fit, but I watched them fall away",
            "Mildewed and smoldering, strangled by our coveting",
            "I've done the math enough to know the dangers of our second guessing",
        ];
        var tokenizer = new Tokenizer(numWords: 100);
        tokenizer.FitOnTexts(sampleTexts);
        int[][] sequences = tokenizer.TextsToSequencesGenerator(sampleTexts).ToArray();
        tokenizer.FitOnSequences(sequences);

        Tokenizer recovered = Tokenizer.TokenizerFromJson(tokenizer.ToJson());

        Assert.Equal(tokenizer.CharLevel, recovered.CharLevel);
        Assert.Equal(tokenizer.DocumentCount, recovered.DocumentCount);
        Assert.Equal(tokenizer.Filters, recovered.Filters);
        Assert.Equal(tokenizer.Lower, recovered.Lower);
        Assert.Equal(tokenizer.NumWords, recovered.NumWords);
        Assert.Equal(tokenizer.OovToken, recovered.OovToken);
        AssertSameState(tokenizer, recovered);
    }

    // keras/preprocessing/text_test.py: TestText.test_sequential_fit
    [Fact]
    public void Texts_and_lists_of_words_fit_one_after_the_other()
    {
        string[][] wordSequences = [["The", "cat", "is", "sitting"], ["The", "dog", "is", "standing"]];

        var tokenizer = new Tokenizer();
        tokenizer.FitOnTexts(KerasSamples);
        tokenizer.FitOnTexts(wordSequences);

        Assert.Equal(5, tokenizer.DocumentCount);

        Assert.Equal([3, tokenizer.WordIndex.Count + 1], tokenizer.TextsToMatrix(KerasSamples).Shape);
        Assert.Equal([2, tokenizer.WordIndex.Count + 1], tokenizer.TextsToMatrix(wordSequences).Shape);
    }

    // keras/preprocessing/text_test.py: TestText.test_text_to_word_sequence
    [Fact]
    public void Text_to_word_sequence_drops_punctuation()
    {
        Assert.Equal(["hello", "world"], Tokenizer.TextToWordSequence("hello! ? world!"));
    }

    // keras/preprocessing/text_test.py: TestText.test_text_to_word_sequence_multichar_split
    [Fact]
    public void Text_to_word_sequence_splits_on_a_multi_character_separator()
    {
        Assert.Equal(["hello", "world"], Tokenizer.TextToWordSequence("hello!stop?world!", split: "stop"));
    }

    // keras/preprocessing/text_test.py: TestText.test_text_to_word_sequence_unicode
    [Fact]
    public void Text_to_word_sequence_keeps_non_ascii_letters()
    {
        Assert.Equal(["ali", "veli", "kırk", "dokuz", "elli"], Tokenizer.TextToWordSequence("ali! veli? kırk dokuz elli"));
    }

    // keras/preprocessing/text_test.py: TestText.test_text_to_word_sequence_unicode_multichar_split
    [Fact]
    public void Text_to_word_sequence_keeps_non_ascii_letters_with_a_multi_character_separator()
    {
        Assert.Equal(["ali", "veli", "kırk", "dokuz", "elli"],
            Tokenizer.TextToWordSequence("ali!stopveli?stopkırkstopdokuzstopelli", split: "stop"));
    }

    // keras/preprocessing/text_test.py: TestText.test_tokenizer_unicode
    [Fact]
    public void Tokenizer_counts_non_ascii_words()
    {
        var tokenizer = new Tokenizer(numWords: 5);
        tokenizer.FitOnTexts(["ali veli kırk dokuz elli", "ali veli kırk dokuz elli veli kırk dokuz"]);

        Assert.Equal(5, tokenizer.WordCounts.Count);
    }

    // keras/preprocessing/text_test.py: TestText.test_tokenizer_oov_flag
    [Fact]
    public void Unknown_words_are_dropped_without_an_oov_token_and_marked_in_place_with_one()
    {
        var tokenizer = new Tokenizer();
        tokenizer.FitOnTexts(["This text has only known words"]);
        Assert.Equal(4, tokenizer.TextsToSequences(SomeUnknownWords)[0].Length);

        tokenizer = new Tokenizer(oovToken: "<unk>");
        tokenizer.FitOnTexts(["This text has only known words"]);
        Assert.Equal(6, tokenizer.TextsToSequences(SomeUnknownWords)[0].Length);
    }

    // keras/preprocessing/text_test.py: TestText.test_tokenizer_oov_flag_and_num_words
    [Fact]
    public void Words_beyond_num_words_become_the_oov_token()
    {
        var tokenizer = new Tokenizer(numWords: 3, oovToken: "<unk>");
        tokenizer.FitOnTexts(KnownWords);
        int[] sequence = tokenizer.TextsToSequences(SomeUnknownWords)[0];
        string translated = string.Join(' ', sequence.Select(i => tokenizer.IndexWord[i]));

        Assert.Equal(6, sequence.Length);
        Assert.Equal("this <unk> <unk> <unk> <unk> <unk>", translated);
    }

    // keras/preprocessing/text_test.py: TestText.test_sequences_to_texts_with_num_words_and_oov_token
    [Fact]
    public void Sequences_to_texts_with_num_words_and_oov_token()
    {
        var tokenizer = new Tokenizer(numWords: 3, oovToken: "<unk>");
        tokenizer.FitOnTexts(KnownWords);

        Assert.Equal(["this <unk> <unk> <unk> <unk> <unk>"], tokenizer.SequencesToTexts(tokenizer.TextsToSequences(SomeUnknownWords)));
    }

    // keras/preprocessing/text_test.py: TestText.test_sequences_to_texts_no_num_words
    [Fact]
    public void Sequences_to_texts_with_oov_token_and_no_num_words()
    {
        var tokenizer = new Tokenizer(oovToken: "<unk>");
        tokenizer.FitOnTexts(KnownWords);

        Assert.Equal(["this text has <unk> <unk> words"], tokenizer.SequencesToTexts(tokenizer.TextsToSequences(SomeUnknownWords)));
    }

    // keras/preprocessing/text_test.py: TestText.test_sequences_to_texts_no_oov_token
    [Fact]
    public void Sequences_to_texts_with_num_words_and_no_oov_token()
    {
        var tokenizer = new Tokenizer(numWords: 3);
        tokenizer.FitOnTexts(KnownWords);

        Assert.Equal(["this text"], tokenizer.SequencesToTexts(tokenizer.TextsToSequences(SomeUnknownWords)));
    }

    // keras/preprocessing/text_test.py: TestText.test_sequences_to_texts_no_num_words_no_oov_token
    [Fact]
    public void Sequences_to_texts_with_neither_num_words_nor_oov_token()
    {
        var tokenizer = new Tokenizer();
        tokenizer.FitOnTexts(KnownWords);

        Assert.Equal(["this text has words"], tokenizer.SequencesToTexts(tokenizer.TextsToSequences(SomeUnknownWords)));
    }

    // keras/preprocessing/text_test.py: TestText.test_sequences_to_texts
    [Fact]
    public void Sequences_to_texts_restores_the_kept_words()
    {
        var tokenizer = new Tokenizer(numWords: 10, oovToken: "<unk>");
        tokenizer.FitOnTexts(KerasSamples);

        Assert.Equal(
            ["the cat sat on the mat", "the dog sat on the log", "dogs <unk> <unk> <unk> <unk>"],
            tokenizer.SequencesToTexts(tokenizer.TextsToSequences(KerasSamples)));
    }

    // keras/preprocessing/text_test.py: TestText.test_tokenizer_lower_flag
    [Fact]
    public void Word_counts_are_lowercased_and_in_order_of_first_appearance()
    {
        string[] texts = ["The cat sat on the mat.", "The dog sat on the log.", "Dog and Cat living Together."];
        var wordTokenizer = new Tokenizer(lower: true);
        wordTokenizer.FitOnTexts(texts);
        Assert.Equal(
            [("the", 4), ("cat", 2), ("sat", 2), ("on", 2), ("mat", 1), ("dog", 2), ("log", 1), ("and", 1), ("living", 1), ("together", 1)],
            InOrder(wordTokenizer.WordCounts));

        wordTokenizer = new Tokenizer(lower: true);
        string[][] wordSequences = [["The", "cat", "is", "sitting"], ["The", "dog", "is", "standing"]];
        wordTokenizer.FitOnTexts(wordSequences);
        Assert.Equal(
            [("the", 2), ("cat", 1), ("is", 2), ("sitting", 1), ("dog", 1), ("standing", 1)],
            InOrder(wordTokenizer.WordCounts));

        var charTokenizer = new Tokenizer(lower: true, charLevel: true);
        charTokenizer.FitOnTexts(texts);
        Assert.Equal(
            [
                ("t", 11), ("h", 5), ("e", 6), (" ", 14), ("c", 2), ("a", 6), ("s", 2), ("o", 6), ("n", 4), ("m", 1),
                (".", 3), ("d", 3), ("g", 5), ("l", 2), ("i", 2), ("v", 1), ("r", 1),
            ],
            InOrder(charTokenizer.WordCounts));
    }

    // Keras compares the five dictionaries; ours are compared in order, which is stronger.
    private static void AssertSameState(Tokenizer expected, Tokenizer actual)
    {
        Assert.Equal(InOrder(expected.WordDocs), InOrder(actual.WordDocs));
        Assert.Equal(InOrder(expected.WordCounts), InOrder(actual.WordCounts));
        Assert.Equal(InOrder(expected.WordIndex), InOrder(actual.WordIndex));
        Assert.Equal(expected.IndexWord.ToArray(), actual.IndexWord.ToArray());
        Assert.Equal(InOrder(expected.IndexDocs), InOrder(actual.IndexDocs));
    }
}
