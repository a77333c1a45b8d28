using System.Numerics.Tensors;

namespace AdditionRnn;

/// <summary>
/// Given a set of characters: encodes them to a one-hot representation, decodes a one-hot or probability row (or
/// character indices) back to characters (Keras's <c>CharacterTable</c> in addition_rnn.py).
/// </summary>
internal sealed class CharacterTable
{
    private readonly char[] _chars;
    private readonly Dictionary<char, int> _charIndices;

    /// <summary>The table of the distinct characters of <paramref name="chars"/>, sorted.</summary>
    public CharacterTable(string chars)
    {
        _chars = [.. chars.Distinct().Order()];
        _charIndices = _chars.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i);
    }

    /// <summary>The number of characters.</summary>
    public int Count => _chars.Length;

    /// <summary>Writes the one-hot encoding of <paramref name="text"/> into <paramref name="rows"/>: (numRows, Count), rows past the text stay zero.</summary>
    public void Encode(string text, Span<float> rows)
    {
        rows.Clear();
        for (int i = 0; i < text.Length; i++) rows[i * Count + _charIndices[text[i]]] = 1;
    }

    /// <summary>The characters of a (rows, Count) block of one-hot or probability rows: each row's argmax.</summary>
    public string Decode(ReadOnlySpan<float> rows)
    {
        var text = new char[rows.Length / Count];
        for (int i = 0; i < text.Length; i++)
            text[i] = _chars[TensorPrimitives.IndexOfMax(rows.Slice(i * Count, Count))];
        return new string(text);
    }
}
