namespace NotebookRnn.Text;

/// <summary>
/// What a cell of <see cref="Tokenizer.SequencesToMatrix(IEnumerable{IReadOnlyList{int}}, VectorizationMode)"/> holds
/// for a document and an index occurring <c>c ≥ 1</c> times in it (Keras's <c>mode</c>; cells of absent indices are 0).
/// </summary>
public enum VectorizationMode
{
    /// <summary><c>1</c> (Keras <c>"binary"</c>, the default).</summary>
    Binary,

    /// <summary><c>c</c> (Keras <c>"count"</c>).</summary>
    Count,

    /// <summary>
    /// <c>(1 + ln c) · ln(1 + N / (1 + d))</c>, N = <see cref="Tokenizer.DocumentCount"/>, d = the index's
    /// <see cref="Tokenizer.IndexDocs"/> entry or 0 (Keras <c>"tfidf"</c>, weighting scheme 2 of Wikipedia's tf–idf).
    /// </summary>
    Tfidf,

    /// <summary><c>c / L</c>, L = the sequence's length, counting indices beyond the width (Keras <c>"freq"</c>).</summary>
    Freq,
}
