namespace NotebookRnn.Sequences;

/// <summary>
/// One epoch of batches from <see cref="Sequences.BucketBySequenceLength"/>. Every sample appears in exactly one
/// batch, except those in <see cref="Dropped"/> (only ever non-empty with <c>dropRemainder: true</c>).
/// </summary>
public sealed class BucketPlan
{
    internal BucketPlan(IReadOnlyList<BucketBatch> batches, int[] boundaries, int[] batchSizes, int[] dropped)
    {
        Batches = batches;
        Boundaries = boundaries;
        BatchSizes = batchSizes;
        Dropped = dropped;
    }

    /// <summary>The batches in the order an epoch runs them.</summary>
    public IReadOnlyList<BucketBatch> Batches { get; }

    /// <summary>The bucket boundaries (strictly increasing); there are <c>Boundaries.Length + 1</c> buckets.</summary>
    public int[] Boundaries { get; }

    /// <summary>Batch size of each bucket.</summary>
    public int[] BatchSizes { get; }

    /// <summary>Sample indices left out of every batch (partial batches dropped by <c>dropRemainder</c>), ascending.</summary>
    public int[] Dropped { get; }

    /// <summary>Number of samples placed in a batch.</summary>
    public int SampleCount => Batches.Sum(b => b.Size);

    /// <summary>Sum of the lengths of all batched sequences.</summary>
    public long RealTokens => Batches.Sum(b => b.RealTokens);

    /// <summary>Tokens in all padded blocks: Σ batch size × padded length.</summary>
    public long PaddedTokens => Batches.Sum(b => b.PaddedTokens);

    /// <summary>Padding tokens: <c>PaddedTokens − RealTokens</c>.</summary>
    public long PaddingTokens => PaddedTokens - RealTokens;
}
