using NotebookRnn.Tensors;

namespace NotebookRnn.Sequences;

public static partial class Sequences
{
    /// <summary>
    /// Groups samples into batches of similar length, with the meaning of tf.data's
    /// <c>bucket_by_sequence_length</c>: bucket <c>i</c> holds lengths in <c>[boundaries[i−1], boundaries[i])</c>
    /// (the first bucket starts at 0, the last is unbounded) and is cut into batches of <c>batchSizes[i]</c>.
    /// Samples are taken in order (or shuffled); a batch is emitted as soon as its bucket fills up, and the partial
    /// batches left at the end follow in bucket order.
    /// </summary>
    /// <remarks>
    /// Unlike MXNet's <c>BucketSentenceIter</c>, nothing is discarded and small buckets are kept: every sample
    /// appears in exactly one batch per epoch. The only way to lose samples is <paramref name="dropRemainder"/>.
    /// </remarks>
    /// <param name="lengths">Length of each sample (≥ 0), e.g. <c>sequences.Select(s =&gt; s.Length).ToArray()</c>.</param>
    /// <param name="boundaries">Strictly increasing bucket boundaries, each ≥ 1; may be empty (one bucket).</param>
    /// <param name="batchSizes">Batch size of each bucket (each ≥ 1): <c>boundaries.Count + 1</c> values.</param>
    /// <param name="padToBucketBoundary">
    /// false (default): a batch pads to its longest sequence. true: a batch in bucket <c>i</c> pads to
    /// <c>boundaries[i] − 1</c>; as in tf.data, every length must then be below the last boundary.
    /// </param>
    /// <param name="dropRemainder">
    /// false (default) keeps partial batches. true drops each bucket's final partial batch (listed in
    /// <see cref="BucketPlan.Dropped"/>), as tf.data's option does.
    /// </param>
    /// <param name="shuffle">When true, samples are taken in a random order and the batch order is shuffled too.</param>
    /// <param name="seed">Seed of the shuffle; <c>null</c> draws one from <see cref="Seeds"/>. Ignored without shuffle.</param>
    /// <exception cref="ArgumentException">
    /// A length is negative, the boundaries are not strictly increasing positive values, the number of batch sizes
    /// is not <c>boundaries.Count + 1</c>, a batch size is below 1, or with <paramref name="padToBucketBoundary"/> a
    /// length is ≥ the last boundary.
    /// </exception>
    public static BucketPlan BucketBySequenceLength(
        IReadOnlyList<int> lengths, IReadOnlyList<int> boundaries, IReadOnlyList<int> batchSizes,
        bool padToBucketBoundary = false, bool dropRemainder = false, bool shuffle = false, long? seed = null)
    {
        ArgumentNullException.ThrowIfNull(lengths);
        CheckLengths(lengths);
        int[] bounds = CheckedBoundaries(boundaries);
        int[] sizes = CheckedBatchSizes(batchSizes, bounds.Length);
        RandomGenerator? random = shuffle ? new RandomGenerator(seed ?? Seeds.Next()) : null;

        int[] order = Enumerable.Range(0, lengths.Count).ToArray();
        random?.Shuffle(order.AsSpan());
        var pending = new List<int>[bounds.Length + 1];
        for (int i = 0; i < pending.Length; i++) pending[i] = [];
        var batches = new List<BucketBatch>();
        foreach (int sample in order)
        {
            int bucket = BucketOf(lengths[sample], bounds);
            if (padToBucketBoundary && bucket == bounds.Length)
                throw new ArgumentException(
                    $"With padToBucketBoundary every length must be below the last boundary " +
                    $"({(bounds.Length == 0 ? "none given" : bounds[^1].ToString())}), but sample {sample} has length " +
                    $"{lengths[sample]}. Add a final boundary of at least {lengths.Max() + 1}.", nameof(lengths));
            pending[bucket].Add(sample);
            if (pending[bucket].Count == sizes[bucket])
            {
                batches.Add(MakeBatch(pending[bucket], bucket, lengths, bounds, padToBucketBoundary));
                pending[bucket].Clear();
            }
        }

        var dropped = new List<int>();
        for (int bucket = 0; bucket < pending.Length; bucket++)
        {
            if (pending[bucket].Count == 0) continue;
            if (dropRemainder) dropped.AddRange(pending[bucket]);
            else batches.Add(MakeBatch(pending[bucket], bucket, lengths, bounds, padToBucketBoundary));
        }
        if (random is not null) random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(batches));
        dropped.Sort();
        return new BucketPlan(batches, bounds, sizes, dropped.ToArray());
    }

    /// <summary>
    /// Bucket boundaries that minimise the total padded tokens when the samples are split into at most
    /// <paramref name="buckets"/> buckets and each bucket pads to its own longest length:
    /// minimises Σ_buckets (samples in bucket × longest length in bucket).
    /// </summary>
    /// <remarks>
    /// Exact: dynamic programming over the u distinct sorted lengths, O(buckets · u²) time. A bucket ending at
    /// length m gets the boundary m + 1, so with <c>padToBucketBoundary</c> it pads to exactly m; the last bucket
    /// has no boundary. Fewer than <paramref name="buckets"/> − 1 boundaries are returned when there are fewer
    /// distinct lengths than buckets. Ties go to the boundaries found first (the shortest first bucket).
    /// </remarks>
    /// <param name="lengths">Length of each sample (≥ 0).</param>
    /// <param name="buckets">Maximum number of buckets (≥ 1).</param>
    /// <returns>Strictly increasing boundaries, <c>min(buckets, distinct lengths) − 1</c> of them.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="buckets"/> is below 1.</exception>
    /// <exception cref="ArgumentException">A length is negative.</exception>
    public static int[] AutoBuckets(IReadOnlyList<int> lengths, int buckets)
    {
        ArgumentNullException.ThrowIfNull(lengths);
        if (buckets < 1)
            throw new ArgumentOutOfRangeException(nameof(buckets), buckets, "Expected at least 1 bucket.");
        CheckLengths(lengths);
        int[] distinct = lengths.Distinct().Order().ToArray();
        if (distinct.Length == 0) return [];
        long[] samplesUpTo = new long[distinct.Length + 1];
        var countOf = lengths.GroupBy(l => l).ToDictionary(g => g.Key, g => g.Count());
        for (int i = 0; i < distinct.Length; i++) samplesUpTo[i + 1] = samplesUpTo[i] + countOf[distinct[i]];

        int[] lastEnds = OptimalBucketEnds(distinct, samplesUpTo, Math.Min(buckets, distinct.Length));
        return lastEnds.SkipLast(1).Select(end => distinct[end] + 1).ToArray();
    }

    // Cost of a bucket over distinct lengths [first, last]: its samples each padded to distinct[last].
    // best[j, b] = least cost of covering distinct lengths 0..b with j + 1 buckets; start[j, b] = where the last begins.
    private static int[] OptimalBucketEnds(int[] distinct, long[] samplesUpTo, int buckets)
    {
        int u = distinct.Length;
        var best = new long[buckets, u];
        var start = new int[buckets, u];
        for (int b = 0; b < u; b++) best[0, b] = samplesUpTo[b + 1] * distinct[b];
        for (int j = 1; j < buckets; j++)
            for (int b = j; b < u; b++)
            {
                best[j, b] = long.MaxValue;
                for (int first = j; first <= b; first++)
                {
                    long cost = best[j - 1, first - 1] + (samplesUpTo[b + 1] - samplesUpTo[first]) * distinct[b];
                    if (cost < best[j, b])
                    {
                        best[j, b] = cost;
                        start[j, b] = first;
                    }
                }
            }
        var ends = new int[buckets];
        int end = u - 1;
        for (int j = buckets - 1; j >= 0; j--)
        {
            ends[j] = end;
            end = start[j, end] - 1;
        }
        return ends;
    }

    private static BucketBatch MakeBatch(
        List<int> samples, int bucket, IReadOnlyList<int> lengths, int[] bounds, bool padToBucketBoundary)
    {
        int[] indices = samples.ToArray();
        long real = 0;
        int longest = 0;
        foreach (int i in indices)
        {
            real += lengths[i];
            longest = Math.Max(longest, lengths[i]);
        }
        return new BucketBatch(indices, bucket, padToBucketBoundary ? bounds[bucket] - 1 : longest, real);
    }

    private static int BucketOf(int length, int[] bounds)
    {
        int bucket = 0;
        while (bucket < bounds.Length && length >= bounds[bucket]) bucket++;
        return bucket;
    }

    private static void CheckLengths(IReadOnlyList<int> lengths)
    {
        for (int i = 0; i < lengths.Count; i++)
            if (lengths[i] < 0)
                throw new ArgumentException($"Lengths must be ≥ 0, but length {i} is {lengths[i]}.", nameof(lengths));
    }

    private static int[] CheckedBoundaries(IReadOnlyList<int> boundaries)
    {
        ArgumentNullException.ThrowIfNull(boundaries);
        int[] bounds = boundaries.ToArray();
        for (int i = 0; i < bounds.Length; i++)
            if (bounds[i] < 1 || (i > 0 && bounds[i] <= bounds[i - 1]))
                throw new ArgumentException(
                    $"Expected strictly increasing boundaries ≥ 1, got [{string.Join(", ", bounds)}] (boundary {i} is {bounds[i]}).",
                    nameof(boundaries));
        return bounds;
    }

    private static int[] CheckedBatchSizes(IReadOnlyList<int> batchSizes, int boundaryCount)
    {
        ArgumentNullException.ThrowIfNull(batchSizes);
        if (batchSizes.Count != boundaryCount + 1)
            throw new ArgumentException(
                $"Expected boundaries.Count + 1 = {boundaryCount + 1} batch sizes (one per bucket), got {batchSizes.Count}.",
                nameof(batchSizes));
        for (int i = 0; i < batchSizes.Count; i++)
            if (batchSizes[i] < 1)
                throw new ArgumentException($"Batch sizes must be ≥ 1, but batch size {i} is {batchSizes[i]}.", nameof(batchSizes));
        return batchSizes.ToArray();
    }
}
