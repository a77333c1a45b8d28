using NotebookRnn.Tensors;

namespace NotebookRnn.Text;

/// <summary>
/// Fixed-length character windows over a text and the character that follows each, from
/// <see cref="CharacterVocabulary.Windows"/>: the seed example's <c>sentences</c> and <c>next_chars</c>.
/// </summary>
/// <remarks>
/// Window i starts at character <c>i × Step</c>. The one-hot forms are large — 4 bytes per window × MaxLen ×
/// vocabulary: 200,288 × 40 × 59 floats ≈ 1.9 GB for nietzsche.txt — so they take a range of windows; the id forms
/// (<see cref="InputIds"/>, <see cref="TargetIds"/>) are MaxLen floats per window (32 MB for the same text).
/// </remarks>
public sealed class CharacterWindows
{
    private readonly string _text;
    private readonly int[] _ids;

    internal CharacterWindows(CharacterVocabulary vocabulary, string text, int[] ids, int maxLen, int step)
    {
        Vocabulary = vocabulary;
        _text = text;
        _ids = ids;
        MaxLen = maxLen;
        Step = step;
        Count = text.Length > maxLen ? (text.Length - maxLen + step - 1) / step : 0;
    }

    /// <summary>The vocabulary the ids and one-hot columns refer to.</summary>
    public CharacterVocabulary Vocabulary { get; }

    /// <summary>Number of windows.</summary>
    public int Count { get; }

    /// <summary>Characters per window.</summary>
    public int MaxLen { get; }

    /// <summary>Distance between window starts.</summary>
    public int Step { get; }

    /// <summary>Window <paramref name="index"/> as text (<c>sentences[index]</c>).</summary>
    public string Sentence(int index) => _text.Substring(Start(index), MaxLen);

    /// <summary>The character after window <paramref name="index"/> (<c>next_chars[index]</c>).</summary>
    public char NextChar(int index) => _text[Start(index) + MaxLen];

    /// <summary>Character ids of windows [start, start + count): shape (count, MaxLen).</summary>
    /// <param name="start">First window; default 0.</param>
    /// <param name="count">Number of windows; default <c>null</c> = all from <paramref name="start"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">The range is not inside [0, Count).</exception>
    public Tensor InputIds(int start = 0, int? count = null)
    {
        int n = CheckedRange(start, count);
        var result = new Tensor(n, MaxLen);
        Span<float> data = result.Span;
        for (int i = 0; i < n; i++)
        {
            ReadOnlySpan<int> window = _ids.AsSpan(Start(start + i), MaxLen);
            for (int t = 0; t < MaxLen; t++) data[i * MaxLen + t] = window[t];
        }
        return result;
    }

    /// <summary>Id of the next character of windows [start, start + count): shape (count).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The range is not inside [0, Count).</exception>
    public Tensor TargetIds(int start = 0, int? count = null)
    {
        int n = CheckedRange(start, count);
        var result = new Tensor(n);
        for (int i = 0; i < n; i++) result.Span[i] = _ids[Start(start + i) + MaxLen];
        return result;
    }

    /// <summary>
    /// One-hot windows, the seed's <c>x</c>: shape (count, MaxLen, vocabulary), <c>x[i, t, id] = 1</c> for the
    /// character at step t of window start + i. See the remarks for its size.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The range is not inside [0, Count).</exception>
    public Tensor InputsOneHot(int start = 0, int? count = null)
    {
        int n = CheckedRange(start, count);
        int width = Vocabulary.Count;
        var result = new Tensor(n, MaxLen, width);
        Span<float> data = result.Span;
        for (int i = 0; i < n; i++)
        {
            ReadOnlySpan<int> window = _ids.AsSpan(Start(start + i), MaxLen);
            for (int t = 0; t < MaxLen; t++) data[(i * MaxLen + t) * width + window[t]] = 1f;
        }
        return result;
    }

    /// <summary>One-hot next characters, the seed's <c>y</c>: shape (count, vocabulary).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The range is not inside [0, Count).</exception>
    public Tensor TargetsOneHot(int start = 0, int? count = null)
    {
        int n = CheckedRange(start, count);
        int width = Vocabulary.Count;
        var result = new Tensor(n, width);
        for (int i = 0; i < n; i++) result.Span[i * width + _ids[Start(start + i) + MaxLen]] = 1f;
        return result;
    }

    private int Start(int index)
    {
        if ((uint)index >= (uint)Count)
            throw new ArgumentOutOfRangeException(nameof(index), index, $"Expected a window index in [0, {Count}).");
        return index * Step;
    }

    private int CheckedRange(int start, int? count)
    {
        int n = count ?? Count - start;
        if (start < 0 || n < 0 || start > Count - n)
            throw new ArgumentOutOfRangeException(nameof(start),
                $"Expected a range of windows inside [0, {Count}), got start {start} and count {count?.ToString() ?? "null"}.");
        return n;
    }
}
