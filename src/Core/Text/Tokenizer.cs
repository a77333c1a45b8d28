using System.Text;

namespace NotebookRnn.Text;

/// <summary>
/// Turns texts into sequences of word (or character) indices and into document-term matrices, with the semantics of
/// Keras 2's <c>keras.preprocessing.text.Tokenizer</c>: words are ranked by descending count, ties by first
/// appearance; index 0 is reserved (padding) and never given to a word; the out-of-vocabulary token, when given, is
/// index 1. Its state (<see cref="WordCounts"/>, <see cref="WordDocs"/>, <see cref="IndexDocs"/>,
/// <see cref="WordIndex"/>, <see cref="IndexWord"/>, <see cref="DocumentCount"/>) is Keras's, and
/// <see cref="ToJson"/>/<see cref="TokenizerFromJson"/> read and write Keras's <c>to_json</c> format.
/// </summary>
/// <remarks>
/// Lowercasing uses <see cref="string.ToLowerInvariant()"/> (Python's <c>str.lower</c> differs only for a few
/// special characters). Character-level tokens are Unicode code points, as Python iterates a string.
/// Every dictionary enumerates in Python's order: the order its keys were first inserted.
/// </remarks>
public sealed partial class Tokenizer
{
    /// <summary>Keras's default filters: <c>!"#$%&amp;()*+,-./:;&lt;=&gt;?@[\]^_`{|}~</c>, tab and newline.</summary>
    public const string DefaultFilters = "!\"#$%&()*+,-./:;<=>?@[\\]^_`{|}~\t\n";

    private readonly InsertionOrderedDictionary<string, int> _wordCounts = new();
    private readonly InsertionOrderedDictionary<string, int> _wordDocs = new();
    private readonly InsertionOrderedDictionary<int, int> _indexDocs = new();
    private InsertionOrderedDictionary<string, int> _wordIndex = new();
    private InsertionOrderedDictionary<int, string> _indexWord = new();

    /// <summary>Creates an empty tokenizer; call <see cref="FitOnTexts(IEnumerable{string})"/> to build the vocabulary.</summary>
    /// <param name="numWords">
    /// When set, only words with index &lt; <paramref name="numWords"/> are kept by <see cref="TextsToSequences(IEnumerable{string})"/>
    /// (the <c>numWords − 1</c> most frequent, counting the OOV token); others become the OOV index or are dropped.
    /// It is also the width of <see cref="SequencesToMatrix(IEnumerable{IReadOnlyList{int}}, VectorizationMode)"/>.
    /// Default <c>null</c>: keep all. The full <see cref="WordIndex"/> is built either way.
    /// </param>
    /// <param name="filters">Characters replaced by <paramref name="split"/> before splitting; default <see cref="DefaultFilters"/>. Ignored at character level.</param>
    /// <param name="lower">Lowercase texts first; default true.</param>
    /// <param name="split">Word separator (any non-empty string); default one space.</param>
    /// <param name="charLevel">Tokens are characters rather than words; default false.</param>
    /// <param name="oovToken">Token standing for out-of-vocabulary words (index 1); default <c>null</c> drops them.</param>
    /// <param name="analyzer">
    /// Splits a text into tokens instead of <see cref="TextToWordSequence"/> (Keras's <c>analyzer</c>); it gets the
    /// text as given, neither lowercased nor filtered. Not used at character level nor for lists of words, as in
    /// Keras; not saved by <see cref="ToJson"/> (Keras does not save it either). Default <c>null</c>.
    /// </param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="numWords"/> is below 1.</exception>
    /// <exception cref="ArgumentException"><paramref name="split"/> is empty.</exception>
    public Tokenizer(int? numWords = null, string filters = DefaultFilters, bool lower = true, string split = " ",
        bool charLevel = false, string? oovToken = null, Func<string, IEnumerable<string>>? analyzer = null)
    {
        if (numWords < 1)
            throw new ArgumentOutOfRangeException(nameof(numWords), numWords, "Expected numWords ≥ 1, or null to keep every word.");
        ArgumentNullException.ThrowIfNull(filters);
        if (string.IsNullOrEmpty(split))
            throw new ArgumentException("Expected a non-empty split string, got an empty one.", nameof(split));
        NumWords = numWords;
        Filters = filters;
        Lower = lower;
        Split = split;
        CharLevel = charLevel;
        OovToken = oovToken;
        Analyzer = analyzer;
    }

    /// <summary>Keep only indices below this when converting texts, and the matrix width; <c>null</c> keeps all.</summary>
    public int? NumWords { get; }

    /// <summary>Characters treated as separators.</summary>
    public string Filters { get; }

    /// <summary>Whether texts are lowercased.</summary>
    public bool Lower { get; }

