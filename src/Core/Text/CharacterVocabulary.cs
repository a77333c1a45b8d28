namespace NotebookRnn.Text;

/// <summary>
/// The characters of a text, sorted, with their indices — the seed example's
/// <c>chars = sorted(list(set(text)))</c>, <c>char_indices</c> and <c>indices_char</c>.
/// </summary>
/// <remarks>Characters are UTF-16 code units sorted by ordinal value, which for Latin-1 text is Python's order.</remarks>
public sealed class CharacterVocabulary
{
    private readonly char[] _characters;
    private readonly Dictionary<char, int> _indices;

    /// <summary>A vocabulary of exactly these characters, in this order (index = position).</summary>
    /// <exception cref="ArgumentException">A character appears twice.</exception>
    public CharacterVocabulary(IEnumerable<char> characters)
    {
        ArgumentNullException.ThrowIfNull(characters);
        _characters = characters.ToArray();
        _indices = new Dictionary<char, int>(_characters.Length);
        for (int i = 0; i < _characters.Length; i++)
            if (!_indices.TryAdd(_characters[i], i))
                throw new ArgumentException(
                    $"Character {Describe(_characters[i])} appears at positions {_indices[_characters[i]]} and {i}; " +
                    "expected distinct characters.", nameof(characters));
    }

    /// <summary>The distinct characters of <paramref name="text"/>, sorted by ordinal value.</summary>
    public static CharacterVocabulary FromText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new CharacterVocabulary(text.Distinct().Order());
    }

    /// <summary>The characters; index i holds character i (<c>indices_char</c>).</summary>
    public IReadOnlyList<char> Characters => _characters;

    /// <summary>Character → index (<c>char_indices</c>).</summary>
    public IReadOnlyDictionary<char, int> CharIndices => _indices;

    /// <summary>Number of characters (the one-hot width).</summary>
    public int Count => _characters.Length;

    /// <summary>The index of <paramref name="character"/>.</summary>
    /// <exception cref="ArgumentException">The character is not in the vocabulary.</exception>
    public int IndexOf(char character) => _indices.TryGetValue(character, out int index)
        ? index
        : throw new ArgumentException(
            $"Character {Describe(character)} is not in the vocabulary of {Count} characters.", nameof(character));

    /// <summary>The index of every character of <paramref name="text"/>.</summary>
    /// <exception cref="ArgumentException">A character is not in the vocabulary (the message gives its position).</exception>
    public int[] Encode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var ids = new int[text.Length];
        for (int i = 0; i < text.Length; i++)
            ids[i] = _indices.TryGetValue(text[i], out int index)
                ? index
                : throw new ArgumentException(
                    $"Character {Describe(text[i])} at position {i} is not in the vocabulary of {Count} characters.",
                    nameof(text));
        return ids;
    }

    /// <summary>The characters with the given indices, as a string.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An index is outside <c>[0, Count)</c>.</exception>
    public string Decode(IEnumerable<int> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        return new string(ids.Select(id => (uint)id < (uint)Count
            ? _characters[id]
            : throw new ArgumentOutOfRangeException(nameof(ids), id, $"Expected character indices in [0, {Count}).")).ToArray());
    }

    /// <summary>
    /// The seed example's training windows: for <c>i = 0, step, 2·step, … &lt; text.Length − maxLen</c>, the
    /// sentence <c>text[i .. i + maxLen)</c> and the next character <c>text[i + maxLen]</c>.
    /// </summary>
    /// <param name="text">The text; every character must be in the vocabulary.</param>
    /// <param name="maxLen">Characters per window; default 40.</param>
    /// <param name="step">Distance between window starts; default 3.</param>
    /// <returns>max(0, ⌈(text.Length − maxLen) / step⌉) windows, e.g. 200,288 for the 600,902-character nietzsche.txt.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxLen"/> or <paramref name="step"/> is below 1.</exception>
    /// <exception cref="ArgumentException">A character of <paramref name="text"/> is not in the vocabulary.</exception>
    public CharacterWindows Windows(string text, int maxLen = 40, int step = 3)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (maxLen < 1) throw new ArgumentOutOfRangeException(nameof(maxLen), maxLen, "Expected maxLen ≥ 1.");
        if (step < 1) throw new ArgumentOutOfRangeException(nameof(step), step, "Expected step ≥ 1.");
        return new CharacterWindows(this, text, Encode(text), maxLen, step);
    }

    private static string Describe(char c) => $"'{c}' (U+{(int)c:X4})";
}
