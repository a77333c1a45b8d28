using NotebookRnn.Data;

namespace NotebookRnn.Devices;

/// <summary>How a batch is shared out among devices so that each has about the same number of real time steps.</summary>
internal static class TokenSplit
{
    /// <summary>
    /// Splits a batch across devices so their token counts are balanced: longest samples first, each to the device
    /// with the fewest tokens so far (ties to the lower device); each share keeps the batch's order.
    /// </summary>
    public static ArraySegment<int>[] Split(DataSource source, ArraySegment<int> indices, int devices)
    {
        int[] order = [.. Enumerable.Range(0, indices.Count).OrderByDescending(i => source.Tokens(indices[i])).ThenBy(i => i)];
        var load = new long[devices];
        var owner = new int[indices.Count];
        foreach (int i in order)
        {
            int best = 0;
            for (int d = 1; d < devices; d++) if (load[d] < load[best]) best = d;
            owner[i] = best;
            load[best] += Math.Max(1, source.Tokens(indices[i]));
        }
        var shards = new ArraySegment<int>[devices];
        for (int d = 0; d < devices; d++)
            shards[d] = new ArraySegment<int>([.. Enumerable.Range(0, indices.Count).Where(i => owner[i] == d).Select(i => indices[i])]);
        return shards;
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