    /// <summary>The word separator.</summary>
    public string Split { get; }

    /// <summary>Whether tokens are characters.</summary>
    public bool CharLevel { get; }

    /// <summary>The out-of-vocabulary token, or <c>null</c>.</summary>
    public string? OovToken { get; }

    /// <summary>The custom text splitter, or <c>null</c> for <see cref="TextToWordSequence"/>.</summary>
    public Func<string, IEnumerable<string>>? Analyzer { get; }

    /// <summary>Number of documents fitted so far, by <see cref="FitOnTexts(IEnumerable{string})"/> and <see cref="FitOnSequences"/>.</summary>
    public int DocumentCount { get; private set; }

    /// <summary>Occurrences of each token over all fitted texts, in order of first appearance (Keras's <c>word_counts</c>).</summary>
    public IReadOnlyDictionary<string, int> WordCounts => _wordCounts;

    /// <summary>Number of fitted texts each token occurs in (Keras's <c>word_docs</c>), in order of first appearance.</summary>
    public IReadOnlyDictionary<string, int> WordDocs => _wordDocs;

    /// <summary>
    /// Number of documents each index occurs in (Keras's <c>index_docs</c>), used by <see cref="VectorizationMode.Tfidf"/>.
    /// As in Keras, every <see cref="FitOnTexts(IEnumerable{string})"/> sets the entry of each fitted word's current
    /// index to its <see cref="WordDocs"/> count, and <see cref="FitOnSequences"/> adds one per sequence containing an
    /// index; entries are never removed.
    /// </summary>
    public IReadOnlyDictionary<int, int> IndexDocs => _indexDocs;

    /// <summary>
    /// Token → index (from 1): OOV token first when given, then by descending count, ties by first appearance.
    /// As in Keras, an OOV token that also occurs in the texts takes its ranked index, and index 1 is then unused.
    /// </summary>
    public IReadOnlyDictionary<string, int> WordIndex => _wordIndex;

    /// <summary>Index → token, the inverse of <see cref="WordIndex"/>, in the order of <see cref="WordIndex"/>.</summary>
    public IReadOnlyDictionary<int, string> IndexWord => _indexWord;

    /// <summary>
    /// Splits a text into words like Keras's <c>text_to_word_sequence</c>: lowercase (optional), replace every
    /// character of <paramref name="filters"/> by <paramref name="split"/>, split on <paramref name="split"/>, drop empty words.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="split"/> is empty.</exception>
    public static string[] TextToWordSequence(string text, string filters = DefaultFilters, bool lower = true, string split = " ")
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(filters);
        if (string.IsNullOrEmpty(split))
            throw new ArgumentException("Expected a non-empty split string, got an empty one.", nameof(split));
        if (lower) text = text.ToLowerInvariant();
        var translated = new StringBuilder(text.Length);
        foreach (char c in text)
        {
            if (filters.Contains(c)) translated.Append(split);
            else translated.Append(c);
        }
        return translated.ToString().Split(split, StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>
    /// Counts the tokens of <paramref name="texts"/> (adding to earlier fits), one document per text, and rebuilds
    /// <see cref="WordIndex"/>, <see cref="IndexWord"/> and <see cref="IndexDocs"/>.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="texts"/> or one of its texts is null; nothing is counted then.</exception>
    public void FitOnTexts(IEnumerable<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        Fit(texts.Select(text => TokensOfText(text)).ToList());
    }

    /// <summary>
    /// Counts lists of words, one document per list, like <see cref="FitOnTexts(IEnumerable{string})"/>: each word
    /// is a token as it is (lowercased when <see cref="Lower"/>), neither split nor filtered, as Keras does for lists.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="texts"/>, a list or a word is null; nothing is counted then.</exception>
    public void FitOnTexts(IEnumerable<IReadOnlyList<string>> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        Fit(texts.Select(words => TokensOfWords(words)).ToList());
    }

    /// <summary>
    /// Converts each text to token indices. Unknown tokens, and with <see cref="NumWords"/> tokens of index ≥
    /// NumWords, become the OOV index when <see cref="OovToken"/> is set and are dropped otherwise.
    /// </summary>
    public int[][] TextsToSequences(IEnumerable<string> texts) => TextsToSequencesGenerator(texts).ToArray();

    /// <summary>Converts lists of words (tokens as they are, lowercased when <see cref="Lower"/>) to token indices.</summary>
    public int[][] TextsToSequences(IEnumerable<IReadOnlyList<string>> texts) => TextsToSequencesGenerator(texts).ToArray();

    /// <summary>
    /// <see cref="TextsToSequences(IEnumerable{string})"/> one text at a time, as Keras's
    /// <c>texts_to_sequences_generator</c>: each sequence is computed when enumerated, with the state of that moment.
    /// </summary>
    public IEnumerable<int[]> TextsToSequencesGenerator(IEnumerable<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        return texts.Select(text => ToSequence(TokensOfText(text)));
    }

    /// <summary>
    /// <see cref="TextsToSequences(IEnumerable{IReadOnlyList{string}})"/> one list of words at a time, as Keras's
    /// <c>texts_to_sequences_generator</c>.
    /// </summary>
    public IEnumerable<int[]> TextsToSequencesGenerator(IEnumerable<IReadOnlyList<string>> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        return texts.Select(words => ToSequence(TokensOfWords(words)));
    }

    /// <summary>
    /// Converts index sequences back to texts, tokens joined by one space (also at character level, as Keras does).
    /// Indices ≥ <see cref="NumWords"/> and unknown indices become the OOV token when set and are dropped otherwise.
    /// </summary>
    public string[] SequencesToTexts(IEnumerable<IReadOnlyList<int>> sequences) => SequencesToTextsGenerator(sequences).ToArray();

    /// <summary>
    /// <see cref="SequencesToTexts"/> one sequence at a time, as Keras's <c>sequences_to_texts_generator</c>.
    /// </summary>
    public IEnumerable<string> SequencesToTextsGenerator(IEnumerable<IReadOnlyList<int>> sequences)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        return sequences.Select(ToText);
    }

