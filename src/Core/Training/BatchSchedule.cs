using NotebookRnn.Data;
using NotebookRnn.Tensors;

namespace NotebookRnn.Training;

/// <summary>Which samples form each batch of an epoch: Keras's shuffled order, or batches of similar length for ragged input.</summary>
internal static class BatchSchedule
{
    /// <summary>
    /// Training batches of ragged input are cut from windows of this many batches' worth of shuffled samples, each
    /// sorted by length: larger windows pad less, smaller ones mix lengths more.
    /// </summary>
    public const int LengthWindowBatches = 50;

    /// <summary>Keras order: the samples shuffled anew each epoch (when asked), cut into consecutive batches.</summary>
    public static ArraySegment<int>[] Shuffled(int[] order, int batchSize, bool shuffle, RandomGenerator random)
    {
        if (shuffle) random.Shuffle(order.AsSpan());
        return Consecutive(order, 0, order.Length, batchSize);
    }

    /// <summary>
    /// Batches of similar length: shuffle (when asked), sort windows of <see cref="LengthWindowBatches"/> ·
    /// <paramref name="batchSize"/> samples by length, cut them into batches, shuffle the order of the batches.
    /// Every sample appears exactly once.
    /// </summary>
    public static ArraySegment<int>[] LengthGrouped(RaggedDataSource source, int[] order, int batchSize, bool shuffle, RandomGenerator random)
    {
        if (shuffle) random.Shuffle(order.AsSpan());
        int window = (int)Math.Min(order.Length, (long)LengthWindowBatches * batchSize);
        var batches = new List<ArraySegment<int>>(Count(order.Length, batchSize));
        for (int start = 0; start < order.Length; start += window)
        {
            int count = Math.Min(window, order.Length - start);
            source.IndicesByLength(new ArraySegment<int>(order, start, count)).CopyTo(order, start);
            batches.AddRange(Consecutive(order, start, count, batchSize));
        }
        ArraySegment<int>[] result = [.. batches];
        if (shuffle) random.Shuffle(result.AsSpan());
        return result;
    }

    /// <summary>Batches of <paramref name="samples"/> samples: ⌈samples / batchSize⌉.</summary>
    public static int Count(int samples, int batchSize) => (samples + batchSize - 1) / batchSize;

    // order[start .. start + count) cut into runs of batchSize samples; the last run may be shorter.
    private static ArraySegment<int>[] Consecutive(int[] order, int start, int count, int batchSize)
    {
        var batches = new ArraySegment<int>[Count(count, batchSize)];
        for (int b = 0; b < batches.Length; b++)
            batches[b] = new ArraySegment<int>(order, start + b * batchSize, Math.Min(batchSize, count - b * batchSize));
        return batches;
    }
}
