using NotebookRnn.Text;

namespace NotebookRnn.Tests.Text;

public partial class TokenizerTests
{
    [Fact]
    public void Each_mode_fills_the_cells_of_the_indices_a_sequence_holds()
    {
        var tokenizer = new Tokenizer(numWords: 4);
        tokenizer.FitOnSequences([[1, 1, 2], [2]]);
        int[][] sequences = [[1, 1, 2, 7], []];

        Assert.Equal(new float[,] { { 0, 1, 1, 0 }, { 0, 0, 0, 0 } }, tokenizer.SequencesToMatrix(sequences).ToArray2D());
        Assert.Equal(new float[,] { { 0, 2, 1, 0 }, { 0, 0, 0, 0 } }, tokenizer.SequencesToMatrix(sequences, VectorizationMode.Count).ToArray2D());
        // freq divides by the whole length, the skipped index 7 included, as Keras does.
        Assert.Equal(new float[,] { { 0, 0.5f, 0.25f, 0 }, { 0, 0, 0, 0 } }, tokenizer.SequencesToMatrix(sequences, "freq").ToArray2D());
        // tfidf: (1 + ln c) · ln(1 + N / (1 + d)) with N = 2 documents, d(1) = 1, d(2) = 2.
        float[,] tfidf = tokenizer.SequencesToMatrix(sequences, VectorizationMode.Tfidf).ToArray2D();
        Assert.Equal((1 + Math.Log(2)) * Math.Log(1 + 2.0 / 2), tfidf[0, 1], 1e-6);
        Assert.Equal(Math.Log(1 + 2.0 / 3), tfidf[0, 2], 1e-6);
    }

    [Fact]
    public void Without_num_words_the_width_is_the_vocabulary_size_plus_one()
    {
        var tokenizer = new Tokenizer();
        tokenizer.FitOnTexts(["a b c"]);
        Assert.Equal([1, 4], tokenizer.TextsToMatrix(["c"]).Shape);
    }

    [Fact]
    public void Keras_matrix_errors_are_refused_with_their_reason()
    {
        var unfitted = new Tokenizer();
        Assert.Contains("Specify a dimension", Assert.Throws<InvalidOperationException>(() => unfitted.SequencesToMatrix([[1]])).Message);
        var noDocuments = new Tokenizer(numWords: 3);
        Assert.Contains("before using tfidf mode",
            Assert.Throws<InvalidOperationException>(() => noDocuments.SequencesToMatrix([[1]], VectorizationMode.Tfidf)).Message);

        var mode = Assert.Throws<ArgumentException>(() => noDocuments.SequencesToMatrix([[1]], "tf-idf"));
        Assert.Equal("mode", mode.ParamName);
        Assert.StartsWith("Unknown vectorization mode \"tf-idf\": expected \"binary\", \"count\", \"tfidf\" or \"freq\".", mode.Message);
        Assert.Throws<ArgumentException>(() => noDocuments.SequencesToMatrix([[1]], "Binary"));

        var negative = Assert.Throws<ArgumentException>(() => noDocuments.SequencesToMatrix([[1, -2]]));
        Assert.Contains("Index -2 at step 1 of sequence 0 is negative", negative.Message);
    }

    [Fact]
    public void Fit_on_sequences_counts_documents_per_index_and_leaves_the_word_index_alone()
    {
        var tokenizer = new Tokenizer();
        tokenizer.FitOnTexts(["a a b"]);
        tokenizer.FitOnSequences([[2, 2, 5], [2]]);

        Assert.Equal(3, tokenizer.DocumentCount);
        Assert.Equal([(1, 1), (2, 3), (5, 1)], InOrder(tokenizer.IndexDocs));
        Assert.Equal(2, tokenizer.WordIndex.Count);
    }

    [Fact]
    public void A_later_fit_on_texts_resets_the_index_docs_of_its_words_as_keras_does()
    {
        var tokenizer = new Tokenizer();
        tokenizer.FitOnTexts(["a"]);
        tokenizer.FitOnSequences([[1], [1]]);
        Assert.Equal(3, tokenizer.IndexDocs[1]);
        tokenizer.FitOnTexts(["b"]);
        Assert.Equal(1, tokenizer.IndexDocs[1]);
    }

    [Fact]
    public void Lists_of_words_are_tokens_as_they_are_only_lowercased()
    {
        var tokenizer = new Tokenizer();
        string[][] words = [["Hello, World", "hello, world", "x"]];
        tokenizer.FitOnTexts(words);
        Assert.Equal([("hello, world", 2), ("x", 1)], InOrder(tokenizer.WordCounts));
        string[][] unseen = [["HELLO, WORLD", "y"]];
        Assert.Equal([[1]], tokenizer.TextsToSequences(unseen));
    }

    [Fact]
    public void An_analyzer_splits_texts_instead_of_the_filters()
    {
        var tokenizer = new Tokenizer(analyzer: text => text.Split('|'));
        tokenizer.FitOnTexts(["New York|Paris|New York"]);
        Assert.Equal([("New York", 2), ("Paris", 1)], InOrder(tokenizer.WordCounts));
        Assert.Equal([[2, 1]], tokenizer.TextsToSequences(["Paris|New York|Rome"]));
    }

    [Fact]
    public void A_null_text_fails_the_fit_before_anything_is_counted()
    {
        var tokenizer = new Tokenizer();
        Assert.Throws<ArgumentNullException>(() => tokenizer.FitOnTexts(["a b", null!]));
        Assert.Equal(0, tokenizer.DocumentCount);
        Assert.Empty(tokenizer.WordCounts);
    }

    [Fact]
    public void An_oov_token_seen_in_the_texts_takes_its_ranked_index_and_index_one_stays_empty()
    {
        var tokenizer = new Tokenizer(oovToken: "unk");
        tokenizer.FitOnTexts(["unk a b unk", "b unk"]);
        Assert.Equal([("unk", 2), ("b", 3), ("a", 4)], InOrder(tokenizer.WordIndex));
        Assert.False(tokenizer.IndexWord.ContainsKey(1));
        Assert.Equal([[2, 2, 3]], tokenizer.TextsToSequences(["unk zzz b"]));
    }
}
