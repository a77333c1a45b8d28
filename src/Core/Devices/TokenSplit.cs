using NotebookRnn.Data;

namespace NotebookRnn.Devices;

/// <summary>
/// How a batch is shared out among devices so that each has about the same number of real time steps. One splitter
/// per engine: its buffers are reused, so a split allocates nothing once they have grown to the batch size.
/// </summary>
internal sealed class TokenSplit(int devices)
{
    private readonly long[] _load = new long[devices];
    private readonly ArraySegment<int>[] _shards = new ArraySegment<int>[devices];
    private long[] _keys = [];
    private int[] _order = [], _owner = [], _samples = [];

    /// <summary>
    /// Splits a batch across the devices so their token counts are balanced: longest samples first, each to the device
    /// with the fewest tokens so far (ties to the lower device); each share keeps the batch's order. The shares belong to
    /// the splitter until its next call.
    /// </summary>
    public ArraySegment<int>[] Split(DataSource source, ArraySegment<int> indices)
    {
        int count = indices.Count;
        Grow(count);
        // Longest first, then in batch order: one sort on (int.MaxValue − tokens, position), which no two samples share.
        for (int i = 0; i < count; i++) (_keys[i], _order[i]) = (((long)(int.MaxValue - source.Tokens(indices[i])) << 32) | (uint)i, i);
        Array.Sort(_keys, _order, 0, count);
        Array.Clear(_load);
        for (int j = 0; j < count; j++)
        {
            int i = _order[j], best = 0;
            for (int d = 1; d < _load.Length; d++) if (_load[d] < _load[best]) best = d;
            _owner[i] = best;
            _load[best] += Math.Max(1, source.Tokens(indices[i]));
        }
        int start = 0;
        for (int d = 0; d < _load.Length; d++)
        {
            int end = start;
            for (int i = 0; i < count; i++) if (_owner[i] == d) _samples[end++] = indices[i];
            _shards[d] = new ArraySegment<int>(_samples, start, end - start);
            start = end;
        }
        return _shards;
    }

    private void Grow(int count)
    {
        if (_keys.Length >= count) return;
        (_keys, _order, _owner, _samples) = (new long[count], new int[count], new int[count], new int[count]);
    }

    /// <summary>Non-zero ids per sample: the real steps of ids that an Embedding with maskZero reads.</summary>
    public static int[] NonZeroPerSample(TensorDataSource source)
    {
        var tokens = new int[source.Count];
        var one = new int[1];
        for (int i = 0; i < tokens.Length; i++)
        {
            one[0] = i;
            foreach (float id in source.Take(one).X.Span) if (id != 0) tokens[i]++;
        }
        return tokens;
    }
}