    private void Fit(List<IReadOnlyList<string>> documents)
    {
        foreach (IReadOnlyList<string> tokens in documents)
        {
            DocumentCount++;
            foreach (string token in tokens)
                _wordCounts[token] = _wordCounts.GetValueOrDefault(token) + 1;
            foreach (string token in tokens.Distinct())
                _wordDocs[token] = _wordDocs.GetValueOrDefault(token) + 1;
        }
        RebuildIndex();
    }

    private int[] ToSequence(IReadOnlyList<string> tokens)
    {
        int? oovIndex = OovIndex();
        var sequence = new List<int>(tokens.Count);
        foreach (string token in tokens)
        {
            if (_wordIndex.TryGetValue(token, out int index) && !(index >= NumWords))
                sequence.Add(index);
            else if (oovIndex is int oov)
                sequence.Add(oov);
        }
        return sequence.ToArray();
    }

    private string ToText(IReadOnlyList<int> sequence)
    {
        ArgumentNullException.ThrowIfNull(sequence);
        string? oovWord = OovIndex() is int oov ? _indexWord[oov] : null;
        var words = new List<string>(sequence.Count);
        foreach (int index in sequence)
        {
            if (_indexWord.TryGetValue(index, out string? word) && !(index >= NumWords))
                words.Add(word);
            else if (oovWord is not null)
                words.Add(oovWord);
        }
        return string.Join(' ', words);
    }

    private IReadOnlyList<string> TokensOfText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (CharLevel)
        {
            if (Lower) text = text.ToLowerInvariant();
            return text.EnumerateRunes().Select(r => r.ToString()).ToArray();
        }
        if (Analyzer is null) return TextToWordSequence(text, Filters, Lower, Split);
        return Analyzer(text)?.ToArray()
            ?? throw new InvalidOperationException("The analyzer returned null; expected a sequence of tokens.");
    }

    private IReadOnlyList<string> TokensOfWords(IReadOnlyList<string> words)
    {
        ArgumentNullException.ThrowIfNull(words);
        var tokens = new string[words.Count];
        for (int i = 0; i < tokens.Length; i++)
        {
            string word = words[i] ?? throw new ArgumentNullException(nameof(words), $"Word {i} of a list of words is null.");
            tokens[i] = Lower ? word.ToLowerInvariant() : word;
        }
        return tokens;
    }

    // Keras builds the index with dict(zip(vocabulary, 1..n)) after a stable sort by descending count: a later
    // duplicate (the OOV token also seen in the texts) overwrites the value but keeps the first key's place, and
    // index_word is that dict inverted, so index 1 then has no word. The same happens here.
    private void RebuildIndex()
    {
        var vocabulary = new List<string>();
        if (OovToken is not null) vocabulary.Add(OovToken);
        vocabulary.AddRange(_wordCounts.OrderByDescending(entry => entry.Value).Select(entry => entry.Key));
        _wordIndex = new();
        for (int i = 0; i < vocabulary.Count; i++) _wordIndex[vocabulary[i]] = i + 1;
        _indexWord = new();
        foreach ((string word, int index) in _wordIndex) _indexWord[index] = word;
        foreach ((string word, int documents) in _wordDocs) _indexDocs[_wordIndex[word]] = documents;
    }

    private int? OovIndex() => OovToken is not null && _wordIndex.TryGetValue(OovToken, out int index) ? index : null;
}
