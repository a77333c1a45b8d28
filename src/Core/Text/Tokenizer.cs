using System.Text;

namespace NotebookRnn.Text;

/// <summary>
/// Turns texts into sequences of word (or character) indices, with the semantics of Keras 2's
/// <c>keras.preprocessing.text.Tokenizer</c>: words are ranked by descending count, ties by first appearance;
/// index 0 is reserved (padding) and never given to a word; the out-of-vocabulary token, when given, is index 1.
/// </summary>
/// <remarks>
/// Lowercasing uses <see cref="string.ToLowerInvariant()"/> (Python's <c>str.lower</c> differs only for a few
/// special characters). Character-level tokens are Unicode code points, as Python iterates a string.
/// </remarks>
public sealed class Tokenizer
{
    /// <summary>Keras's default filters: <c>!"#$%&amp;()*+,-./:;&lt;=&gt;?@[\]^_`{|}~</c>, tab and newline.</summary>
    public const string DefaultFilters = "!\"#$%&()*+,-./:;<=>?@[\\]^_`{|}~\t\n";

    private readonly Dictionary<string, int> _wordCounts = [];
    private readonly List<string> _firstAppearance = [];
    private readonly Dictionary<string, int> _wordDocs = [];
    private Dictionary<string, int> _wordIndex = [];
    private Dictionary<int, string> _indexWord = [];

    /// <summary>Creates an empty tokenizer; call <see cref="FitOnTexts"/> to build the vocabulary.</summary>
    /// <param name="numWords">
    /// When set, only words with index &lt; <paramref name="numWords"/> are kept by <see cref="TextsToSequences"/>
    /// (the <c>numWords − 1</c> most frequent, counting the OOV token); others become the OOV index or are dropped.
    /// Default <c>null</c>: keep all. The full <see cref="WordIndex"/> is built either way.
    /// </param>
    /// <param name="filters">Characters replaced by <paramref name="split"/> before splitting; default <see cref="DefaultFilters"/>. Ignored at character level.</param>
    /// <param name="lower">Lowercase texts first; default true.</param>
    /// <param name="split">Word separator (any non-empty string); default one space.</param>
    /// <param name="charLevel">Tokens are characters rather than words; default false.</param>
    /// <param name="oovToken">Token standing for out-of-vocabulary words (index 1); default <c>null</c> drops them.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="numWords"/> is below 1.</exception>
    /// <exception cref="ArgumentException"><paramref name="split"/> is empty.</exception>
    public Tokenizer(int? numWords = null, string filters = DefaultFilters, bool lower = true, string split = " ",
        bool charLevel = false, string? oovToken = null)
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
    }

    /// <summary>Keep only indices below this when converting texts; <c>null</c> keeps all.</summary>
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

    /// <summary>Number of texts fitted so far.</summary>
    public int DocumentCount { get; private set; }

    /// <summary>Occurrences of each token over all fitted texts.</summary>
    public IReadOnlyDictionary<string, int> WordCounts => _wordCounts;

    /// <summary>Number of fitted texts each token occurs in.</summary>
    public IReadOnlyDictionary<string, int> WordDocs => _wordDocs;

    /// <summary>Token → index (from 1): OOV token first when given, then by descending count, ties by first appearance.</summary>
    public IReadOnlyDictionary<string, int> WordIndex => _wordIndex;

    /// <summary>Index → token, the inverse of <see cref="WordIndex"/>.</summary>
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
    /// Counts the tokens of <paramref name="texts"/> (adding to earlier fits) and rebuilds <see cref="WordIndex"/>.
    /// </summary>
    public void FitOnTexts(IEnumerable<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        foreach (string text in texts)
        {
            DocumentCount++;
            string[] tokens = Tokens(text);
            foreach (string token in tokens)
            {
                if (_wordCounts.TryGetValue(token, out int count)) _wordCounts[token] = count + 1;
                else
                {
                    _wordCounts[token] = 1;
                    _firstAppearance.Add(token);
                }
            }
            foreach (string token in tokens.Distinct())
                _wordDocs[token] = _wordDocs.GetValueOrDefault(token) + 1;
        }
        RebuildIndex();
    }

    /// <summary>
    /// Converts each text to token indices. Unknown tokens, and with <see cref="NumWords"/> tokens of index ≥
    /// NumWords, become the OOV index when <see cref="OovToken"/> is set and are dropped otherwise.
    /// </summary>
    public int[][] TextsToSequences(IEnumerable<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        int? oovIndex = OovIndex();
        var result = new List<int[]>();
        foreach (string text in texts)
        {
            var sequence = new List<int>();
            foreach (string token in Tokens(text))
            {
                if (_wordIndex.TryGetValue(token, out int index) && !(index >= NumWords))
                    sequence.Add(index);
                else if (oovIndex is int oov)
                    sequence.Add(oov);
            }
            result.Add(sequence.ToArray());
        }
        return result.ToArray();
    }

    /// <summary>
    /// Converts index sequences back to texts, tokens joined by one space (also at character level, as Keras does).
    /// Indices ≥ <see cref="NumWords"/> and unknown indices become the OOV token when set and are dropped otherwise.
    /// </summary>
    public string[] SequencesToTexts(IEnumerable<IReadOnlyList<int>> sequences)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        string? oovWord = OovIndex() is int oov ? _indexWord[oov] : null;
        var result = new List<string>();
        foreach (IReadOnlyList<int> sequence in sequences)
        {
            var words = new List<string>();
            foreach (int index in sequence)
            {
                if (_indexWord.TryGetValue(index, out string? word) && !(index >= NumWords))
                    words.Add(word);
                else if (oovWord is not null)
                    words.Add(oovWord);
            }
            result.Add(string.Join(' ', words));
        }
        return result.ToArray();
    }

    private string[] Tokens(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!CharLevel) return TextToWordSequence(text, Filters, Lower, Split);
        if (Lower) text = text.ToLowerInvariant();
        return text.EnumerateRunes().Select(r => r.ToString()).ToArray();
    }

    // Keras builds the index with dict(zip(vocabulary, 1..n)): a later duplicate (the OOV token also seen in the
    // texts) overwrites the earlier entry, so the same happens here.
    private void RebuildIndex()
    {
        var vocabulary = new List<string>();
        if (OovToken is not null) vocabulary.Add(OovToken);
        vocabulary.AddRange(_firstAppearance
            .Select((word, order) => (word, order))
            .OrderByDescending(w => _wordCounts[w.word])
            .ThenBy(w => w.order)
            .Select(w => w.word));
        _wordIndex = [];
        _indexWord = [];
        for (int i = 0; i < vocabulary.Count; i++)
        {
            _wordIndex[vocabulary[i]] = i + 1;
            _indexWord[i + 1] = vocabulary[i];
        }
    }

    private int? OovIndex() => OovToken is not null && _wordIndex.TryGetValue(OovToken, out int index) ? index : null;
}
