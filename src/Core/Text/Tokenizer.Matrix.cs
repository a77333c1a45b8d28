using NotebookRnn.Tensors;

namespace NotebookRnn.Text;

public sealed partial class Tokenizer
{
    /// <summary>
    /// Adds index sequences to the document statistics, as Keras's <c>fit_on_sequences</c>:
    /// <see cref="DocumentCount"/> grows by the number of sequences and each distinct index of a sequence adds one
    /// to its <see cref="IndexDocs"/> entry (new entries in ascending index order). <see cref="WordIndex"/> is unchanged.
    /// Needed before <see cref="VectorizationMode.Tfidf"/> when the tokenizer was never fitted on texts.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="sequences"/> or one of them is null; nothing is counted then.</exception>
    public void FitOnSequences(IEnumerable<IReadOnlyList<int>> sequences)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        var all = sequences.ToList();
        for (int row = 0; row < all.Count; row++)
            if (all[row] is null)
                throw new ArgumentNullException(nameof(sequences), $"Sequence {row} is null; an empty sequence must be an empty list.");
        DocumentCount += all.Count;
        foreach (IReadOnlyList<int> sequence in all)
            foreach (int index in sequence.Distinct().Order())
                _indexDocs[index] = _indexDocs.GetValueOrDefault(index) + 1;
    }

    /// <summary>Converts texts to a document-term matrix: <c>SequencesToMatrix(TextsToSequences(texts), mode)</c>.</summary>
    /// <inheritdoc cref="SequencesToMatrix(IEnumerable{IReadOnlyList{int}}, VectorizationMode)"/>
    public Tensor TextsToMatrix(IEnumerable<string> texts, VectorizationMode mode = VectorizationMode.Binary) =>
        SequencesToMatrix(TextsToSequences(texts), mode);

    /// <summary>Converts texts to a document-term matrix, the mode by its Keras name (<c>"binary"</c>, <c>"count"</c>, <c>"tfidf"</c>, <c>"freq"</c>).</summary>
    /// <exception cref="ArgumentException"><paramref name="mode"/> is none of the four names.</exception>
    public Tensor TextsToMatrix(IEnumerable<string> texts, string mode) => TextsToMatrix(texts, ParseVectorizationMode(mode));

    /// <summary>Converts lists of words to a document-term matrix: <c>SequencesToMatrix(TextsToSequences(texts), mode)</c>.</summary>
    /// <inheritdoc cref="SequencesToMatrix(IEnumerable{IReadOnlyList{int}}, VectorizationMode)"/>
    public Tensor TextsToMatrix(IEnumerable<IReadOnlyList<string>> texts, VectorizationMode mode = VectorizationMode.Binary) =>
        SequencesToMatrix(TextsToSequences(texts), mode);

    /// <summary>Converts lists of words to a document-term matrix, the mode by its Keras name.</summary>
    /// <exception cref="ArgumentException"><paramref name="mode"/> is none of the four names.</exception>
    public Tensor TextsToMatrix(IEnumerable<IReadOnlyList<string>> texts, string mode) =>
        TextsToMatrix(texts, ParseVectorizationMode(mode));

    /// <summary>Converts index sequences to a document-term matrix, the mode by its Keras name.</summary>
    /// <exception cref="ArgumentException"><paramref name="mode"/> is none of the four names.</exception>
    public Tensor SequencesToMatrix(IEnumerable<IReadOnlyList<int>> sequences, string mode) =>
        SequencesToMatrix(sequences, ParseVectorizationMode(mode));

    /// <summary>
    /// Converts index sequences to a document-term matrix, as Keras's <c>sequences_to_matrix</c>: row i, column j
    /// holds the <paramref name="mode"/> value of index j in sequence i (see <see cref="VectorizationMode"/>);
    /// indices ≥ the width are skipped; an empty sequence is a row of zeros.
    /// </summary>
    /// <param name="sequences">Index sequences, e.g. from <see cref="TextsToSequences(IEnumerable{string})"/>.</param>
    /// <param name="mode">What each cell holds; default <see cref="VectorizationMode.Binary"/>.</param>
    /// <returns>
    /// A (sequences, width) tensor, width = <see cref="NumWords"/> or, without it, <c>WordIndex.Count + 1</c>.
    /// Values are computed in double, as Keras's float64 matrix, and stored as float32.
    /// </returns>
    /// <exception cref="InvalidOperationException">
    /// No <see cref="NumWords"/> and an empty <see cref="WordIndex"/> (nothing gives a width), or
    /// <see cref="VectorizationMode.Tfidf"/> with <see cref="DocumentCount"/> 0 (Keras's two errors).
    /// </exception>
    /// <exception cref="ArgumentException">
    /// <paramref name="mode"/> is undefined, or an index is negative (numpy would silently count it from the end).
    /// </exception>
    public Tensor SequencesToMatrix(IEnumerable<IReadOnlyList<int>> sequences, VectorizationMode mode = VectorizationMode.Binary)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        if (!Enum.IsDefined(mode))
            throw new ArgumentException($"Unknown vectorization mode {(int)mode}: expected Binary, Count, Tfidf or Freq.", nameof(mode));
        int width = NumWords ?? (_wordIndex.Count > 0 ? _wordIndex.Count + 1 : throw new InvalidOperationException(
            "Specify a dimension (the numWords argument), or fit on some text data first: the matrix width is unknown."));
        if (mode == VectorizationMode.Tfidf && DocumentCount == 0)
            throw new InvalidOperationException("Fit the Tokenizer on some data before using tfidf mode: DocumentCount is 0.");
        var all = sequences.ToList();
        var matrix = new Tensor(all.Count, width);
        for (int row = 0; row < all.Count; row++)
            FillRow(matrix.Row(row), all[row] ?? throw new ArgumentNullException(nameof(sequences), $"Sequence {row} is null."), row, mode);
        return matrix;
    }

    // row: (width) ← the cells of one sequence.
    private void FillRow(Span<float> row, IReadOnlyList<int> sequence, int rowIndex, VectorizationMode mode)
    {
        var counts = new Dictionary<int, int>();
        for (int t = 0; t < sequence.Count; t++)
        {
            int index = sequence[t];
            if (index < 0)
                throw new ArgumentException(
                    $"Index {index} at step {t} of sequence {rowIndex} is negative: expected indices ≥ 0.", "sequences");
            if (index < row.Length) counts[index] = counts.GetValueOrDefault(index) + 1;
        }
        foreach ((int index, int count) in counts)
            row[index] = (float)(mode switch
            {
                VectorizationMode.Count => count,
                VectorizationMode.Freq => (double)count / sequence.Count,
                VectorizationMode.Tfidf => (1 + Math.Log(count)) *
                                           Math.Log(1 + (double)DocumentCount / (1 + _indexDocs.GetValueOrDefault(index))),
                _ => 1.0,
            });
    }

    private static VectorizationMode ParseVectorizationMode(string mode) => mode switch
    {
        "binary" => VectorizationMode.Binary,
        "count" => VectorizationMode.Count,
        "tfidf" => VectorizationMode.Tfidf,
        "freq" => VectorizationMode.Freq,
        _ => throw new ArgumentException(
            $"Unknown vectorization mode \"{mode}\": expected \"binary\", \"count\", \"tfidf\" or \"freq\".", nameof(mode)),
    };
}
