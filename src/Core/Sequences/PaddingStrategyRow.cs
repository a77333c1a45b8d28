namespace NotebookRnn.Sequences;

/// <summary>One row of <see cref="PaddingReport.Strategies"/>: what a batching strategy computes and loses.</summary>
public sealed class PaddingStrategyRow
{
    internal PaddingStrategyRow(
        PaddingStrategy strategy, string name, int[] paddedLengths, long computedTokens, long realTokens,
        long truncatedTokens, int samplesTruncated, long dataRealTokens)
    {
        Strategy = strategy;
        Name = name;
        PaddedLengths = paddedLengths;
        ComputedTokens = computedTokens;
        RealTokens = realTokens;
        TruncatedTokens = truncatedTokens;
        SamplesTruncated = samplesTruncated;
        ComputeRatio = dataRealTokens == 0
            ? (computedTokens == 0 ? 1.0 : double.PositiveInfinity)
            : (double)computedTokens / dataRealTokens;
    }

    /// <summary>Which strategy this row describes.</summary>
    public PaddingStrategy Strategy { get; }

    /// <summary>Display name, e.g. <c>pad to p95</c> or <c>4 auto-buckets</c>.</summary>
    public string Name { get; }

    /// <summary>
    /// Row lengths the strategy pads to: one value for fixed lengths, one per bucket for buckets, none for packed.
    /// </summary>
    public IReadOnlyList<int> PaddedLengths { get; }

    /// <summary>Tokens computed, real and padding: Σ over samples of the padded length of their row.</summary>
    public long ComputedTokens { get; }

    /// <summary>Real tokens kept (computed tokens that are not padding).</summary>
    public long RealTokens { get; }

    /// <summary>Padding tokens computed: <c>ComputedTokens − RealTokens</c>.</summary>
    public long PaddingTokens => ComputedTokens - RealTokens;

    /// <summary>Real tokens lost to truncation: Σ max(0, length − padded length).</summary>
    public long TruncatedTokens { get; }

    /// <summary>Number of samples longer than their padded length.</summary>
    public int SamplesTruncated { get; }

    /// <summary>
    /// Computed tokens per real token of the whole data set (not only the kept ones), so that every row shares one
    /// denominator: packed is 1, and a truncating strategy can fall below 1. Defined as 1 (nothing computed) or +∞
    /// when the data has no real tokens.
    /// </summary>
    public double ComputeRatio { get; }
}
