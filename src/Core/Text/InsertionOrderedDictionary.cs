using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace NotebookRnn.Text;

/// <summary>
/// A dictionary that enumerates its entries in first-insertion order, as a Python <c>dict</c> does: setting an
/// existing key replaces its value and keeps its place. Keras's tokenizer state is such dicts, and their order
/// is visible (word ranks break ties by it; <c>to_json</c> writes it), so the order is kept on purpose rather than
/// left to <see cref="Dictionary{TKey, TValue}"/>'s unspecified one. There is no removal: the tokenizer never removes.
/// </summary>
internal sealed class InsertionOrderedDictionary<TKey, TValue> : IReadOnlyDictionary<TKey, TValue>
    where TKey : notnull
{
    private readonly Dictionary<TKey, int> _positions = [];
    private readonly List<TKey> _keys = [];
    private readonly List<TValue> _values = [];

    public TValue this[TKey key]
    {
        get => _values[_positions[key]];
        set
        {
            if (_positions.TryGetValue(key, out int position))
            {
                _values[position] = value;
                return;
            }
            _positions[key] = _keys.Count;
            _keys.Add(key);
            _values.Add(value);
        }
    }

    public int Count => _keys.Count;

    public IEnumerable<TKey> Keys => _keys;

    public IEnumerable<TValue> Values => _values;

    public bool ContainsKey(TKey key) => _positions.ContainsKey(key);

    public bool TryGetValue(TKey key, [MaybeNullWhen(false)] out TValue value)
    {
        if (_positions.TryGetValue(key, out int position))
        {
            value = _values[position];
            return true;
        }
        value = default!;
        return false;
    }

    public IEnumerator<KeyValuePair<TKey, TValue>> GetEnumerator()
    {
        for (int i = 0; i < _keys.Count; i++) yield return new(_keys[i], _values[i]);
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
